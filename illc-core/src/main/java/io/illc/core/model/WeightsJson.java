package io.illc.core.model;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.JsonNode;
import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import io.illc.core.InputException;
import io.illc.core.catalog.Suggestions;
import io.illc.core.io.ActivationJson;
import io.illc.core.io.StrictJson;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The weights JSON format: a framework-neutral MLP that anyone can write from numpy.
 *
 * <pre>{@code
 * {"format": "illc-mlp", "version": 1,
 *  "inputs": ["mean_radius", ...], "outputs": ["benign", "malignant"],
 *  "layers": [{"weights": [[...], ...], "bias": [...], "activation": "relu"}, ...]}
 * }</pre>
 *
 * <p>Reading: only {@code layers} is required. {@code weights} is {@code [out][in]} (one row per
 * neuron of the layer), {@code bias} has one value per row, {@code activation} is one of
 * {@code relu, leaky-relu, elu, softplus, silu, gelu, gelu-tanh, sigmoid, tanh, linear, softmax}
 * (softmax on the last layer only), or for one with a parameter an object such as
 * {@code {"name": "leaky-relu", "slope": 0.2}} or {@code {"name": "elu", "alpha": 1.0}} (a bare
 * name takes the default: slope 0.01, α 1). {@code format}
 * and {@code version}, when present, must be {@code "illc-mlp"} and {@code 1}; {@code inputs} and
 * {@code outputs}, when present, name every input and output. Other top-level keys (such as
 * {@code meta}) are ignored; unknown keys inside a layer are rejected, since they are most likely
 * typos. The JSON is read by {@link StrictJson} (so NaN, Infinity, duplicate keys and trailing
 * content are rejected as everywhere else); every problem is an {@link InputException} naming the
 * file and the JSON path.
 *
 * <p>Writing: every field, deterministically; doubles in Jackson's default representation
 * ({@link NumberOutput#toString(double)}), which reads back to the identical bits; one weight row
 * per line; UTF-8 with a trailing newline.
 *
 * <p>Stateless and thread-safe.
 */
public final class WeightsJson {
    /** The value of the {@code format} key. */
    public static final String FORMAT = "illc-mlp";
    /** The only format version there is. */
    public static final int VERSION = 1;

    private static final Set<String> LAYER_KEYS = Set.of("weights", "bias", "activation");

    private WeightsJson() {
    }

    /**
     * Reads a weights JSON file.
     *
     * @throws InputException for a missing or unreadable file, malformed JSON or an invalid model
     */
    public static ModelFile read(Path file) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new InputException("model file " + file + " is a directory, not a weights JSON file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException("model file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new InputException("cannot read model file " + file + ": " + e, e);
        }
        return parse(bytes, file.toString());
    }

    /**
     * Reads weights JSON from bytes (UTF-8, a byte-order mark is allowed).
     *
     * @param source names the origin in messages, e.g. the file
     */
    public static ModelFile parse(byte[] json, String source) {
        JsonNode root = StrictJson.readTree(json, source, "{\"layers\": [...]}");
        return new Reader(source).model(root);
    }

    /** Writes {@code mlp} with every field; the stream is flushed, not closed. */
    public static void write(Mlp mlp, OutputStream out) throws IOException {
        out.write(toBytes(mlp));
        out.flush();
    }

    /** The UTF-8 bytes that {@link #write} writes. */
    public static byte[] toBytes(Mlp mlp) {
        return toJson(mlp).getBytes(StandardCharsets.UTF_8);
    }

    /** The text that {@link #write} writes, ending with a newline. */
    public static String toJson(Mlp mlp) {
        return toJson(mlp, true, true);
    }

    /**
     * The weights JSON of {@code mlp}, with {@code inputs} and {@code outputs} only when the names
     * are known: a model read without names is written without them, never with invented ones.
     */
    public static String toJson(Mlp mlp, boolean namedInputs, boolean namedOutputs) {
        StringBuilder s = new StringBuilder();
        s.append("{\n");
        s.append("  \"format\": ").append(quote(FORMAT)).append(",\n");
        s.append("  \"version\": ").append(VERSION).append(",\n");
        if (namedInputs) {
            s.append("  \"inputs\": ").append(strings(mlp.inputNames())).append(",\n");
        }
        if (namedOutputs) {
            s.append("  \"outputs\": ").append(strings(mlp.outputNames())).append(",\n");
        }
        s.append("  \"layers\": [\n");
        for (int l = 0; l < mlp.layers().size(); l++) {
            DenseLayer layer = mlp.layers().get(l);
            String at = "layers[" + l + "]";
            s.append("    {\n");
            s.append("      \"weights\": [\n");
            Matrix w = layer.weights();
            for (int j = 0; j < w.rows(); j++) {
                s.append("        ").append(numbers(w.row(j), at + ".weights[" + j + "]"));
                s.append(j + 1 < w.rows() ? ",\n" : "\n");
            }
            s.append("      ],\n");
            s.append("      \"bias\": ").append(numbers(layer.bias().toArray(), at + ".bias")).append(",\n");
            s.append("      \"activation\": ").append(ActivationJson.toJson(layer.activation())).append('\n');
            s.append(l + 1 < mlp.layers().size() ? "    },\n" : "    }\n");
        }
        s.append("  ]\n");
        s.append("}\n");
        return s.toString();
    }

    private static String numbers(double[] values, String at) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                // JSON has no NaN or infinity; a model holding one is a bug upstream, not bad input.
                throw new IllegalArgumentException("cannot write " + at + "[" + i + "] = " + values[i]
                        + ": weights JSON holds finite numbers only");
            }
            if (i > 0) {
                s.append(", ");
            }
            s.append(NumberOutput.toString(values[i]));
        }
        return s.append(']').toString();
    }

    private static String strings(List<String> values) {
        return values.stream().map(WeightsJson::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String quote(String value) {
        StringBuilder s = new StringBuilder("\"");
        JsonStringEncoder.getInstance().quoteAsString(value, s);
        return s.append('"').toString();
    }

    /** Validates one parsed document; every message starts with the source and a JSON path. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        ModelFile model(JsonNode root) {
            if (!root.isObject()) {
                throw problem("$", "expected a JSON object like {\"layers\": [...]}, found " + kind(root));
            }
            JsonNode format = root.get("format");
            if (format != null && !(format.isTextual() && format.textValue().equals(FORMAT))) {
                throw problem("$.format", "expected \"" + FORMAT + "\", found " + shown(format));
            }
            JsonNode version = root.get("version");
            if (version != null && !(version.isIntegralNumber() && version.canConvertToInt() && version.intValue() == VERSION)) {
                throw problem("$.version", "expected " + VERSION + " (the only version this illc reads), found " + shown(version));
            }
            List<DenseLayer> layers = layers(root.get("layers"));
            int inputCount = layers.get(0).inputs();
            int outputCount = layers.get(layers.size() - 1).outputs();
            List<String> inputs = names(root.get("inputs"), "$.inputs", inputCount,
                    "$.layers[0] takes " + inputCount + " inputs; give one name per input");
            List<String> outputs = names(root.get("outputs"), "$.outputs", outputCount,
                    "$.layers[" + (layers.size() - 1) + "] has " + outputCount + " output neurons; give one name per output");
            Mlp mlp = new Mlp(layers,
                    inputs != null ? inputs : Mlp.names("x", inputCount),
                    outputs != null ? outputs : Mlp.names("y", outputCount));
            return new ModelFile(mlp, inputs != null, outputs != null);
        }

        private List<DenseLayer> layers(JsonNode node) {
            if (node == null) {
                throw problem("$.layers", "missing; a weights JSON needs at least {\"layers\": [{\"weights\": ..., \"bias\": ..., \"activation\": ...}]}");
            }
            if (!node.isArray()) {
                throw problem("$.layers", "expected an array of layers, found " + kind(node));
            }
            if (node.isEmpty()) {
                throw problem("$.layers", "empty; a model needs at least one layer");
            }
            List<DenseLayer> out = new ArrayList<>();
            for (int l = 0; l < node.size(); l++) {
                DenseLayer layer = layer(node.get(l), "$.layers[" + l + "]", l == node.size() - 1);
                if (l > 0 && layer.inputs() != out.get(l - 1).outputs()) {
                    throw problem("$.layers[" + l + "].weights", "rows have " + layer.inputs()
                            + " values (inputs) but $.layers[" + (l - 1) + "] has " + out.get(l - 1).outputs()
                            + " neurons (rows); each layer takes the previous layer's outputs");
                }
                out.add(layer);
            }
            return out;
        }

        private DenseLayer layer(JsonNode node, String at, boolean last) {
            if (!node.isObject()) {
                throw problem(at, "expected a layer object {\"weights\": ..., \"bias\": ..., \"activation\": ...}, found " + kind(node));
            }
            for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!LAYER_KEYS.contains(key)) {
                    throw problem(at + "." + key, "unknown key; a layer has weights, bias and activation"
                            + Suggestions.didYouMean(key, LAYER_KEYS));
                }
            }
            Matrix weights = weights(required(node, at, "weights"), at + ".weights");
            double[] bias = numbers(required(node, at, "bias"), at + ".bias");
            if (bias.length != weights.rows()) {
                throw problem(at + ".bias", "has " + bias.length + " values but " + at + ".weights has "
                        + weights.rows() + " rows; one bias per neuron (row)");
            }
            Activation activation = activation(required(node, at, "activation"), at + ".activation", last);
            return new DenseLayer(weights, Vector.of(bias), activation);
        }

        private Matrix weights(JsonNode node, String at) {
            if (!node.isArray()) {
                throw problem(at, "expected an array of rows [out][in], found " + kind(node));
            }
            if (node.isEmpty()) {
                throw problem(at, "empty; a layer needs at least one neuron (row)");
            }
            double[][] rows = new double[node.size()][];
            for (int j = 0; j < node.size(); j++) {
                rows[j] = numbers(node.get(j), at + "[" + j + "]");
                if (rows[j].length == 0) {
                    throw problem(at + "[" + j + "]", "empty row; a neuron needs at least one input");
                }
                if (rows[j].length != rows[0].length) {
                    throw problem(at, "ragged rows: row 0 has " + rows[0].length + " values but row " + j
                            + " has " + rows[j].length + "; every row holds one weight per input");
                }
            }
            return Matrix.of(rows);
        }

        private double[] numbers(JsonNode node, String at) {
            if (!node.isArray()) {
                throw problem(at, "expected an array of numbers, found " + kind(node));
            }
            double[] out = new double[node.size()];
            for (int i = 0; i < out.length; i++) {
                JsonNode v = node.get(i);
                if (!v.isNumber()) {
                    throw problem(at + "[" + i + "]", "expected a number, found " + kind(v));
                }
                out[i] = v.doubleValue();
            }
            return out;
        }

        private Activation activation(JsonNode node, String at, boolean last) {
            Activation a;
            try {
                a = ActivationJson.parse(node);
            } catch (IllegalArgumentException e) {
                throw problem(at, e.getMessage());
            }
            if (a == Activation.SOFTMAX && !last) {
                throw problem(at, "softmax is allowed on the output (last) layer only; use relu, sigmoid, tanh or linear");
            }
            return a;
        }

        /** The names, or {@code null} when the key is absent. */
        private List<String> names(JsonNode node, String at, int count, String expected) {
            if (node == null) {
                return null;
            }
            if (!node.isArray()) {
                throw problem(at, "expected an array of names, found " + kind(node));
            }
            List<String> out = new ArrayList<>();
            Map<String, Integer> first = new HashMap<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode v = node.get(i);
                if (!v.isTextual() || v.textValue().isBlank()) {
                    throw problem(at + "[" + i + "]", "expected a non-empty name, found " + shown(v));
                }
                Integer previous = first.putIfAbsent(v.textValue(), i);
                if (previous != null) {
                    throw problem(at + "[" + i + "]", "'" + v.textValue() + "' is already " + at + "[" + previous
                            + "]; names must be unique");
                }
                out.add(v.textValue());
            }
            if (out.size() != count) {
                throw problem(at, "has " + out.size() + " names but " + expected);
            }
            return out;
        }

        private JsonNode required(JsonNode layer, String at, String key) {
            JsonNode v = layer.get(key);
            if (v == null) {
                throw problem(at + "." + key, "missing; a layer needs weights, bias and activation");
            }
            return v;
        }

        private InputException problem(String path, String message) {
            return new InputException(source + ": " + path + ": " + message);
        }

        static String kind(JsonNode node) {
            return StrictJson.describe(node);
        }

        private static String shown(JsonNode node) {
            return node.isValueNode() || node.isNull() ? node.toString() : kind(node);
        }
    }
}
