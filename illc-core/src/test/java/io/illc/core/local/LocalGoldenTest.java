package io.illc.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.illc.api.AggregationFunction;
import io.illc.api.ClusteringStrategy;
import io.illc.api.Metric;
import io.illc.api.MetricResult;
import io.illc.api.Mlp;
import io.illc.api.Parameters;
import io.illc.api.PluginKind;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.compress.Compressor;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.data.Dataset;
import io.illc.core.model.WeightsJson;
import io.illc.core.spec.CompressionSpec;
import io.illc.core.spec.CompressionSpec.Method;
import io.illc.core.spec.LocalSpec.Distance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Local explanations of rows 0–4 of the breast-cancer data on the golden tiny model against the
 * independent implementation (test resources {@code golden/*.local-rows0-4.metrics.json}): kernel
 * width 0.1·√30 over population-standardised features, Ward clustering of the kernel-weighted
 * activations, {@code local} aggregation with {@code zeroActivation: one}, shrink 0.5, and the
 * engine's default negligible weight.
 */
class LocalGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PluginCatalog CATALOG = PluginCatalog.discover(List.of());
    /** Exact up to float64 rounding in another order of operations. */
    private static final double RELATIVE = 1e-9;
    /** Values near 10⁻³⁵ are rounding noise of an exact 0; compare them absolutely. */
    private static final double ABSOLUTE = 1e-15;
    private static final String SQUARED_SUFFIX = " (norm squared)";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"global", "illc"})
    void reproducesTheIndependentImplementationOnRowsZeroToFour(String method) throws IOException {
        Mlp original = WeightsJson.parse(resource("bc_tiny.model.json"), "bc_tiny").mlp();
        Dataset data = BuiltinDatasets.load("breast-cancer");
        Map<String, Metric> metrics = new LinkedHashMap<>();
        metrics.put("local-io-unfaithfulness", metric("local-io-unfaithfulness", Map.of()));
        metrics.put("local-structural-unfaithfulness", metric("local-structural-unfaithfulness", Map.of()));
        metrics.put("local-structural-unfaithfulness" + SQUARED_SUFFIX,
                metric("local-structural-unfaithfulness", Map.of("norm", "squared")));
        LocalExplainer explainer = new LocalExplainer(settings(original, data, Method.valueOf(method.toUpperCase()),
                metrics, LocalExplainer.NEGLIGIBLE_WEIGHT), new Compressor());

        JsonNode expected = JSON.readTree(resource("bc_tiny." + method + ".ward.shrink0.5.local-rows0-4.metrics.json"));
        assertEquals(5, expected.size(), "rows in the golden file");
        for (int row = 0; row < 5; row++) {
            LocalExplanation explanation = explainer.explain(row);
            JsonNode rowExpected = expected.get(Integer.toString(row));
            assertEquals(3, rowExpected.size(), "metrics of row " + row);
            for (var entry : (Iterable<Map.Entry<String, JsonNode>>) rowExpected::fields) {
                MetricResult actual = explanation.metrics().get(entry.getKey());
                String what = "row " + row + " " + entry.getKey();
                assertClose(entry.getValue().get("value").asDouble(), actual.value(), what);
                JsonNode details = entry.getValue().get("details");
                if (details != null) {
                    assertClose(details.get("atInstance").asDouble(),
                            ((Number) actual.details().get("atInstance")).doubleValue(), what + " atInstance");
                }
            }
        }
    }

    static LocalSettings settings(Mlp original, Dataset data, Method method, Map<String, Metric> metrics,
                                  double negligibleWeight) {
        int[] k = new int[original.hiddenLayerCount()];
        int[] widths = original.hiddenWidths();
        for (int l = 0; l < k.length; l++) {
            k[l] = CompressionSpec.clusterCount(0.5, widths[l]);
        }
        // The paper's Definition 10, set explicitly: the defaults are LIME's width with refit.
        return new LocalSettings(original, data.features(), new Kernel(data.features(), Distance.STANDARDIZED,
                Kernel.definition10Width(data.features().cols())), method, k, ward(), local(), metrics, 0, negligibleWeight);
    }

    static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, Math.max(ABSOLUTE, RELATIVE * Math.abs(expected)), what);
    }

    static ClusteringStrategy ward() {
        return CATALOG.require(PluginKind.CLUSTERING, "agglomerative").create(ClusteringStrategy.class,
                Parameters.of(Map.of("linkage", "ward")));
    }

    static AggregationFunction local() {
        return CATALOG.require(PluginKind.AGGREGATION, "local").create(AggregationFunction.class,
                Parameters.of(Map.of("zeroActivation", "one")));
    }

    static Metric metric(String name, Map<String, Object> overrides) {
        var plugin = CATALOG.require(PluginKind.METRIC, name);
        Map<String, Object> params = new LinkedHashMap<>();
        plugin.factory().parameters().forEach(p -> {
            if (p.defaultValue() != null) {
                params.put(p.name(), p.defaultValue());
            }
        });
        params.putAll(overrides);
        return plugin.create(Metric.class, Parameters.of(params));
    }

    /** Every installed local metric with its default parameters, by name. */
    static Map<String, Metric> localMetrics() {
        Map<String, Metric> out = new LinkedHashMap<>();
        for (var plugin : CATALOG.plugins(PluginKind.METRIC)) {
            if (((io.illc.api.MetricFactory) plugin.factory()).scope() == io.illc.api.MetricFactory.Scope.LOCAL) {
                out.put(plugin.name(), metric(plugin.name(), Map.of()));
            }
        }
        return out;
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = LocalGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource golden/" + name);
            }
            return in.readAllBytes();
        }
    }
}
