package io.illc.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.illc.api.MetricResult;
import io.illc.core.Illc;
import io.illc.core.spec.PipelineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fine-tuning, the cluster budget and held-out figures through the whole pipeline (breast-cancer, a 12-10-8 model). */
class FinetuneBudgetHoldoutRunTest {
    private static final Illc ILLC = Illc.withPlugins(List.of());
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden").toAbsolutePath();
    private static final String FAST_FINETUNE = "{\"epochs\": 40, \"learningRate\": 0.01, \"patience\": 10}";

    private static PipelineSpec spec(String compression) {
        return ILLC.parse("""
                {"data": {"builtin": "breast-cancer"}, "model": {"load": "bc_tiny.model.json"},
                 "metrics": [{"name": "io-unfaithfulness"}, {"name": "structural-unfaithfulness"}],
                 "compression": %s}""".formatted(compression), GOLDEN, "test");
    }

    private static RunResult run(String compression) {
        return ILLC.compute(spec(compression));
    }

    @Test
    void withAHoldoutMetricsKeepTheHeldOutValuesAndAddTheInSampleOnes() {
        RunResult r = run("{\"method\": \"illc\", \"shrink\": 0.5, \"rows\": {\"holdout\": 0.2}}");

        assertEquals(List.of("io-unfaithfulness", "structural-unfaithfulness", "io-unfaithfulness (in-sample)",
                "structural-unfaithfulness (in-sample)"), List.copyOf(r.metrics().keySet()));
        assertNotEquals(r.metrics().get("io-unfaithfulness").value(), r.metrics().get("io-unfaithfulness (in-sample)").value());
    }

    @Test
    void withoutAHoldoutThereAreNoInSampleEntries() {
        RunResult r = run("{\"method\": \"illc\", \"shrink\": 0.5}");

        assertEquals(List.of("io-unfaithfulness", "structural-unfaithfulness"), List.copyOf(r.metrics().keySet()));
        assertNull(r.finetune());
        assertNull(r.budget());
    }

    @Test
    void fineTuningKeepsThePartitionsAndLowersTheInSampleOutputLoss() {
        String base = "{\"method\": \"illc\", \"shrink\": 0.5, \"rows\": {\"holdout\": 0.2}";
        RunResult plain = run(base + "}");
        RunResult tuned = run(base + ", \"finetune\": " + FAST_FINETUNE + "}");

        assertEquals(plain.compression().partitions(), tuned.compression().partitions());
        assertEquals(plain.compressed().layers().size(), tuned.compressed().layers().size());
        for (int l = 0; l < plain.compressed().layers().size(); l++) {
            assertEquals(plain.compressed().layers().get(l).outputs(), tuned.compressed().layers().get(l).outputs());
        }
        MetricResult before = plain.metrics().get("io-unfaithfulness (in-sample)");
        MetricResult after = tuned.metrics().get("io-unfaithfulness (in-sample)");
        assertTrue(after.value() < before.value(), before.value() + " → " + after.value());
        assertTrue(tuned.finetune().bestValidationLoss() <= tuned.finetune().initialValidationLoss());
        assertTrue(tuned.timings().containsKey("finetune"));
    }

    @Test
    void fineTuningIsDeterministicForASeed() {
        String c = "{\"method\": \"global\", \"shrink\": 0.5, \"finetune\": " + FAST_FINETUNE + "}";

        assertEquals(run(c).compressed(), run(c).compressed());
    }

    @Test
    void aComplexityBudgetChoosesCountsWhoseProductFitsIt() {
        RunResult r = run("{\"method\": \"illc\", \"complexity\": 60}");

        int[] k = r.budget().clusterCounts();
        assertTrue(Arrays.stream(k).reduce(1, (a, b) -> a * b) <= 60, Arrays.toString(k));
        assertEquals(Arrays.stream(k).boxed().toList(),
                r.compression().partitions().stream().map(p -> p.clusterCount()).toList());
        assertEquals(List.of(12, 10, 8), Arrays.stream(run("{\"complexity\": 960}").budget().clusterCounts()).boxed().toList(),
                "12 · 10 · 8 = 960: no compression");
    }

    @Test
    void provenanceRecordsTheBudgetAndTheFineTuning(@TempDir Path dir) throws IOException {
        PipelineSpec spec = spec("{\"complexity\": 60, \"finetune\": " + FAST_FINETUNE + "}").withOutput(dir.resolve("out"));
        RunResult r = ILLC.run(spec, false, Progress.SILENT);

        JsonNode provenance = new ObjectMapper().readTree(dir.resolve("out/provenance.json").toFile());
        assertEquals(60.0, provenance.path("clusterBudget").path("complexity").doubleValue());
        assertEquals(3, provenance.path("clusterBudget").path("withinClusterSumOfSquares").size());
        assertEquals(r.finetune().epochsRun(), provenance.path("finetune").path("epochsRun").intValue());
        assertEquals(r.finetune().bestValidationLoss(), provenance.path("finetune").path("bestValidationLoss").doubleValue());
        assertEquals(r.finetune().bestEpoch(), provenance.path("finetune").path("bestEpoch").intValue());
        assertEquals(r.finetune().initialTrainingLoss(), provenance.path("finetune").path("initialTrainingLoss").doubleValue());
        assertEquals(r.finetune().bestTrainingLoss(), provenance.path("finetune").path("bestTrainingLoss").doubleValue());
        assertEquals(r.finetune().transferRows(), provenance.path("finetune").path("transferRows").intValue());
        assertTrue(r.finetune().transferRows() > 0, "transfer rows are on by default");
        assertEquals(r.finetune().keptStartingWeights(), provenance.path("finetune").path("keptStartingWeights").booleanValue());
        assertEquals(r.finetune().warning().orElse(null), provenance.path("finetune").path("warning").textValue());
        assertTrue(provenance.path("finetune").has("warning"));
        JsonNode effective = new ObjectMapper().readTree(dir.resolve("out/spec.json").toFile());
        assertEquals(40, effective.path("compression").path("finetune").path("epochs").intValue());
        assertEquals(1.0, effective.path("compression").path("finetune").path("structuralWeight").doubleValue());
    }
}
