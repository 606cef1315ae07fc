package io.illc.core.run;

import io.illc.api.Argument;
import io.illc.api.MetricResult;
import io.illc.core.Illc;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
