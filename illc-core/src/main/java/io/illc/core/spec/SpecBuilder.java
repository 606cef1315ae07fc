package io.illc.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.illc.core.Illc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pipeline spec written in Java: each call sets one field of the JSON spec
 * ({@code docs/spec.md}), and {@link #toJson()} is exactly that JSON. {@link #build} hands it to
 * the same parser as a spec file, so a built spec is checked, defaulted and equal to the
 * {@link PipelineSpec} the equivalent JSON gives: there is no second path to a spec. Fields not
 * set keep the spec's defaults. Not thread-safe; {@link #toJson()} and {@link #build} may be called
 * repeatedly.
 *
 * <pre>{@code
 * PipelineSpec spec = SpecBuilder.create()
 *         .seed(0)
 *         .builtin("breast-cancer")
 *         .train(List.of(64, 64, 64), "relu", 60)
 *         .method("illc").shrink(0.8).clustering("agglomerative", Map.of("linkage", "ward"))
 *         .build(illc, Path.of("."), "demo");
 * }</pre>
 */
public final class SpecBuilder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Long seed;
    private ObjectNode data;
    private ObjectNode model;
    private final ObjectNode compression = NODES.objectNode();
    private List<JsonNode> metrics;
    private List<JsonNode> renderers;
    private String output;

    private SpecBuilder() {
    }

    /** An empty spec: every field at its default (see docs/spec.md). */
    public static SpecBuilder create() {
        return new SpecBuilder();
    }

    /** {@code "seed"}: every random choice derives from it. */
    public SpecBuilder seed(long value) {
        this.seed = value;
        return this;
    }

    /** {@code "data": {"builtin": name}}: {@code breast-cancer} or {@code iris}. */
    public SpecBuilder builtin(String name) {
        data = NODES.objectNode().put("builtin", name);
        return this;
    }

    /**
     * {@code "data": {"csv": file, "label": label}}; a {@code null} label means the file has no
     * label column ({@code "label": null}).
     */
    public SpecBuilder csv(Path file, String label) {
        data = NODES.objectNode().put("csv", file.toString());
        if (label == null) {
            data.putNull("label");
        } else {
            data.put("label", label);
        }
        return this;
    }

    /** {@code "model": {"train": {"hidden": [...], "activation": ..., "epochs": ...}}}. */
    public SpecBuilder train(List<Integer> hidden, String activation, int epochs) {
        ObjectNode train = NODES.objectNode();
        ArrayNode widths = train.putArray("hidden");
        hidden.forEach(widths::add);
        train.put("activation", activation).put("epochs", epochs);
        model = NODES.objectNode();
        model.set("train", train);
        return this;
    }

    /** {@code "model": {"load": file}}: the reader is picked by content and extension. */
    public SpecBuilder load(Path file) {
        model = NODES.objectNode().put("load", file.toString());
        return this;
    }

    /** {@code "compression": {"method": ...}}: {@code illc} or {@code global}. */
    public SpecBuilder method(String method) {
        compression.put("method", method);
        return this;
    }

    /** {@code "compression": {"shrink": ...}}: the share of each hidden layer's neurons merged away. */
    public SpecBuilder shrink(double shrink) {
        compression.put("shrink", shrink);
        return this;
    }

    /** {@code "compression": {"clusters": [...]}}: explicit cluster counts per hidden layer. */
    public SpecBuilder clusters(List<Integer> counts) {
        ArrayNode array = compression.putArray("clusters");
        counts.forEach(array::add);
        return this;
    }

    /** {@code "compression": {"clustering": {"name": ..., "params": {...}}}}. */
    public SpecBuilder clustering(String name, Map<String, ?> params) {
        compression.set("clustering", plugin(name, params));
        return this;
    }

    /** {@code "compression": {"aggregation": {"name": ..., "params": {...}}}}. */
    public SpecBuilder aggregation(String name, Map<String, ?> params) {
        compression.set("aggregation", plugin(name, params));
        return this;
    }

    /** Adds one entry to {@code "metrics"}; never called = every installed global metric. */
    public SpecBuilder metric(String name, Map<String, ?> params) {
        if (metrics == null) {
            metrics = new ArrayList<>();
        }
        metrics.add(plugin(name, params));
        return this;
    }

    /** Adds one entry to {@code "renderers"}; never called = {@code dot} and {@code json}. */
    public SpecBuilder renderer(String name, Map<String, ?> params) {
        if (renderers == null) {
            renderers = new ArrayList<>();
        }
        renderers.add(plugin(name, params));
        return this;
    }

    /** {@code "renderers": []}: write no QBAF rendering. */
    public SpecBuilder noRenderers() {
        renderers = new ArrayList<>();
        return this;
    }

    /** {@code "output"}: where {@code Illc.run} writes; relative to the base folder of {@link #build}. */
    public SpecBuilder output(Path folder) {
        output = folder.toString();
        return this;
    }

    /** An independent copy: changing one does not change the other. */
    public SpecBuilder copy() {
        SpecBuilder c = new SpecBuilder();
        c.seed = seed;
        c.data = data == null ? null : data.deepCopy();
        c.model = model == null ? null : model.deepCopy();
        c.compression.setAll(compression.deepCopy());
        c.metrics = metrics == null ? null : new ArrayList<>(metrics);
        c.renderers = renderers == null ? null : new ArrayList<>(renderers);
        c.output = output;
        return c;
    }

    /** The spec as JSON text, fields in the order of docs/spec.md. */
    public String toJson() {
        ObjectNode root = NODES.objectNode();
        root.put("specVersion", 1);
        if (seed != null) {
            root.put("seed", seed);
        }
        if (data != null) {
            root.set("data", data.deepCopy());
        }
        if (model != null) {
            root.set("model", model.deepCopy());
        }
        if (!compression.isEmpty()) {
            root.set("compression", compression.deepCopy());
        }
        if (metrics != null) {
            root.putArray("metrics").addAll(metrics);
        }
        if (renderers != null) {
            root.putArray("renderers").addAll(renderers);
        }
        if (output != null) {
            root.put("output", output);
        }
        return root.toPrettyString();
    }

    /**
     * Parses {@link #toJson()} as {@link Illc#parse(String, Path, String)} does a spec file's text.
     *
     * @param baseDir  relative paths resolve against it
     * @param specName names the default output folder, {@code illc-out/<specName>}
     * @throws io.illc.core.InputException for every problem, with its JSON path
     */
    public PipelineSpec build(Illc illc, Path baseDir, String specName) {
        return illc.parse(toJson(), baseDir, specName);
    }

    private static ObjectNode plugin(String name, Map<String, ?> params) {
        Objects.requireNonNull(name, "name");
        ObjectNode node = NODES.objectNode().put("name", name);
        if (!params.isEmpty()) {
            ObjectNode p = node.putObject("params");
            params.forEach((key, value) -> p.set(key, value(value)));
        }
        return node;
    }

    private static JsonNode value(Object value) {
        if (value == null) {
            return NODES.nullNode();
        } else if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (value instanceof Integer || value instanceof Long) {
            return NODES.numberNode(((Number) value).longValue());
        } else if (value instanceof Number n) {
            return NODES.numberNode(n.doubleValue());
        } else if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> array.add(value(item)));
            return array;
        }
        return NODES.textNode(value.toString());
    }
}
