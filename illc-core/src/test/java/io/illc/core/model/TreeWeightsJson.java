package io.illc.core.model;

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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.illc.core.model.WeightsJson.FORMAT;
import static io.illc.core.model.WeightsJson.VERSION;

/**
 * The tree-based weights JSON reader that {@link WeightsJson} used before it streamed, kept
 * verbatim as the oracle the streaming reader is compared with: same weights to the bit, same
 * message for every malformed document. Test-only.
 */
final class TreeWeightsJson {
    private static final Set<String> LAYER_KEYS = Set.of("weights", "bias", "activation");

    private TreeWeightsJson() {
    }

    static ModelFile parse(byte[] json, String source) {
        JsonNode root = StrictJson.readTree(json, source, "{\"layers\": [...]}");
        return new Reader(source).model(root);
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
