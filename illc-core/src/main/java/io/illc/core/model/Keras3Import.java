package io.illc.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.illc.api.Activation;
import io.illc.api.Mlp;
import io.illc.core.InputException;
import io.illc.core.io.StrictJson;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a Keras 3 {@code .keras} archive: {@code config.json} for the layers, {@code model.weights.h5}
 * for the weights ({@code layers/<snake_case class>[_k]/vars/<i>}), read with the pure-Java HDF5
 * reader jHDF.
 *
 * <p>A Sequential model, or a Functional one whose layers form one chain from its input to its
 * output, made of: {@code InputLayer}; {@code Dense} (any supported activation, with or without
 * bias); {@code Activation}, {@code ReLU} (plain or with a negative slope), {@code LeakyReLU},
 * {@code ELU}, {@code Softmax} layers; {@code Dropout} and friends (no-ops at inference);
 * {@code BatchNormalization} over the last axis (folded into the dense layer before it, or after
 * an activation into the next one); {@code Normalization} and {@code Rescaling} (per-feature maps,
 * folded into the first dense layer). Activations by Keras name: relu, leaky_relu (slope 0.2, as
 * Keras defines it), elu, softplus, silu/swish, gelu (exact unless {@code approximate}), sigmoid,
 * tanh, linear, softmax. Anything else is an {@link InputException} naming the layer, its class
 * and why. A .keras file has no feature or class names, so the model is unnamed.
 */
public final class Keras3Import {
    static final String CONFIG_ENTRY = "config.json";
    static final String WEIGHTS_ENTRY = "model.weights.h5";
    /** Keras' backend.epsilon(), the floor Normalization puts under the standard deviation. */
    private static final double KERAS_EPSILON = 1e-7;

    private Keras3Import() {
    }

    /** Whether {@code file} is a zip with a {@value #CONFIG_ENTRY} and {@value #WEIGHTS_ENTRY}. */
    static boolean isKeras3(ZipFile zip) {
        return zip.getEntry(CONFIG_ENTRY) != null && zip.getEntry(WEIGHTS_ENTRY) != null;
    }

