package io.illc.core.compress;

import io.illc.api.Activation;
import io.illc.api.Matrix;
import io.illc.api.Metric;
import io.illc.api.MetricFactory;
import io.illc.api.MetricResult;
import io.illc.api.Mlp;
import io.illc.api.Parameters;
import io.illc.api.PluginKind;
import io.illc.core.InputException;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.catalog.PluginDescriptor;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.finetune.SmallProblem;
import io.illc.core.model.WeightsJson;
import io.illc.core.pipeline.EvaluateStage;
import io.illc.core.pipeline.EvaluateStage.LabelledMetric;
import io.illc.core.pipeline.FittingRows;
import io.illc.core.pipeline.Rows;
import io.illc.core.pipeline.SplitStage;
import io.illc.core.spec.CompressionSpec.Method;
import io.illc.core.stream.LocalRowPasses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every global metric computed in one streamed pass against the metric over rows held in memory. */
class StreamedMetricsTest {
    private static final PluginCatalog CATALOG = PluginCatalog.discover(List.of());
    private static final double RELATIVE = 1e-9;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"bc_tiny, global, breast-cancer", "bc_tiny, illc, breast-cancer", "iris_tiny, illc, iris"})
    void everyGlobalMetricStreamedEqualsTheInMemoryOneOnTheGoldens(String model, String method, String data)
            throws IOException {
        Mlp original;
        try (InputStream in = StreamedMetricsTest.class.getResourceAsStream("/golden/" + model + ".model.json")) {
            original = WeightsJson.parse(in.readAllBytes(), model).mlp();
        }
        Matrix rows = BuiltinDatasets.load(data).features();
        int[] k = original.hiddenWidths();
        for (int l = 0; l < k.length; l++) {
            k[l] = Math.max(1, k[l] / 2);
        }
        assertStreamedEqualsHeld(original, rows, Method.valueOf(method.toUpperCase()), k, 2);
    }

    @Test
    void moreRowsThanOneChunkOnSevenThreadsGiveTheInMemoryMetrics() {
        Mlp original = SmallProblem.network(8, 5, new int[]{12, 9}, Activation.RELU, 3, Activation.SOFTMAX);
        Random random = new Random(2);
        double[] x = new double[(2 * LocalRowPasses.CHUNK_ROWS + 500) * 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        assertStreamedEqualsHeld(original, Matrix.ofRowMajor(x.length / 5, 5, x), Method.ILLC, new int[]{5, 4}, 7);
    }

    @Test
    void aMetricWithoutASumOverRowsFormIsRefusedByName() {
        Mlp original = SmallProblem.network(8, 3, new int[]{4}, Activation.RELU, 2, Activation.SOFTMAX);
        Matrix rows = Matrix.of(new double[][]{{1, 2, 3}, {0, 1, 0}});
        CompressionResult compression = new Compressor().compress(CompressionRequest.uniform(original, rows, Method.GLOBAL,
                new int[]{2}, GoldenCompressionTest.ward(), GoldenCompressionTest.average(), 0));
        Metric rowsHeld = in -> MetricResult.of(in.rows());
        InputException e = assertThrows(InputException.class, () -> new EvaluateStage().evaluate(original, compression,
                LocalRowPasses.of(rows, 1), List.of(new LabelledMetric("my-metric", rowsHeld))));
        assertEquals("the metric 'my-metric' needs every row at once, so it cannot run on streamed data;"
                + " leave it out of 'metrics' or hold the rows in memory", e.getMessage());
    }

    /** Measured at the same time on several threads: the same results in the same order, and the first metric's failure. */
    @Test
    void metricsOnSeveralThreadsGiveTheResultsOfOneThread() {
        Mlp original = SmallProblem.network(8, 5, new int[]{12, 9}, Activation.RELU, 3, Activation.SOFTMAX);
        Random random = new Random(3);
        double[] x = new double[300 * 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        Matrix rows = Matrix.ofRowMajor(300, 5, x);
        CompressionResult compression = new Compressor().compress(CompressionRequest.uniform(original, rows, Method.ILLC,
                new int[]{5, 4}, GoldenCompressionTest.ward(), GoldenCompressionTest.average(), 0));
        FittingRows fitting = new SplitStage().split(original, Rows.of(rows), 0.25, 7);
        List<LabelledMetric> metrics = globalMetrics();
        EvaluateStage.Evaluation one = new EvaluateStage().evaluate(original, compression, fitting, metrics, 1);
        for (int threads : new int[]{2, 5}) {
            EvaluateStage.Evaluation many = new EvaluateStage().evaluate(original, compression, fitting, metrics, threads);
            assertEquals(List.copyOf(one.grouped().keySet()), List.copyOf(many.grouped().keySet()));
            one.grouped().forEach((label, result) -> {
                assertEquals(result.value(), many.grouped().get(label).value(), 0.0, label);
                assertEquals(result.details(), many.grouped().get(label).details(), label);
            });
        }
        List<LabelledMetric> failing = new ArrayList<>(metrics);
        failing.add(1, new LabelledMetric("first", in -> {
            throw new IllegalStateException("first");
        }));
        failing.add(new LabelledMetric("last", in -> {
            throw new IllegalStateException("last");
        }));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new EvaluateStage().evaluate(original, compression, fitting, failing, 4));
        assertEquals("first", e.getMessage());
    }

    private static void assertStreamedEqualsHeld(Mlp original, Matrix rows, Method method, int[] k, int threads) {
        CompressionResult compression = new Compressor().compress(CompressionRequest.uniform(original, rows, method, k,
                GoldenCompressionTest.ward(), GoldenCompressionTest.average(), 0));
        List<LabelledMetric> metrics = globalMetrics();
        Map<String, MetricResult> held = new LinkedHashMap<>();
        var input = EvaluateStage.input(original, compression, rows, compression.originalActivations());
        metrics.forEach(m -> held.put(m.label(), m.metric().evaluate(input)));
        Map<String, MetricResult> streamed = new EvaluateStage().evaluate(original, compression,
                LocalRowPasses.of(rows, threads), metrics);
        assertEquals(held.keySet(), streamed.keySet());
        for (String label : held.keySet()) {
            assertClose(held.get(label).value(), streamed.get(label).value(), label);
            assertEquals(held.get(label).details().keySet(), streamed.get(label).details().keySet(), label);
            held.get(label).details().forEach((key, value) -> assertDetailClose(value, streamed.get(label).details().get(key),
                    label + " " + key));
        }
    }

    static List<LabelledMetric> globalMetrics() {
        List<LabelledMetric> out = new ArrayList<>();
        for (PluginDescriptor d : CATALOG.plugins(PluginKind.METRIC)) {
            if (((MetricFactory) d.factory()).scope() == MetricFactory.Scope.GLOBAL) {
                out.add(new LabelledMetric(d.name(), d.create(Metric.class, d.defaults())));
                if (d.name().equals("structural-unfaithfulness")) {
                    out.add(new LabelledMetric(d.name() + " (norm squared)",
                            d.create(Metric.class, Parameters.of(Map.of("norm", "squared")))));
                }
            }
        }
        assertTrue(out.size() >= 6, "every global metric: " + out);
        return out;
    }

    private static void assertDetailClose(Object expected, Object actual, String what) {
        if (expected instanceof List<?> e) {
            List<?> a = (List<?>) actual;
            assertEquals(e.size(), a.size(), what);
            for (int i = 0; i < e.size(); i++) {
                assertClose(((Number) e.get(i)).doubleValue(), ((Number) a.get(i)).doubleValue(), what + "[" + i + "]");
            }
        } else if (expected instanceof Number e) {
            assertClose(e.doubleValue(), ((Number) actual).doubleValue(), what);
        } else {
            assertEquals(expected, actual, what);
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, RELATIVE * Math.max(1.0, Math.abs(expected)), what);
    }
}
