package io.illc.core.compress;

import io.illc.api.Activation;
import io.illc.api.AggregationFunction;
import io.illc.api.ClusterAssignment;
import io.illc.api.ClusteringStrategy;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Parameters;
import io.illc.api.PluginKind;
import io.illc.core.InputException;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.catalog.PluginChoice;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.data.Dataset;
import io.illc.core.finetune.SmallProblem;
import io.illc.core.model.WeightsJson;
import io.illc.core.spec.CompressionSpec;
import io.illc.core.spec.CompressionSpec.Method;
import io.illc.core.stream.LocalRowPasses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streamed compression (sums over rows only) against the compression over rows held in memory:
 * the same partitions and, bit for bit, the same network, on the goldens and on more rows than one
 * chunk, for every thread count.
 */
class StreamedCompressionTest {
    private static final PluginCatalog CATALOG = PluginCatalog.discover(List.of());

    @ParameterizedTest(name = "{0} {1} shrink {2}")
    @CsvSource({
            "bc_tiny, global, 0.5, breast-cancer",
            "bc_tiny, global, 0.7, breast-cancer",
            "bc_tiny, illc, 0.5, breast-cancer",
            "bc_tiny, illc, 0.7, breast-cancer",
            "iris_tiny, global, 0.5, iris",
            "iris_tiny, illc, 0.5, iris"})
    void streamedCompressionOfTheGoldensEqualsTheInMemoryOne(String model, String method, String shrink, String data)
            throws IOException {
        Mlp original;
        try (InputStream in = GoldenCompressionTest.class.getResourceAsStream("/golden/" + model + ".model.json")) {
            original = WeightsJson.parse(in.readAllBytes(), model).mlp();
        }
        Dataset rows = BuiltinDatasets.load(data);
        int[] k = new CompressionSpec(Method.GLOBAL, Double.parseDouble(shrink), null, unused(), unused(), 0)
                .clusterCounts(original.hiddenWidths());
        Method m = Method.valueOf(method.toUpperCase());
        for (AggregationFunction aggregation : List.of(GoldenCompressionTest.average(), refit())) {
            CompressionResult held = new Compressor().compress(CompressionRequest.uniform(original, rows.features(), m, k,
                    GoldenCompressionTest.ward(), aggregation, 0));
            CompressionResult streamed = new Compressor().compress(
                    new StreamedCompressionRequest(original, m, k, GoldenCompressionTest.ward(), aggregation, 0),
                    LocalRowPasses.of(rows.features(), 2));
            assertEquals(held.partitions(), streamed.partitions());
            assertEquals(held.compressed(), streamed.compressed());
            assertTrue(streamed.originalActivations().isEmpty(), "a streamed compression holds no activations");
        }
    }

    @ParameterizedTest(name = "{0} on {1} threads")
    @CsvSource({"global, 1", "global, 2", "global, 7", "illc, 1", "illc, 2", "illc, 7"})
    void moreRowsThanOneChunkGiveTheInMemoryNetworkOnEveryThreadCount(String method, int threads) {
        Mlp original = SmallProblem.network(3, 6, new int[]{16, 12}, Activation.RELU, 3, Activation.SOFTMAX);
        Matrix rows = gaussianRows(11, 2 * LocalRowPasses.CHUNK_ROWS + 123, 6);
        int[] k = {7, 5};
        Method m = Method.valueOf(method.toUpperCase());
        for (ClusteringStrategy clustering : List.of(GoldenCompressionTest.ward(), kmeans())) {
            for (AggregationFunction aggregation : List.of(GoldenCompressionTest.average(), refit())) {
                CompressionResult held = new Compressor().compress(CompressionRequest.uniform(original, rows, m, k,
                        clustering, aggregation, 5));
                CompressionResult streamed = new Compressor().compress(
                        new StreamedCompressionRequest(original, m, k, clustering, aggregation, 5),
                        LocalRowPasses.of(rows, threads));
                assertEquals(held.partitions(), streamed.partitions(), clustering + " " + aggregation);
                assertEquals(held.compressed(), streamed.compressed(), clustering + " " + aggregation);
                assertTrue(held.partitions().stream().mapToInt(ClusterAssignment::clusterCount).sum() < 28,
                        "the layers are compressed");
            }
        }
    }

    @Test
    void anAggregationWithoutASumOverRowsFormIsRefusedOnStreamedData() {
        Mlp original = SmallProblem.network(3, 4, new int[]{6}, Activation.RELU, 2, Activation.SOFTMAX);
        var descriptor = CATALOG.require(PluginKind.AGGREGATION, "local");
        AggregationFunction local = descriptor.create(AggregationFunction.class, descriptor.defaults());
        InputException e = assertThrows(InputException.class, () -> new Compressor().compress(
                new StreamedCompressionRequest(original, Method.GLOBAL, new int[]{3}, GoldenCompressionTest.ward(), local, 0),
                LocalRowPasses.of(gaussianRows(1, 50, 4), 1)));
        assertTrue(e.getMessage().contains("cannot run on streamed data"), e.getMessage());
    }

    static AggregationFunction refit() {
        return CATALOG.require(PluginKind.AGGREGATION, "refit").create(AggregationFunction.class,
                Parameters.of(Map.of("ridge", 1e-3, "fitBias", true)));
    }

    private static ClusteringStrategy kmeans() {
        var descriptor = CATALOG.require(PluginKind.CLUSTERING, "kmeans");
        return descriptor.create(ClusteringStrategy.class, descriptor.defaults());
    }

    private static PluginChoice unused() {
        return new PluginChoice(PluginKind.CLUSTERING, "unused", Parameters.empty());
    }

    private static Matrix gaussianRows(long seed, int n, int features) {
        Random random = new Random(seed);
        double[] x = new double[n * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        return Matrix.ofRowMajor(n, features, x);
    }
}