    /**
     * @throws InputException for a file that is not a .keras archive or holds a model that is not a
     *                        plain MLP, naming the layer
     */
    public static Mlp read(Path file) {
        byte[] config;
        byte[] weights;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry c = zip.getEntry(CONFIG_ENTRY);
            ZipEntry w = zip.getEntry(WEIGHTS_ENTRY);
            if (c == null || w == null) {
                throw new InputException(file + " is a zip without " + CONFIG_ENTRY + " and " + WEIGHTS_ENTRY
                        + ", so not a Keras 3 .keras archive");
            }
            config = zip.getInputStream(c).readAllBytes();
            weights = zip.getInputStream(w).readAllBytes();
        } catch (ZipException e) {
            throw new InputException(file + " is not a readable zip file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InputException("cannot read model file " + file + ": " + e, e);
        }
        JsonNode root = StrictJson.readTree(config, CONFIG_ENTRY + " in " + file, "{\"class_name\": \"Sequential\", ...}");
        try (HdfFile hdf = HdfFile.fromBytes(weights)) {
            return new Reader(file, hdf).model(root);
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InputException(file + ": cannot read " + WEIGHTS_ENTRY + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads a legacy HDF5 model ({@code model.save("model.h5")}) written by Keras 3, which DL4J's
     * Keras import refuses: {@code model_config} (the same layer configuration) is an attribute of
     * the root, and each layer's weights are listed, in order, by the {@code weight_names} attribute
     * of {@code model_weights/<layer name>}.
     *
     * @throws InputException as {@link #read}
     */
    static Mlp readLegacyHdf5(Path file) {
        try (HdfFile hdf = new HdfFile(file)) {
            Object config = hdf.getAttribute("model_config").getData();
            JsonNode root = StrictJson.readTree(text(config), "model_config in " + file, "{\"class_name\": \"Sequential\", ...}");
            return new Reader(file, hdf, true).model(root);
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InputException(file + ": cannot read the Keras HDF5 model (" + e.getMessage() + ")", e);
        }
    }

    /** The Keras version that wrote a legacy HDF5 model ({@code keras_version} of the root), or "" when none is recorded. */
    static String kerasVersion(Path file) {
        try (HdfFile hdf = new HdfFile(file)) {
            var version = hdf.getAttributes().get("keras_version");
            return version == null ? "" : text(version.getData());
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** An HDF5 string attribute: a String, or a one-element String array. */
    private static String text(Object data) {
        if (data instanceof String text) {
            return text;
        }
        if (data != null && data.getClass().isArray() && Array.getLength(data) == 1) {
            return String.valueOf(Array.get(data, 0));
        }
        throw new IllegalArgumentException("expected a string attribute, found " + data);
    }

    /** Walks the layers once; mutable, used by one {@link #read} call. */
    private static final class Reader {
        private final Path file;
        private final HdfFile hdf;
        private final boolean legacy;
        private final MlpBuilder builder;

        Reader(Path file, HdfFile hdf) {
            this(file, hdf, false);
        }

        /** @param legacy weights as {@code model.save("x.h5")} stores them, else as in a .keras archive */
        Reader(Path file, HdfFile hdf, boolean legacy) {
            this.file = file;
            this.hdf = hdf;
            this.legacy = legacy;
            this.builder = new MlpBuilder(file.toString());
        }

        Mlp model(JsonNode root) {
            String kind = root.path("class_name").asText();
            JsonNode layers = root.path("config").path("layers");
            if (!kind.equals("Sequential") && !kind.equals("Functional") || !layers.isArray()) {
                throw new InputException(file + ": the model is a " + (kind.isEmpty() ? "(no class_name)" : kind)
                        + "; illc reads Sequential and Functional models");
            }
            String previous = null;
            Map<String, Integer> used = new HashMap<>();
            for (JsonNode layer : layers) {
                String name = layer.path("config").path("name").asText(layer.path("name").asText());
                String cls = layer.path("class_name").asText();
                if (kind.equals("Functional")) {
                    checkChain(layer, name, previous);
                }
                // A Sequential model's layer list has no InputLayer, so it gets no storage name there.
                boolean stored = kind.equals("Functional") || !cls.equals("InputLayer");
                layer(layer, name, stored ? storageName(cls, used) : null);
                previous = name;
            }
            return builder.build();
        }

        /**
         * Where Keras stores a layer's weights: {@code layers/<snake_case class name>}, then _1, _2, ...
         * in layer order (Keras' saving_lib, not the layer's own name, which is not reproducible).
         */
        private static String storageName(String cls, Map<String, Integer> used) {
            String snake = cls.replaceAll("\\W+", "").replaceAll("(.)([A-Z][a-z]+)", "$1_$2")
                    .replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
            Integer count = used.get(snake);
            if (count == null) {
                used.put(snake, 0);
                return snake;
            }
            used.put(snake, count + 1);
            return snake + "_" + (count + 1);
        }

        /** A Functional model must be a chain: each layer reads exactly the layer listed before it. */
        private void checkChain(JsonNode layer, String name, String previous) {
            List<String> sources = new ArrayList<>();
            for (JsonNode node : layer.path("inbound_nodes")) {
                collectSources(node, sources);
            }
            boolean input = layer.path("class_name").asText().equals("InputLayer");
            if (input ? !sources.isEmpty() || previous != null : !sources.equals(List.of(String.valueOf(previous)))) {
                throw new InputException(file + ": Keras layer '" + name + "' (" + layer.path("class_name").asText()
                        + ") reads " + (sources.isEmpty() ? "nothing" : String.join(" and ", sources))
                        + (previous == null ? "" : " instead of just the layer before it, '" + previous + "'")
                        + "; a QBAF needs the layers to form one chain (no branches, skips or merges)");
            }
        }

        private static void collectSources(JsonNode node, List<String> out) {
            if (node.isObject() && node.path("class_name").asText().equals("__keras_tensor__")) {
                out.add(node.path("config").path("keras_history").path(0).asText());
                return;
            }
            node.forEach(child -> collectSources(child, out));
        }

        private void layer(JsonNode layer, String name, String stored) {
            String cls = layer.path("class_name").asText();
            JsonNode c = layer.path("config");
            switch (cls) {
                case "InputLayer" -> {
                    JsonNode shape = c.has("batch_shape") ? c.get("batch_shape") : c.path("batch_input_shape");
                    if (shape.size() != 2) {
                        throw unsupported(name, cls, "its input shape " + shape + " is not [batch, features]");
                    }
                }
                case "Dense" -> {
                    List<Var> vars = vars(name, stored);
                    double[][] kernel = matrix(name, cls, vars, 0);
                    int out = kernel[0].length;
                    double[] bias = c.path("use_bias").asBoolean(true) ? vector(name, cls, vars, 1, out) : new double[out];
                    double[][] w = new double[out][kernel.length];
                    for (int i = 0; i < kernel.length; i++) {
                        for (int j = 0; j < out; j++) {
                            w[j][i] = kernel[i][j];
                        }
                    }
                    builder.dense(w, bias, name + " (Dense)");
                    builder.activation(activation(name, cls, c.path("activation")), name + " (Dense)");
                }
                case "Activation" -> builder.activation(activation(name, cls, c.path("activation")), name + " (Activation)");
                case "ReLU" -> {
                    if (!c.path("max_value").isNull() && !c.path("max_value").isMissingNode() || c.path("threshold").asDouble(0) != 0) {
                        throw unsupported(name, cls, "a capped or thresholded ReLU is not one of illc's activations");
                    }
                    double slope = c.path("negative_slope").asDouble(0);
                    builder.activation(slope == 0 ? Activation.RELU : Activation.leakyRelu(slope), name + " (ReLU)");
                }
                case "LeakyReLU" -> builder.activation(Activation.leakyRelu(c.has("negative_slope")
                        ? c.get("negative_slope").asDouble() : c.path("alpha").asDouble(0.3)), name + " (LeakyReLU)");
                case "ELU" -> builder.activation(Activation.elu(c.path("alpha").asDouble(1.0)), name + " (ELU)");
                case "Softmax" -> builder.activation(Activation.SOFTMAX, name + " (Softmax)");
                case "Dropout", "AlphaDropout", "GaussianDropout", "GaussianNoise", "SpatialDropout1D", "ActivityRegularization" -> {
                    // Identities at inference.
                }
                case "BatchNormalization" -> batchNormalization(name, stored, cls, c);
                case "Normalization" -> normalization(name, stored, cls, c);
                case "Rescaling" -> {
                    double[] scale = numbers(c.path("scale"));
                    double[] offset = numbers(c.path("offset"));
                    builder.perFeature(scale, offset, name + " (Rescaling)");
                }
                case "Flatten", "Reshape" -> {
                    JsonNode target = c.path("target_shape");
                    if (cls.equals("Reshape") && target.size() != 1) {
                        throw unsupported(name, cls, "it reshapes to " + target + "; only [features] keeps one row per example");
                    }
                }
                case "Conv1D", "Conv2D", "Conv3D", "SeparableConv1D", "SeparableConv2D", "DepthwiseConv2D" ->
                        throw unsupported(name, cls, "a convolution shares one kernel across positions; a QBAF needs one "
                                + "argument per neuron, each with its own weighted edges");
                case "Add", "Concatenate", "Multiply", "Subtract", "Average", "Maximum", "Minimum", "Dot" ->
                        throw unsupported(name, cls, "it merges branches; a QBAF has edges only between consecutive layers");
                case "MultiHeadAttention", "Attention", "AdditiveAttention", "LayerNormalization", "GroupNormalization" ->
                        throw unsupported(name, cls, "it mixes the features of a row by values computed from the row itself; "
                                + "a QBAF's edges carry constant weights");
                case "LSTM", "GRU", "SimpleRNN", "Bidirectional", "TimeDistributed" ->
                        throw unsupported(name, cls, "recurrence feeds outputs back; a QBAF is one pass through layers");
                default -> throw unsupported(name, cls, "supported: InputLayer, Dense, Activation, ReLU, LeakyReLU, ELU, Softmax,"
                        + " Dropout, BatchNormalization, Normalization, Rescaling, Flatten");
            }
        }

        private void batchNormalization(String name, String stored, String cls, JsonNode c) {
            JsonNode axis = c.path("axis");
            int a = axis.isArray() ? (axis.size() == 1 ? axis.get(0).asInt() : 0) : axis.asInt(-1);
            if (a != -1 && a != 1) {
                throw unsupported(name, cls, "it normalises over axis " + axis + "; only the features (axis -1) are supported");
            }
            List<Var> vars = vars(name, stored);
            boolean scale = c.path("scale").asBoolean(true);
            boolean center = c.path("center").asBoolean(true);
            int count = (scale ? 1 : 0) + (center ? 1 : 0) + 2;
            if (vars.size() != count) {
                throw unsupported(name, cls, "it has " + vars.size() + " weights; expected " + count);
            }
            int at = 0;
            double[] gamma = scale ? vars.get(at++).values() : null;
            double[] beta = center ? vars.get(at++).values() : null;
            double[] mean = vars.get(at).values();
            double[] variance = vars.get(at + 1).values();
            // Keras stores epsilon as a Python float and adds it in float32.
            double epsilon = (float) c.path("epsilon").asDouble(1e-3);
            int n = mean.length;
            double[] s = new double[n];
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = (gamma == null ? 1 : gamma[i]) / Math.sqrt(variance[i] + epsilon);
                t[i] = (beta == null ? 0 : beta[i]) - mean[i] * s[i];
            }
            builder.perFeature(s, t, name + " (" + cls + ")");
        }

        private void normalization(String name, String stored, String cls, JsonNode c) {
            if (c.path("invert").asBoolean(false)) {
                throw unsupported(name, cls, "invert = True un-normalises; only a normalising layer is supported");
            }
            double[] mean;
            double[] variance;
            if (c.path("mean").isArray() || c.path("mean").isNumber()) {
                mean = numbers(c.get("mean"));
                variance = numbers(c.get("variance"));
            } else {
                List<Var> vars = vars(name, stored);
                if (vars.size() < 2) {
                    throw unsupported(name, cls, "it has no mean and variance; adapt() it or give them");
                }
                mean = vars.get(0).values();
                variance = vars.get(1).values();
            }
            int n = Math.max(mean.length, variance.length);
            double[] s = new double[n];
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                double m = mean[mean.length == 1 ? 0 : i];
                double sd = Math.max(Math.sqrt(variance[variance.length == 1 ? 0 : i]), KERAS_EPSILON);
                s[i] = 1 / sd;
                t[i] = -m / sd;
            }
            builder.perFeature(s, t, name + " (" + cls + ")");
        }

        private Activation activation(String name, String cls, JsonNode node) {
            String keras;
            JsonNode config = null;
            if (node.isTextual()) {
                keras = node.textValue();
            } else if (node.isObject()) {
                // {"module": "keras.activations", "class_name": "function", "config": "relu"} or a layer-like dict.
                keras = node.path("config").isTextual() ? node.path("config").asText() : node.path("class_name").asText();
                config = node.path("config");
            } else {
                keras = "linear";
            }
            return switch (keras) {
                case "linear", "identity" -> Activation.LINEAR;
                case "relu" -> Activation.RELU;
                case "leaky_relu" -> Activation.leakyRelu(config != null && config.has("negative_slope")
                        ? config.get("negative_slope").asDouble() : 0.2);
                case "elu" -> Activation.ELU;
                case "softplus" -> Activation.SOFTPLUS;
                case "silu", "swish" -> Activation.SILU;
                case "gelu" -> config != null && config.path("approximate").asBoolean(false) ? Activation.GELU_TANH : Activation.GELU;
                case "sigmoid" -> Activation.SIGMOID;
                case "tanh" -> Activation.TANH;
                case "softmax" -> Activation.SOFTMAX;
                default -> throw unsupported(name, cls, "activation '" + keras + "' is none of illc's (linear, relu, leaky_relu,"
                        + " elu, softplus, silu, gelu, sigmoid, tanh, softmax)");
            };
        }

        /** One stored weight: its shape and its values, row-major. */
        private record Var(int[] dims, double[] values) {
        }

        /** The layer's weights in order ({@code layers/<stored>/vars/0, 1, ...}, or a legacy file's weight_names). */
        private List<Var> vars(String layer, String stored) {
            List<Var> out = new ArrayList<>();
            if (legacy) {
                Node group = hdf.getByPath("model_weights/" + layer);
                Object names = group.getAttribute("weight_names").getData();
                for (int i = 0; i < Array.getLength(names); i++) {
                    Dataset d = hdf.getDatasetByPath("model_weights/" + layer + "/" + Array.get(names, i));
                    out.add(new Var(d.getDimensions(), flat(d.getDataFlat())));
                }
                return out;
            }
            for (int i = 0; ; i++) {
                Node node;
                try {
                    node = hdf.getByPath("layers/" + stored + "/vars/" + i);
                } catch (RuntimeException e) {
                    return out;
                }
                if (!(node instanceof Dataset d)) {
                    return out;
                }
                out.add(new Var(d.getDimensions(), flat(d.getDataFlat())));
            }
        }

        private double[][] matrix(String name, String cls, List<Var> vars, int index) {
            if (vars.size() <= index) {
                throw unsupported(name, cls, "its kernel is missing from " + WEIGHTS_ENTRY);
            }
            int[] shape = vars.get(index).dims();
            if (shape.length != 2) {
                throw unsupported(name, cls, "its kernel has shape " + Arrays.toString(shape) + ", expected [in, out]");
            }
            double[] v = vars.get(index).values();
            double[][] m = new double[shape[0]][shape[1]];
            for (int r = 0; r < shape[0]; r++) {
                System.arraycopy(v, r * shape[1], m[r], 0, shape[1]);
            }
            return m;
        }

        private double[] vector(String name, String cls, List<Var> vars, int index, int size) {
            if (vars.size() <= index || vars.get(index).values().length != size) {
                throw unsupported(name, cls, "its bias is missing or has the wrong size (expected " + size + ")");
            }
            return vars.get(index).values();
        }

        private static double[] flat(Object data) {
            // Keras stores float32 (sometimes float64): converted directly, not boxed value by value.
            if (data instanceof float[] f) {
                double[] out = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    out[i] = f[i];
                }
                return out;
            }
            if (data instanceof double[] d) {
                return d;
            }
            int n = Array.getLength(data);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = ((Number) Array.get(data, i)).doubleValue();
            }
            return out;
        }

        private static double[] numbers(JsonNode node) {
            if (node.isNumber()) {
                return new double[]{node.asDouble()};
            }
            double[] out = new double[node.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = node.get(i).asDouble();
            }
            return out;
        }

        private InputException unsupported(String name, String cls, String why) {
            return new InputException(file + ": Keras layer '" + name + "' (" + cls + ") is not supported: " + why);
        }
    }
}
