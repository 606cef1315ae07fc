package io.illc.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.illc.api.Mlp;
import io.illc.core.Illc;
import io.illc.core.InputException;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.data.Dataset;
import io.illc.core.run.Progress;
import io.illc.core.run.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Local explanations through the facade: a spec with {@code local} on the golden tiny model. */
class LocalRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Illc ILLC = Illc.withPlugins(List.of());

    @TempDir
    Path dir;

    @Test
    void writesTheMetricsQbafAndClustersOfEachListedRowAndASummary() throws IOException {
        RunResult result = ILLC.run(spec("\"instances\": [0, 3]"), false, Progress.SILENT);
        Path out = dir.resolve("out");

        for (String row : List.of("0", "3")) {
            for (String file : List.of("metrics.json", "qbaf.json", "qbaf.dot", "clusters.json")) {
                assertTrue(Files.isRegularFile(out.resolve("local/" + row + "/" + file)), "local/" + row + "/" + file);
            }
        }
        JsonNode qbaf = JSON.readTree(out.resolve("local/3/qbaf.json").toFile());
        assertEquals(3, qbaf.get("local").get("row").asInt());

        // The run's numbers are the golden ones (global, Ward, shrink 0.5, the paper's kernel width).
        JsonNode golden = JSON.readTree(LocalGoldenTest.resource("bc_tiny.global.ward.shrink0.5.local-rows0-4.metrics.json"));
        JsonNode metrics0 = JSON.readTree(out.resolve("local/0/metrics.json").toFile());
        LocalGoldenTest.assertClose(golden.get("0").get("local-structural-unfaithfulness").get("value").asDouble(),
                metrics0.get("local-structural-unfaithfulness").get("value").asDouble(), "row 0 structural");

        List<String> lines = Files.readAllLines(out.resolve("local/summary.csv"), StandardCharsets.UTF_8);
        assertEquals(3, lines.size(), "a header and one line per row");
        List<String> header = List.of(lines.get(0).split(","));
        assertEquals(List.of("row", "true_label", "prediction"), header.subList(0, 3));
        assertTrue(header.contains("local-io-unfaithfulness"));
        assertTrue(header.contains("local-structural-unfaithfulness"));
        assertTrue(header.contains("local-structural-unfaithfulness.atInstance"));
        Dataset data = BuiltinDatasets.load("breast-cancer");
        Mlp original = result.original();
        for (int i = 0; i < 2; i++) {
            int row = i == 0 ? 0 : 3;
            String[] fields = lines.get(i + 1).split(",");
            assertEquals(header.size(), fields.length);
            assertEquals(Integer.toString(row), fields[0]);
            assertEquals(data.classNames().get(data.labels()[row]), fields[1], "true label of row " + row);
            double p = original.forward(data.features().row(row))[original.layers().size()][0];
            assertEquals(data.classNames().get(p >= 0.5 ? 1 : 0), fields[2], "prediction of row " + row);
            JsonNode expected = golden.get(Integer.toString(row));
            for (String metric : List.of("local-io-unfaithfulness", "local-structural-unfaithfulness")) {
                LocalGoldenTest.assertClose(expected.get(metric).get("value").asDouble(),
                        Double.parseDouble(fields[header.indexOf(metric)]), "summary " + metric + " of row " + row);
            }
            LocalGoldenTest.assertClose(expected.get("local-structural-unfaithfulness").get("details").get("atInstance").asDouble(),
                    Double.parseDouble(fields[header.indexOf("local-structural-unfaithfulness.atInstance")]),
                    "summary atInstance of row " + row);
            // Exactly Double.toString of the explanation's value.
            assertEquals(Double.toString(result.local().get(i).explanation().metrics().get("local-io-unfaithfulness").value()),
                    fields[header.indexOf("local-io-unfaithfulness")]);
        }
    }

    @Test
    void explainsTheRowsOfAFileOfNewRowsOverTheDataAsNeighbourhood() throws IOException {
        Dataset data = BuiltinDatasets.load("breast-cancer");
        StringBuilder csv = new StringBuilder(String.join(",", data.featureNames()) + "," + data.labelName() + "\n");
        for (int row : new int[]{3, 1}) {
            List<String> values = new ArrayList<>();
            for (double v : data.features().row(row)) {
                values.add(Double.toString(v));
            }
            csv.append(String.join(",", values)).append(',').append(data.classNames().get(data.labels()[row])).append('\n');
        }
        Files.writeString(dir.resolve("new.csv"), csv.toString());

        RunResult result = ILLC.run(spec("\"csv\": \"new.csv\""), false, Progress.SILENT);

        Path out = dir.resolve("out");
        for (String file : List.of("metrics.json", "qbaf.json", "qbaf.dot", "clusters.json")) {
            assertTrue(Files.isRegularFile(out.resolve("local/new/0/" + file)), "local/new/0/" + file);
            assertTrue(Files.isRegularFile(out.resolve("local/new/1/" + file)), "local/new/1/" + file);
        }
        List<String> lines = Files.readAllLines(out.resolve("local/summary.csv"), StandardCharsets.UTF_8);
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("new/0," + data.classNames().get(data.labels()[3]) + ","), lines.get(1));
        // New row 0 has the values of data row 3: the same explanation, atInstance included.
        JsonNode golden = JSON.readTree(LocalGoldenTest.resource("bc_tiny.global.ward.shrink0.5.local-rows0-4.metrics.json"));
        var structural = result.local().get(0).explanation().metrics().get("local-structural-unfaithfulness");
        LocalGoldenTest.assertClose(golden.get("3").get("local-structural-unfaithfulness").get("details").get("atInstance").asDouble(),
                ((Number) structural.details().get("atInstance")).doubleValue(), "atInstance of the new row");
    }

    @Test
    void writesOnlyMetricsForEveryRowWithoutRenderAll() throws IOException {
        // A 3-row data file keeps "all" quick.
        Dataset data = BuiltinDatasets.load("breast-cancer");
        StringBuilder csv = new StringBuilder(String.join(",", data.featureNames()) + "," + data.labelName() + "\n");
        for (int row = 0; row < 3; row++) {
            List<String> values = new ArrayList<>();
            for (double v : data.features().row(row)) {
                values.add(Double.toString(v));
            }
            csv.append(String.join(",", values)).append(',').append(data.classNames().get(data.labels()[row])).append('\n');
        }
        Files.writeString(dir.resolve("three.csv"), csv.toString());
        String json = specJson("\"instances\": \"all\"").replace("{\"builtin\": \"breast-cancer\"}",
                "{\"csv\": \"three.csv\", \"label\": \"" + data.labelName() + "\"}");

        RunResult all = ILLC.run(ILLC.parse(json, dir, "spec"), false, Progress.SILENT);
        ILLC.run(ILLC.parse(json.replace("\"instances\": \"all\"", "\"instances\": [0, 1, 2]")
                .replace("\"output\": \"out\"", "\"output\": \"listed\""), dir, "spec"), false, Progress.SILENT);

        Path out = dir.resolve("out");
        for (int row = 0; row < 3; row++) {
            assertTrue(Files.isRegularFile(out.resolve("local/" + row + "/metrics.json")));
            assertFalse(Files.exists(out.resolve("local/" + row + "/qbaf.json")));
        }
        assertEquals(4, Files.readAllLines(out.resolve("local/summary.csv")).size());
        assertTrue(all.local().stream().noneMatch(r -> r.explanation().hasNetwork()),
                "a row not rendered keeps only the summary of its explanation");
        assertEquals(Files.readString(dir.resolve("listed/local/summary.csv")), Files.readString(out.resolve("local/summary.csv")),
                "the same summary as for the rows listed and rendered");
    }

    @Test
    void aSummaryKeepsTheMetricsButNotTheNetworkAndCannotBeRendered() throws IOException {
        RunResult run = ILLC.run(spec("\"instances\": [5]"), false, Progress.SILENT);
        LocalExplanation full = run.local().get(0).explanation();

        LocalExplanation summary = full.summary();

        assertTrue(full.hasNetwork());
        assertFalse(summary.hasNetwork());
        assertEquals(full.metrics(), summary.metrics());
        assertEquals(full.effectiveSize(), summary.effectiveSize());
        assertEquals(0, summary.neighbours().length);
        assertThrows(IllegalArgumentException.class, () -> new ExplainedRow(summary, "c", null, true));
    }

    @Test
    void refusesARowBeyondTheDataNamingItsPathAndTheRowCount() throws IOException {
        InputException e = assertThrows(InputException.class,
                () -> ILLC.run(spec("\"instances\": [0, 569]"), false, Progress.SILENT));
        assertTrue(e.getMessage().contains("$.local.instances[1]"), e.getMessage());
        assertTrue(e.getMessage().contains("569 rows"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out")), "nothing is written");
    }

    private io.illc.core.spec.PipelineSpec spec(String rows) throws IOException {
        return ILLC.parse(specJson(rows), dir, "spec");
    }

    private String specJson(String rows) throws IOException {
        Files.write(dir.resolve("bc_tiny.model.json"), LocalGoldenTest.resource("bc_tiny.model.json"));
        return """
                {
                  "specVersion": 1,
                  "seed": 0,
                  "data": {"builtin": "breast-cancer"},
                  "model": {"load": "bc_tiny.model.json", "format": "weights-json"},
                  "compression": {
                    "method": "global",
                    "shrink": 0.5,
                    "clustering": {"name": "agglomerative", "params": {"linkage": "ward"}}
                  },
                  "local": {%s, "preset": "definition-10",
                            "aggregation": {"name": "local", "params": {"zeroActivation": "one"}}},
                  "renderers": [{"name": "json"}, {"name": "dot"}],
                  "output": "out"
                }
                """.formatted(rows);
    }
}
