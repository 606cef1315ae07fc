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
    void wideListsTheBundledPluginsWithKindVersionAndLocation() {
        Cli.Outcome r = Cli.illc("plugins", "--wide");
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
    void theDefaultTableFitsATerminalAndNamesEachJarOnce() {
        Cli.Outcome r = Cli.illc("plugins");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("KIND +NAME +DESCRIPTION"), lines.get(0));
        List<String> table = lines.subList(0, lines.indexOf(""));
        assertEquals(List.of(), table.stream().filter(l -> l.length() > PluginsCommand.DEFAULT_WIDTH).toList(),
                "the table keeps to the width; only a jar's own path may be longer");
        for (String name : new String[]{"kmeans", "agglomerative", "io-unfaithfulness", "average", "relu", "html"}) {
            assertTrue(lines.stream().anyMatch(l -> l.contains(" " + name + " ")), () -> name + " missing:\n" + r.out());
        }
        List<String> jarLines = lines.stream().filter(l -> l.contains(" from ")).toList();
        assertEquals(1, jarLines.size(), r.out());
        assertTrue(jarLines.get(0).matches("[0-9]+ plugins from .*illc-plugins.*"), jarLines.get(0));
    }

    @Test
    void helpCommandShowsTheUsageOfACommand() {
        Cli.Outcome r = Cli.illc("help", "run");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: illc run "), r.out());
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
