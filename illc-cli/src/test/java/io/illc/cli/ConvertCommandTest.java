package io.illc.cli;

import io.illc.api.Mlp;
import io.illc.core.model.ModelLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvertCommandTest {
    @TempDir
    Path tmp;

    @Test
    void convertsWeightsJsonToADl4jZipAndBackWithoutChangingTheNetwork() throws Exception {
        Path zip = tmp.resolve("bc_tiny.zip");
        Path json = tmp.resolve("back.json");
        Cli.Outcome toZip = Cli.illc("convert", Cli.GOLDEN_MODEL.toString(), zip.toString());
        assertEquals(0, toZip.code(), toZip.err());
        assertTrue(toZip.out().startsWith("wrote " + zip), toZip.out());
        assertEquals("dl4j", ModelLoader.load(zip, null).format());

        assertEquals(0, Cli.illc("convert", "--quiet", zip.toString(), json.toString()).code());
        Mlp original = ModelLoader.load(Cli.GOLDEN_MODEL, null).mlp();
        Mlp roundTrip = ModelLoader.load(json, null).mlp();
        assertArrayEquals(original.hiddenWidths(), roundTrip.hiddenWidths());
        for (int l = 0; l < original.layers().size(); l++) {
            assertEquals(original.layers().get(l), roundTrip.layers().get(l), "layer " + l);
        }
        assertEquals(List.of("bc_tiny.zip", "back.json").stream().sorted().toList(), listing(tmp));
    }

    @Test
    void anExistingOutputIsReplacedOnlyWithForce() throws Exception {
        Path out = tmp.resolve("model.json");
        Files.writeString(out, "keep me");
        Cli.Outcome refused = Cli.illc("convert", Cli.GOLDEN_MODEL.toString(), out.toString());
        assertEquals(2, refused.code(), refused.err());
        assertEquals("illc: OUT: " + out + " exists; add --force to replace it, or choose another file\n", refused.err());
        assertEquals("keep me", Files.readString(out));

        assertEquals(0, Cli.illc("convert", "--quiet", Cli.GOLDEN_MODEL.toString(), out.toString(), "--force").code());
        assertEquals("weights-json", ModelLoader.load(out, null).format());
    }

    @Test
    void anOutputWithoutAKnownExtensionIsBadInputAndLeavesNothingBehind() throws Exception {
        Cli.Outcome r = Cli.illc("convert", Cli.GOLDEN_MODEL.toString(), tmp.resolve("model.bin").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("model.bin"), r.err());
        r.assertNoJavaInternalsOnStderr();
        assertEquals(List.of(), listing(tmp));
    }

    @Test
    void theOutputFormatIsCheckedBeforeTheModelIsRead() {
        // The input does not exist: had it been read first, that would be the error.
        String absent = tmp.resolve("none.json").toString();

        Cli.Outcome byName = Cli.illc("convert", absent, tmp.resolve("model.bin").toString());
        Cli.Outcome byOption = Cli.illc("convert", absent, tmp.resolve("model.bin").toString(), "--format", "keras");

        assertEquals(2, byName.code(), byName.err());
        assertEquals("illc: cannot tell the output format from model.bin; end the name in .json (weights JSON) or .zip (DL4J),"
                + " or give --format weights-json or --format dl4j\n", byName.err());
        assertEquals(2, byOption.code(), byOption.err());
        assertEquals("illc: --format: cannot write models as 'keras'; writable formats: weights-json, dl4j (keras is import-only)\n",
                byOption.err());
    }

    @Test
    void aMissingInputIsBadInput() {
        Cli.Outcome r = Cli.illc("convert", tmp.resolve("none.json").toString(), tmp.resolve("out.json").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("none.json"), r.err());
        r.assertNoJavaInternalsOnStderr();
    }

    private static List<String> listing(Path folder) throws java.io.IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
