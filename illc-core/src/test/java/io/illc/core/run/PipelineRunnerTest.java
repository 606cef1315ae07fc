package io.illc.core.run;

import io.illc.api.Argument;
import io.illc.api.MetricResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.illc.core.Illc;
import io.illc.core.local.LocalExplanation;
import io.illc.core.local.NeighbourhoodSample;
import io.illc.core.spec.LocalSpec;
import io.illc.core.spec.LocalSpec.Neighbourhood;
import io.illc.core.spec.PipelineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineRunnerTest {
    private static final Illc ILLC = Illc.withPlugins(List.of());
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden").toAbsolutePath();

    private static RunResult run(String compression) {
        String spec = """
                {"data": {"builtin": "breast-cancer"}, "model": {"load": "bc_tiny.model.json"},
                 "compression": %s}""".formatted(compression);
        return ILLC.compute(ILLC.parse(spec, GOLDEN, "test"));
    }

    @Test
    void anUnnamedModelTakesItsFeatureAndClassNamesFromTheData() {
        RunResult result = run("{\"method\": \"global\", \"shrink\": 0.5, \"clustering\": {\"name\": \"agglomerative\"}}");

        assertEquals("mean_radius", result.original().inputNames().get(0));
        assertEquals(List.of("1"), result.original().outputNames());
        List<Argument> arguments = result.qbaf().arguments();
        assertEquals("mean_radius", arguments.get(0).id());
        assertEquals("1", arguments.get(arguments.size() - 1).id());
    }

    @Test
    void noCompressionGivesZeroUnfaithfulnessAndTheFullCognitiveComplexity() {
        RunResult result = run("{\"method\": \"illc\", \"shrink\": 0, \"clustering\": {\"name\": \"kmeans\"}}");

        MetricResult io = result.metrics().get("io-unfaithfulness");
        MetricResult structural = result.metrics().get("structural-unfaithfulness");
        assertEquals(0, io.value(), 1e-12);
        assertEquals(0, structural.value(), 1e-12);
        assertEquals(12.0 * 10 * 8, result.metrics().get("cognitive-complexity").value());
        assertEquals(1.0, result.metrics().get("agreement").value());
    }

    @Test
    void theSameSpecAndSeedGiveTheSameKMeansPartitions() {
        String kmeans = "{\"method\": \"illc\", \"shrink\": 0.6, \"clustering\": {\"name\": \"kmeans\"}}";

        assertEquals(run(kmeans).compression().partitions(), run(kmeans).compression().partitions());
        assertTrue(run(kmeans).compression().partitions().get(0).clusterCount() <= 4);
    }

    private static PipelineSpec localSpec(String local, Path out) {
        String spec = """
                {"data": {"builtin": "breast-cancer"}, "model": {"load": "bc_tiny.model.json"},
                 "compression": {"method": "global", "shrink": 0.5, "clustering": {"name": "agglomerative"}},
                 "local": %s}""".formatted(local);
        return ILLC.parse(spec, GOLDEN, "test").withOutput(out);
    }

    @Test
    void theDefaultNeighbourhoodIsEveryRowUpToTenThousandAndASampleAboveWhichIsSaid() {
        LocalSpec local = localSpec("{\"instances\": [0]}", GOLDEN.resolve("unused")).local();
        List<String> notes = new ArrayList<>();
        Progress progress = notes::add;

        assertEquals(Neighbourhood.ALL, PipelineRunner.neighbourhood(local, 10_000, progress).neighbourhood());
        assertEquals(List.of(), notes, "every row needs no word");
        assertEquals(Neighbourhood.sample(10_000), PipelineRunner.neighbourhood(local, 10_001, progress).neighbourhood());
        assertEquals(List.of("local explanations: the data has 10001 rows, more than 10000, so every row's neighbourhood"
                + " is a seeded sample of 10000 rows; set local.neighbourhood to \"all\" or {\"sample\": M} to choose"), notes);
        LocalSpec asked = local.withNeighbourhood(Neighbourhood.sample(50));
        assertEquals(asked, PipelineRunner.neighbourhood(asked, 10_001, progress), "an explicit choice stays");
    }

    @Test
    void aRunRecordsTheNeighbourhoodInTheEffectiveSpecAndProvenance(@TempDir Path dir) throws IOException {
        RunResult all = ILLC.run(localSpec("{\"instances\": [0]}", dir.resolve("all")), false, Progress.SILENT);
        assertEquals(Neighbourhood.ALL, all.spec().local().neighbourhood());
        assertTrue(Files.readString(dir.resolve("all/spec.json")).contains("\"neighbourhood\": \"all\""));
        JsonNode n = new ObjectMapper().readTree(dir.resolve("all/provenance.json").toFile()).path("local").path("neighbourhood");
        assertEquals("all", n.path("kind").textValue());
        assertEquals(569, n.path("size").intValue());
        assertFalse(n.has("sampleSeed"));

        RunResult sampled = ILLC.run(localSpec("{\"instances\": [0, 5], \"neighbourhood\": {\"sample\": 40}}",
                dir.resolve("sampled")), false, Progress.SILENT);
        JsonNode s = new ObjectMapper().readTree(dir.resolve("sampled/provenance.json").toFile()).path("local").path("neighbourhood");
        assertEquals("sample", s.path("kind").textValue());
        assertEquals(40, s.path("size").intValue());
        assertEquals(NeighbourhoodSample.seed(sampled.spec().seed()), s.path("sampleSeed").longValue());
        int[] sample = NeighbourhoodSample.rows(569, 40, sampled.spec().seed());
        for (var row : sampled.local()) {
            LocalExplanation e = row.explanation();
            assertTrue(Arrays.stream(e.neighbours()).allMatch(r -> r == e.row() || Arrays.binarySearch(sample, r) >= 0),
                    "row " + e.row() + " is compared with the sample only");
        }
    }

    @Test
    void theProvenanceListsEachPluginOnceWhateverItsParameters(@TempDir Path dir) throws IOException {
        // The local clustering is the global one's plugin with another linkage: one plugin, one entry.
        ILLC.run(localSpec("{\"instances\": [0], \"clustering\": {\"name\": \"agglomerative\","
                + " \"params\": {\"linkage\": \"average\"}}}", dir), false, Progress.SILENT);

        List<String> listed = new ArrayList<>();
        new ObjectMapper().readTree(dir.resolve("provenance.json").toFile()).path("plugins")
                .forEach(p -> listed.add(p.path("kind").textValue() + " " + p.path("name").textValue()));
        assertEquals(List.of("clustering agglomerative", "aggregation average"), listed.subList(0, 2));
        assertEquals(1, listed.stream().filter("clustering agglomerative"::equals).count(), listed::toString);
        assertEquals(listed.stream().distinct().toList(), listed);
        assertTrue(listed.contains("aggregation refit"), "the local aggregation: " + listed);
    }

    @Test
    void aRunSaysAndRecordsTheEffectiveNeighbourhoodSizeAndWarnsWhenItIsAboutOneRow(@TempDir Path dir) throws IOException {
        List<String> notes = new ArrayList<>();
        RunResult paper = ILLC.run(localSpec("{\"instances\": [0, 3], \"preset\": \"definition-10\"}",
                dir.resolve("paper")), false, notes::add);
        double[] sizes = paper.local().stream().mapToDouble(r -> r.explanation().effectiveSize()).sorted().toArray();
        String note = notes.stream().filter(n -> n.contains("effective neighbourhood size")).findFirst().orElseThrow();
        assertTrue(note.startsWith("local explanations: effective neighbourhood size (Σπ)²/Σπ² min "), note);
        assertTrue(note.contains("widen local.kernel.width"), "the paper's width gives about one row: " + note);
        JsonNode p = new ObjectMapper().readTree(dir.resolve("paper/provenance.json").toFile()).path("local");
        assertEquals("definition-10", p.path("preset").textValue());
        assertEquals(0.1 * Math.sqrt(30), p.path("kernelWidth").doubleValue(), 0.0);
        assertEquals(sizes[0], p.path("effectiveSize").path("min").doubleValue(), 0.0);
        assertEquals((sizes[0] + sizes[1]) / 2, p.path("effectiveSize").path("median").doubleValue(), 0.0);
        assertEquals(sizes[1], p.path("effectiveSize").path("max").doubleValue(), 0.0);

        notes.clear();
        RunResult wide = ILLC.run(localSpec("{\"instances\": [0, 3], \"baseline\": \"lime\"}", dir.resolve("wide")),
                false, notes::add);
        assertTrue(wide.local().stream().allMatch(r -> r.explanation().effectiveSize() > 10), "LIME's width");
        assertTrue(notes.stream().noneMatch(n -> n.contains("widen")), notes::toString);
        JsonNode w = new ObjectMapper().readTree(dir.resolve("wide/provenance.json").toFile()).path("local");
        assertEquals("wide-refit", w.path("preset").textValue());
        assertEquals(0.75 * Math.sqrt(30), w.path("kernelWidth").doubleValue(), 0.0);
        List<String> summary = Files.readAllLines(dir.resolve("wide/local/summary.csv"));
        assertTrue(summary.get(0).endsWith(",effective-size,lime-io-unfaithfulness"), summary.get(0));
        String[] first = summary.get(1).split(",");
        assertEquals(Double.toString(wide.local().get(0).explanation().lime().ioUnfaithfulness()), first[first.length - 1]);
    }

    @Test
    void aLimeBaselineWithoutRidgeOnTooFewRowsIsBadInputAtItsPathAndWritesNothing(@TempDir Path dir) {
        // So narrow a kernel that the row is its only neighbour: 31 unknowns, one row.
        Path out = dir.resolve("out");
        io.illc.core.InputException e = org.junit.jupiter.api.Assertions.assertThrows(io.illc.core.InputException.class,
                () -> ILLC.run(localSpec("{\"instances\": [0], \"kernel\": {\"width\": 0.001},"
                        + " \"baseline\": {\"name\": \"lime\", \"ridge\": 0}}", out), false, Progress.SILENT));
        assertTrue(e.getMessage().startsWith("$.local.baseline: row 0: the LIME surrogate's normal equations are"
                + " singular"), e.getMessage());
        assertTrue(e.getMessage().endsWith("set the ridge above 0"), e.getMessage());
        assertFalse(Files.exists(out.resolve("spec.json")), "nothing is written");
    }
}
