package io.illc.core.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.illc.api.ClusterAssignment;
import io.illc.api.MetricResult;
import io.illc.core.io.JsonOutput;
import io.illc.core.qbaf.FeatureSummary;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The run's JSON documents: the trees of metrics and clusters, written with {@link JsonOutput}'s
 * document layout (2-space indent, "\n" line ends, final newline).
 */
public final class Json {

    private Json() {
    }

    public static ObjectNode object() {
        return JsonOutput.object();
    }

    /** {@link JsonOutput#document}: pretty UTF-8 bytes with a final newline. */
    public static byte[] bytes(Object tree) {
        return JsonOutput.document(tree);
    }

    /** {@code {"layers": [[labels of hidden layer 1], ...]}}, one line per layer. */
    public static byte[] clusters(List<ClusterAssignment> partitions) {
        StringBuilder out = new StringBuilder("{\"layers\": [\n");
        for (int l = 0; l < partitions.size(); l++) {
            int[] labels = partitions.get(l).labels();
            out.append("  [");
            for (int i = 0; i < labels.length; i++) {
                out.append(i == 0 ? "" : ", ").append(labels[i]);
            }
            out.append(l + 1 < partitions.size() ? "],\n" : "]\n");
        }
        return out.append("]}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code features.json}: {@code {"format": "illc-features", "version": 1, "scale": "std" | "value",
     * "rows": n, "std": {"<feature>": σ, ...} (global only), "arguments": {"<argument id>": {"<feature>":
     * S, ...}, ...}}}, features in input order, arguments in QBAF order (see {@link FeatureSummary}).
     */
    public static ObjectNode features(FeatureSummary summary) {
        ObjectNode root = object();
        root.put("format", "illc-features");
        root.put("version", 1);
        root.put("scale", summary.scale().jsonName());
        root.put("rows", summary.rows());
        List<String> features = summary.features();
        double[] std = summary.std();
        if (std != null) {
            ObjectNode stds = root.putObject("std");
            for (int f = 0; f < features.size(); f++) {
                putNumber(stds, features.get(f), std[f]);
            }
        }
        ObjectNode arguments = root.putObject("arguments");
        for (String id : summary.arguments()) {
            ObjectNode byFeature = arguments.putObject(id);
            double[] s = summary.of(id);
            for (int f = 0; f < features.size(); f++) {
                putNumber(byFeature, features.get(f), s[f]);
            }
        }
        return root;
    }

    /** {@code {"<name>": {"value": v, "details": {...}}, ...}}; non-finite numbers are written as null. */
    public static ObjectNode metrics(Map<String, MetricResult> metrics) {
        ObjectNode root = object();
        metrics.forEach((name, result) -> {
            ObjectNode entry = root.putObject(name);
            putNumber(entry, "value", result.value());
            if (!result.details().isEmpty()) {
                ObjectNode details = entry.putObject("details");
                result.details().forEach((key, value) -> putValue(details, key, value));
            }
        });
        return root;
    }

    private static void putValue(ObjectNode node, String key, Object value) {
        if (value instanceof List<?> list) {
            ArrayNode array = node.putArray(key);
            for (Object o : list) {
                if (o instanceof Number n && Double.isFinite(n.doubleValue())) {
                    array.add(n instanceof Integer || n instanceof Long ? JsonNodeFactory.instance.numberNode(n.longValue())
                            : JsonNodeFactory.instance.numberNode(n.doubleValue()));
                } else if (o instanceof Number) {
                    array.addNull();
                } else {
                    array.add(String.valueOf(o));
                }
            }
        } else if (value instanceof Integer || value instanceof Long) {
            node.put(key, ((Number) value).longValue());
        } else if (value instanceof Number n) {
            putNumber(node, key, n.doubleValue());
        } else if (value instanceof Boolean b) {
            node.put(key, b);
        } else {
            node.put(key, String.valueOf(value));
        }
    }

    private static void putNumber(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }
}
