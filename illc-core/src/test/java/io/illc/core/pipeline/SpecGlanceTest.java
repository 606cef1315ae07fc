package io.illc.core.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SpecGlanceTest {
    @TempDir
    Path tmp;

    @Test
    void resolvesTheModelFileAgainstTheSpecsFolderAndKeepsTheFormat() throws IOException {
        SpecGlance glance = glance("{\"model\": {\"load\": \"../models/m.json\", \"format\": \"dl4j\"}}");

        assertEquals(tmp.resolve("models/m.json"), glance.file());
        assertEquals("dl4j", glance.format());
        assertNull(glance.threads());
    }

    /** Only an int of at least 1 is a thread count; the spec's parse reports anything else. */
    @Test
    void takesTheThreadCountWhenItIsAPositiveInt() throws IOException {
        assertEquals(3, glance(threads("3")).threads());
        assertEquals(Integer.MAX_VALUE, glance(threads("2147483647")).threads());
        for (String notOne : new String[]{"0", "-2", "2.5", "1e3", "2147483648", "\"4\"", "null", "[4]"}) {
            assertNull(glance(threads(notOne)).threads(), notOne);
        }
    }

    private static String threads(String value) {
        return "{\"execution\": {\"threads\": " + value + "}, \"model\": {\"load\": \"m.json\"}}";
    }

    private SpecGlance glance(String json) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("specs"));
        return SpecGlance.of(Files.writeString(folder.resolve("spec.json"), json));
    }
}
