package io.illc.core.compress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.illc.api.AggregationFunction;
import io.illc.api.ClusterAssignment;
import io.illc.api.ClusteringStrategy;
import io.illc.api.DenseLayer;
import io.illc.api.Metric;
import io.illc.api.MetricInput;
import io.illc.api.MetricResult;
import io.illc.api.Mlp;
import io.illc.api.Parameters;
import io.illc.api.PluginKind;
import io.illc.api.Vector;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.data.Dataset;
import io.illc.core.linalg.Nd;
import io.illc.core.model.WeightsJson;
import io.illc.core.spec.CompressionSpec;
import io.illc.core.spec.CompressionSpec.Method;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compressors and metrics against results computed by an independent implementation
 * (test resources {@code golden/}, copied from the shared golden folder): Ward clustering, average
 * aggregation, all rows used for clustering and metrics.
 */
class GoldenCompressionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PluginCatalog CATALOG = PluginCatalog.discover(List.of());
    /** The golden numbers are exact up to float64 rounding in a different order of operations. */
    private static final double RELATIVE = 1e-9;

    @ParameterizedTest(name = "{0} {1} shrink {2}")
    @CsvSource({
            "bc_tiny, global, 0.5, breast-cancer",
            "bc_tiny, global, 0.7, breast-cancer",
            "bc_tiny, illc, 0.5, breast-cancer",
            "bc_tiny, illc, 0.7, breast-cancer",
            "iris_tiny, global, 0.5, iris",
            "iris_tiny, illc, 0.5, iris"})
    void reproducesTheIndependentImplementation(String model, String method, String shrink, String data) throws IOException {
        String prefix = model + "." + method + ".ward.shrink" + shrink;
        Mlp original = WeightsJson.parse(resource(model + ".model.json"), model).mlp();
        Dataset rows = BuiltinDatasets.load(data);
        int[] k = new CompressionSpec(Method.GLOBAL, Double.parseDouble(shrink), null, choice(), choice(), 0)
                .clusterCounts(original.hiddenWidths());

        CompressionResult result = new Compressor().compress(CompressionRequest.uniform(original, rows.features(),
                Method.valueOf(method.toUpperCase()), k, ward(), average(), 0));

        JsonNode clusters = JSON.readTree(resource(prefix + ".clusters.json")).get("layers");
        for (int l = 0; l < clusters.size(); l++) {
            assertEquals(ClusterAssignment.fromLabels(JSON.convertValue(clusters.get(l), int[].class)),
                    result.partitions().get(l), "partition of hidden layer " + (l + 1));
        }
        Mlp expected = WeightsJson.parse(resource(prefix + ".compressed-model.json"), prefix).mlp();
        assertNetworksClose(expected, result.compressed());
        assertMetrics(JSON.readTree(resource(prefix + ".metrics.json")), original, result, rows);
    }

    private static void assertMetrics(JsonNode expected, Mlp original, CompressionResult result, Dataset rows) {
        INDArray x = Nd.toNd(rows.features());
        MetricInput input = new MetricInput(original, result.compressed(), result.partitions(),
                Nd.forwardAll(x, original.layers()).stream().map(Nd::toMatrix).toList(),
                Nd.forwardAll(x, result.compressed().layers()).stream().map(Nd::toMatrix).toList(),
                Vector.filled(rows.rows(), 1.0 / rows.rows()), -1);
        Iterator<Map.Entry<String, JsonNode>> entries = expected.fields();
        int checked = 0;
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String name = entry.getKey();
            Parameters params = Parameters.empty();
            if (name.endsWith(" (norm squared)")) {
                name = name.substring(0, name.indexOf(' '));
                params = Parameters.of(Map.of("norm", "squared"));
            }
            MetricResult actual = metric(name, params).evaluate(input);
            assertClose(entry.getValue().get("value").asDouble(), actual.value(), entry.getKey());
            JsonNode details = entry.getValue().get("details");
            if (details != null) {
                details.fields().forEachRemaining(d -> assertDetail(d.getValue(), actual.details().get(d.getKey()),
                        entry.getKey() + " details." + d.getKey()));
            }
            checked++;
        }
        assertTrue(checked >= 6, "the golden file lists every global metric");
    }

    private static void assertDetail(JsonNode expected, Object actual, String what) {
        if (expected.isArray()) {
            List<?> list = (List<?>) actual;
            assertEquals(expected.size(), list.size(), what + " length");
            for (int i = 0; i < list.size(); i++) {
                assertClose(expected.get(i).asDouble(), ((Number) list.get(i)).doubleValue(), what + "[" + i + "]");
            }
        } else if (expected.isTextual()) {
            assertEquals(expected.asText(), actual, what);
        } else {
            assertClose(expected.asDouble(), ((Number) actual).doubleValue(), what);
        }
    }

    static void assertNetworksClose(Mlp expected, Mlp actual) {
        assertEquals(expected.layers().size(), actual.layers().size(), "depth");
        for (int l = 0; l < expected.layers().size(); l++) {
            DenseLayer e = expected.layers().get(l);
            DenseLayer a = actual.layers().get(l);
            assertEquals(e.activation(), a.activation(), "activation of layer " + (l + 1));
            assertEquals(e.outputs(), a.outputs(), "neurons of layer " + (l + 1));
            assertEquals(e.inputs(), a.inputs(), "inputs of layer " + (l + 1));
            for (int j = 0; j < e.outputs(); j++) {
                assertClose(e.bias().get(j), a.bias().get(j), "bias " + j + " of layer " + (l + 1));
                for (int i = 0; i < e.inputs(); i++) {
                    assertClose(e.weights().get(j, i), a.weights().get(j, i), "weight [" + j + ", " + i + "] of layer " + (l + 1));
                }
            }
        }
    }

    static void assertClose(double expected, double actual, String what) {
        double tolerance = RELATIVE * Math.max(1.0, Math.abs(expected));
        assertEquals(expected, actual, tolerance, what);
    }

    static ClusteringStrategy ward() {
        return CATALOG.require(PluginKind.CLUSTERING, "agglomerative").create(ClusteringStrategy.class,
                Parameters.of(Map.of("linkage", "ward")));
    }

    static AggregationFunction average() {
        return CATALOG.require(PluginKind.AGGREGATION, "average").create(AggregationFunction.class, Parameters.empty());
    }

    private static Metric metric(String name, Parameters overrides) {
        var plugin = CATALOG.require(PluginKind.METRIC, name);
        Map<String, Object> params = new java.util.LinkedHashMap<>(plugin.defaults().asMap());
        params.putAll(overrides.asMap());
        return plugin.create(Metric.class, Parameters.of(params));
    }

    private static io.illc.core.catalog.PluginChoice choice() {
        return new io.illc.core.catalog.PluginChoice(PluginKind.CLUSTERING, "unused", Parameters.empty());
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = GoldenCompressionTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource golden/" + name);
            }
            return in.readAllBytes();
        }
    }

}
