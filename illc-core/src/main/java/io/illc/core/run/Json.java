package io.illc.core.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.illc.api.ClusterAssignment;
import io.illc.api.MetricResult;
import io.illc.core.io.JsonOutput;
import io.illc.core.qbaf.FeatureSummary;

import java.io.IOException;
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
    public static byte[] features(FeatureSummary summary) {
        // Streamed, not built as a tree: tens of thousands of numbers.
        return JsonOutput.streamedDocument(json -> {
            json.writeStartObject();
            json.writeStringField("format", "illc-features");
            json.writeNumberField("version", 1);
            json.writeStringField("scale", summary.scale().jsonName());
            json.writeNumberField("rows", summary.rows());
            List<String> features = summary.features();
            double[] std = summary.std();
            if (std != null) {
                json.writeObjectFieldStart("std");
                writeNumbers(json, features, std);
                json.writeEndObject();
            }
            json.writeObjectFieldStart("arguments");
            for (String id : summary.arguments()) {
                json.writeObjectFieldStart(id);
                writeNumbers(json, features, summary.of(id));
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /** {@code "<name>": value} for each name; non-finite numbers are written as null. */
    private static void writeNumbers(JsonGenerator json, List<String> names, double[] values) throws IOException {
        for (int i = 0; i < names.size(); i++) {
            json.writeFieldName(names.get(i));
            if (Double.isFinite(values[i])) {
                json.writeNumber(values[i]);
            } else {
                json.writeNull();
            }
        }
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
