package io.illc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginsCommandTest {

    @Test
    void listsTheBundledPluginsWithKindAndLocation() {
        Cli.Outcome r = Cli.illc("plugins");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("KIND +NAME +VERSION +DESCRIPTION +JAR"), lines.get(0));
        for (String name : new String[]{"kmeans", "agglomerative", "io-unfaithfulness", "average", "relu"}) {
            assertTrue(lines.stream().anyMatch(l -> l.contains(" " + name + " ")), () -> name + " missing:\n" + r.out());
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("clustering ") && l.contains(" kmeans ")
                && l.contains("illc-plugins")), r.out());
    }

    @Test
    void jsonIsAnArrayOfPluginsWithEveryField() throws Exception {
        Cli.Outcome r = Cli.illc("plugins", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode array = new ObjectMapper().readTree(r.out());
        assertTrue(array.isArray());
        List<String> names = new ArrayList<>();
        for (JsonNode p : array) {
            for (String field : new String[]{"kind", "name", "version", "description", "jar"}) {
                assertTrue(p.path(field).isTextual(), () -> field + " missing in " + p);
            }
            names.add(p.get("kind").textValue() + "/" + p.get("name").textValue());
        }
        assertTrue(names.contains("clustering/kmeans"), names::toString);
        assertTrue(names.contains("metric/io-unfaithfulness"), names::toString);
    }
}
