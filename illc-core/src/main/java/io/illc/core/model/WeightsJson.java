package io.illc.core.model;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.util.ByteBufferBackedInputStream;
import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import io.illc.core.InputException;
import io.illc.core.Workers;
import io.illc.core.catalog.Suggestions;
import io.illc.core.io.ActivationJson;
import io.illc.core.io.StrictJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
 * file and the JSON path. The fields of an object may come in any order.
 *
 * <p>The file is streamed ({@link StrictJson#stream}): numbers go from the parser straight into
 * each row's {@code double[]}, with no tree and no boxed numbers, so a 100 MB model loads at the
 * speed of the tokenizer and needs little more memory than its weights. Only the small parts
 * (names, an activation, {@code format}, {@code version}) become trees, so that they are checked by
 * the same code as everywhere else. What is wrong is remembered while reading and reported once the
 * whole document has been read, in the order the checks have always had, so a document gets the
 * same message whichever order its fields come in and whether or not it is also malformed further on.
 *
 * <p>Writing: every field, deterministically; doubles as Jackson's fast writer (Schubfach,
 * {@link NumberOutput#toString(double, boolean)}) spells them: the shortest decimal that reads back
 * to the identical bits, in {@link Double#toString}'s layout, about twice as fast as the JDK's;
 * one weight row per line; UTF-8 with a trailing newline.
 *
 * <p>Stateless and thread-safe.
 */
public final class WeightsJson {
    /** The value of the {@code format} key. */
    public static final String FORMAT = "illc-mlp";
    /** The only format version there is. */
    public static final int VERSION = 1;

    private static final Set<String> LAYER_KEYS = Set.of("weights", "bias", "activation");
    /**
     * Files from this size are mapped into memory and read layer by layer ({@link #byLayer});
     * smaller ones are read in one pass, where the cut would cost more than it saves...
     */
    private static final long BY_LAYER_FROM = 4L << 20;
    /**
     * ...when only their shape is wanted (scanning without converting is several times faster than
     * the tokenizer), or given this many threads to read their values on: on one thread the
     * tokenizer's one pass is as fast, and the mapped pages add the file's size to the memory used
     * (docs/benchmarks.md).
     */
    private static final int BY_LAYER_THREADS = 2;
    private static final String EXAMPLE = "{\"layers\": [...]}";

    private WeightsJson() {
    }

    /**
     * Reads a weights JSON file, on as many threads as there are processors (the result does not
     * depend on how many).
     *
     * @throws InputException for a missing or unreadable file, malformed JSON or an invalid model
     */
    public static ModelFile read(Path file) {
        return read(file, Workers.available());
    }

    /**
     * Reads a weights JSON file; a large one, given two threads or more, has its layers parsed on
     * up to {@code threads} threads at once, to the same bits and with the same messages as in one pass.
     *
     * @throws InputException for a missing or unreadable file, malformed JSON or an invalid model
     */
    public static ModelFile read(Path file, int threads) {
        return read(file, true, threads).model();
    }

    /** {@link #shape(Path, int)} on as many threads as there are processors. */
    public static ModelShape shape(Path file) {
        return shape(file, Workers.available());
    }

    /**
     * The shape of a weights JSON file: what {@link #read} would read, and every problem it would
     * report with the same message, without converting the weights to numbers or keeping them: a
     * large file is scanned layer by layer ({@link PlainLayer}) on up to {@code threads} threads,
     * whatever their number, so that a 100 MB model is checked in about a third of the CPU time of
     * {@link #read} without holding its weights. A literal that could be non-finite (an exponent,
     * NaN or Infinity, or 309 characters or more) is still converted, to reject it as
     * {@link #read} does.
     *
     * @throws InputException as {@link #read} does
     */
    public static ModelShape shape(Path file, int threads) {
        return read(file, false, threads).shape();
    }

    private static Document read(Path file, boolean values, int threads) {
        if (Files.isDirectory(file)) {
            throw new InputException("model file " + file + " is a directory, not a weights JSON file");
        }
        String source = file.toString();
        try {
            long size = Files.size(file);
            if (size >= BY_LAYER_FROM && size <= Integer.MAX_VALUE && (!values || threads >= BY_LAYER_THREADS)) {
                // Mapped, not read into the heap: the layers' parsers read their parts of the file's pages.
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    return mapped(channel.map(FileChannel.MapMode.READ_ONLY, 0, size), source, values, threads);
                }
            }
            try (InputStream in = Files.newInputStream(file)) {
                return StrictJson.stream(in, source, EXAMPLE, tokens -> Document.read(tokens, source, values, null));
            }
        } catch (NoSuchFileException e) {
            throw new InputException("model file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new InputException("cannot read model file " + file + ": " + e, e);
        }
    }

    /**
     * {@link #byLayer} over a mapped file. A file that another program shortens while it is read
     * makes the mapped pages past its new end fault, which Java reports as an {@link InternalError};
     * that is a changed file, not a bug.
     *
     * @param source the file's path, as messages name it
     */
    private static Document mapped(ByteBuffer json, String source, boolean values, int threads) {
        try {
            return byLayer(json, source, values, threads);
        } catch (InternalError e) {
            throw new InputException("model file " + source + " changed while it was read: it is shorter than when"
                    + " it was opened; read it again once it is complete", e);
        }
    }

    /** {@link #mapped} for a model's values: the seam where a test shortens the file under the mapping. */
    static ModelFile readMapped(ByteBuffer json, String source, int threads) {
        return mapped(json, source, true, threads).model();
    }

    /**
     * Reads weights JSON from bytes (UTF-8, a byte-order mark is allowed).
     *
     * @param source names the origin in messages, e.g. the file
     */
    public static ModelFile parse(byte[] json, String source) {
        return StrictJson.stream(json, source, EXAMPLE, tokens -> Document.read(tokens, source, true, null)).model();
    }

    /** {@link #parse(byte[], String)} with its layers parsed on {@code threads} threads, whatever its size. */
    static ModelFile parse(byte[] json, String source, int threads) {
        return byLayer(ByteBuffer.wrap(json), source, true, threads).model();
    }

    /** The shape {@link #shape} finds, of bytes, with the layers read on {@code threads} threads. */
    static ModelShape shape(byte[] json, String source, int threads) {
        return byLayer(ByteBuffer.wrap(json), source, false, threads).shape();
    }

    /**
     * The document in {@code json}, its layers parsed each on its own, on up to {@code threads}
     * threads: the layer objects are found by {@link LayerSpans}, each is read, as soon as it is
     * found, by {@link PlainLayer} or else by the reader of one pass, and the rest of the document is
     * then parsed with every layer replaced by {@code {}}. Whenever
     * anything is wrong (with the cut or with the document) the whole document is read again in
     * one pass, whose message is the one reported: the parallel path only ever returns a document
     * that the one-pass reader would have read to the same bits.
     */
    private static Document byLayer(ByteBuffer json, String source, boolean values, int threads) {
        int[] spans;
        List<Document.Layer> parsed;
        // Each layer is parsed as soon as the scan has found it, while the scan goes on.
        try (Workers.Ordered<Document.Layer> parsing = Workers.ordered(threads)) {
            spans = LayerSpans.find(json, (l, from, to) ->
                    parsing.add(() -> Document.layerAt(json.slice(from, to - from), l, source, values)));
            parsed = spans != null && spans.length >= 4 ? parsing.results() : null;
        }
        if (parsed != null) {
            if (!parsed.contains(null)) {
                try {
                    return StrictJson.stream(withoutLayers(json, spans), source, EXAMPLE,
                            tokens -> Document.read(tokens, source, values, parsed));
                } catch (InputException | Document.NotAsCut e) {
                    // read again in one pass below, for the message it gives
                }
            }
        }
        return StrictJson.stream(new ByteBufferBackedInputStream(json.duplicate()), source, EXAMPLE,
                tokens -> Document.read(tokens, source, values, null));
    }

    /** The bytes of {@code json} with each span replaced by an empty object. */
    private static byte[] withoutLayers(ByteBuffer json, int[] spans) {
        int length = json.limit();
        for (int s = 0; s < spans.length; s += 2) {
            length -= spans[s + 1] - spans[s] - 2;
        }
        byte[] out = new byte[length];
        int from = 0;
        int at = 0;
        for (int s = 0; s <= spans.length; s += 2) {
            int to = s < spans.length ? spans[s] : json.limit();
            json.get(from, out, at, to - from);
            at += to - from;
            if (s < spans.length) {
                out[at++] = '{';
                out[at++] = '}';
                from = spans[s + 1];
            }
        }
        return out;
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
        long values = mlp.layers().stream().mapToLong(l -> (long) l.outputs() * (l.inputs() + 1)).sum();
        // Room for every number as written (at most 24 characters and ", "): no growing copies.
        StringBuilder s = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, 1024 + 26 * values));
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
            double[] weights = w.toRowMajor();
            for (int j = 0; j < w.rows(); j++) {
                s.append("        ");
                appendNumbers(s, weights, j * w.cols(), w.cols(), at, ".weights[" + j + "]");
                s.append(j + 1 < w.rows() ? ",\n" : "\n");
            }
            s.append("      ],\n");
            s.append("      \"bias\": ");
            appendNumbers(s, layer.bias().toArray(), 0, layer.outputs(), at, ".bias");
            s.append(",\n");
            s.append("      \"activation\": ").append(ActivationJson.toJson(layer.activation())).append('\n');
            s.append(l + 1 < mlp.layers().size() ? "    },\n" : "    }\n");
        }
        s.append("  ]\n");
        s.append("}\n");
        return s.toString();
    }

    /** Appends {@code [v, ...]}, {@code count} values from {@code from}; {@code at + where} names them in a message. */
    private static void appendNumbers(StringBuilder s, double[] values, int from, int count, String at, String where) {
        s.append('[');
        for (int i = 0; i < count; i++) {
            double v = values[from + i];
            if (!Double.isFinite(v)) {
                // JSON has no NaN or infinity; a model holding one is a bug upstream, not bad input.
                throw new IllegalArgumentException("cannot write " + at + where + "[" + i + "] = " + v
                        + ": weights JSON holds finite numbers only");
            }
            if (i > 0) {
                s.append(", ");
            }
            s.append(NumberOutput.toString(v, true));
        }
        s.append(']');
    }

    private static String strings(List<String> values) {
        return values.stream().map(WeightsJson::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String quote(String value) {
        StringBuilder s = new StringBuilder("\"");
        JsonStringEncoder.getInstance().quoteAsString(value, s);
        return s.append('"').toString();
    }

    /**
     * One document, read in a single pass: the layers that passed their checks, the small parts as
     * trees, and the first problem of the layers in the order {@link #model} checks them. Checked by
     * {@link #model} once the parser has seen the whole document.
     */
    private static final class Document {
        private final String source;
        /** False when only the shape is wanted: the weights are counted and checked, not kept. */
        private final boolean values;
        /** What the root is when it is not an object, e.g. "an array". */
        private String rootFound;
        private JsonNode format;
        private JsonNode version;
        private JsonNode inputs;
        private JsonNode outputs;
        private boolean layersPresent;
        /** What {@code layers} is when it is not an array. */
        private String layersFound;
        private final List<Layer> layers = new ArrayList<>();
        /** The first layer problem; later layers are then only skipped. */
        private InputException layersProblem;
        /** The layers already parsed (each in the document's {@code {}} in its place), or null. */
        private final List<Layer> parsed;

        private Document(String source, boolean values, List<Layer> parsed) {
            this.source = source;
            this.values = values;
            this.parsed = parsed;
        }

        /**
         * Reads the document at {@code in}.
         *
         * @param parsed null, or the layers parsed beforehand, each one standing in for the empty
         *               object in its place in {@code layers}
         * @throws NotAsCut when {@code parsed} does not match the document's {@code layers}
         */
        static Document read(StrictJson.Tokens in, String source, boolean values, List<Layer> parsed) throws IOException {
            Document d = new Document(source, values, parsed);
            if (in.current() != JsonToken.START_OBJECT) {
                d.rootFound = in.describeAndSkip();
                return d;
            }
            while (in.next() == JsonToken.FIELD_NAME) {
                String key = in.name();
                in.next();
                switch (key) {
                    case "format" -> d.format = in.value();
                    case "version" -> d.version = in.value();
                    case "inputs" -> d.inputs = in.value();
                    case "outputs" -> d.outputs = in.value();
                    case "layers" -> d.layers(in);
                    default -> in.skip(); // other top-level keys (meta) are allowed and ignored
                }
            }
            return d;
        }

        ModelFile model() {
            Names names = check();
            List<DenseLayer> dense = layers.stream().map(Layer::layer).toList();
            int inputCount = layers.get(0).inputs();
            int outputCount = layers.get(layers.size() - 1).outputs();
            Mlp mlp = new Mlp(dense,
                    names.inputs() != null ? names.inputs() : Mlp.names("x", inputCount),
                    names.outputs() != null ? names.outputs() : Mlp.names("y", outputCount));
            return new ModelFile(mlp, names.inputs() != null, names.outputs() != null);
        }

        ModelShape shape() {
            Names names = check();
            int inputCount = layers.get(0).inputs();
            List<Integer> hidden = layers.subList(0, layers.size() - 1).stream().map(Layer::outputs).toList();
            return new ModelShape(names.inputs() != null ? names.inputs() : Mlp.names("x", inputCount),
                    names.inputs() != null, hidden);
        }

        /** The names the file gives, each {@code null} when absent. */
        private record Names(List<String> inputs, List<String> outputs) {
        }

        /** Every check, in the order they have always had; the first problem is thrown. */
        private Names check() {
            if (rootFound != null) {
                throw problem("$", "expected a JSON object like {\"layers\": [...]}, found " + rootFound);
            }
            if (format != null && !(format.isTextual() && format.textValue().equals(FORMAT))) {
                throw problem("$.format", "expected \"" + FORMAT + "\", found " + shown(format));
            }
            if (version != null && !(version.isIntegralNumber() && version.canConvertToInt() && version.intValue() == VERSION)) {
                throw problem("$.version", "expected " + VERSION + " (the only version this illc reads), found " + shown(version));
            }
            if (!layersPresent) {
                throw problem("$.layers", "missing; a weights JSON needs at least {\"layers\": [{\"weights\": ..., \"bias\": ..., \"activation\": ...}]}");
            }
            if (layersFound != null) {
                throw problem("$.layers", "expected an array of layers, found " + layersFound);
            }
            if (layersProblem != null) {
                throw layersProblem;
            }
            if (layers.isEmpty()) {
                throw problem("$.layers", "empty; a model needs at least one layer");
            }
            int inputCount = layers.get(0).inputs();
            int outputCount = layers.get(layers.size() - 1).outputs();
            List<String> inputNames = names(inputs, "$.inputs", inputCount,
                    "$.layers[0] takes " + inputCount + " inputs; give one name per input");
            List<String> outputNames = names(outputs, "$.outputs", outputCount,
                    "$.layers[" + (layers.size() - 1) + "] has " + outputCount + " output neurons; give one name per output");
            return new Names(inputNames, outputNames);
        }

        private void layers(StrictJson.Tokens in) throws IOException {
            layersPresent = true;
            if (in.current() != JsonToken.START_ARRAY) {
                layersFound = in.describeAndSkip();
                return;
            }
            // A layer's last check (softmax only on the last layer) waits for the next token.
            Layer pending = null;
            while (in.next() != JsonToken.END_ARRAY) {
                if (pending != null) {
                    accept(pending, false);
                    pending = null;
                }
                if (layersProblem != null) {
                    in.skip();
                } else if (parsed != null) {
                    pending = parsedLayer(in, layers.size());
                } else {
                    pending = layer(in, layers.size());
                }
            }
            if (pending != null) {
                accept(pending, true);
            }
        }

        /**
         * A layer whose own fields passed their checks, before the checks that need its neighbours:
         * {@code [outputs, inputs]} weights; {@code layer} is null when only the shape is read.
         */
        record Layer(DenseLayer layer, int outputs, int inputs, Activation activation, String at) {
        }

        private void accept(Layer l, boolean last) {
            if (layersProblem != null) {
                return;
            }
            if (l.activation() == Activation.SOFTMAX && !last) {
                layersProblem = problem(l.at() + ".activation", "softmax is allowed on the output (last) layer only; use relu, sigmoid, tanh or linear");
                return;
            }
            int index = layers.size();
            if (index > 0 && l.inputs() != layers.get(index - 1).outputs()) {
                layersProblem = problem(l.at() + ".weights", "rows have " + l.inputs()
                        + " values (inputs) but $.layers[" + (index - 1) + "] has " + layers.get(index - 1).outputs()
                        + " neurons (rows); each layer takes the previous layer's outputs");
                return;
            }
            layers.add(l);
        }

        /** Thrown when the layers parsed beforehand are not those of the document. */
        static final class NotAsCut extends RuntimeException {
            NotAsCut() {
                super(null, null, false, false);
            }
        }

        /** The layer {@code index} parsed beforehand, in place of the empty object at {@code in}. */
        private Layer parsedLayer(StrictJson.Tokens in, int index) throws IOException {
            if (in.current() != JsonToken.START_OBJECT || in.next() != JsonToken.END_OBJECT || index >= parsed.size()) {
                throw new NotAsCut();
            }
            return parsed.get(index);
        }

        /**
         * Layer {@code index} of a document, parsed on its own from {@code json}, which holds its
         * object; {@code null} when it is wrong in any way (the document is then read in one pass).
         */
        static Layer layerAt(ByteBuffer json, int index, String source, boolean values) {
            Layer plain = plainLayer(json, index, values);
            if (plain != null) {
                return plain;
            }
            Document d = new Document(source, values, null);
            try {
                Layer layer = StrictJson.stream(new ByteBufferBackedInputStream(json), source, EXAMPLE, in -> d.layer(in, index));
                return d.layersProblem == null ? layer : null;
            } catch (InputException e) {
                return null;
            }
        }

        /**
         * Layer {@code index} read by {@link PlainLayer}, with the checks of {@link #layer} that
         * depend on nothing else; {@code null} when the scanner or a check declines it.
         */
        private static Layer plainLayer(ByteBuffer json, int index, boolean values) {
            PlainLayer.Fields f = PlainLayer.read(json, values);
            if (f == null || f.biasLength() != f.rows()) {
                return null;
            }
            Activation a;
            try {
                a = ActivationJson.parse(TextNode.valueOf(f.activation()));
            } catch (IllegalArgumentException e) {
                return null;
            }
            DenseLayer layer = values ? new DenseLayer(Matrix.wrap(f.rows(), f.width(), f.weights()),
                    Vector.of(f.bias()), a) : null;
            return new Layer(layer, f.rows(), f.width(), a, "$.layers[" + index + "]");
        }

        /** Reads one layer; {@code null} (with {@link #layersProblem} set) when it is wrong. */
        private Layer layer(StrictJson.Tokens in, int index) throws IOException {
            String at = "$.layers[" + index + "]";
            if (in.current() != JsonToken.START_OBJECT) {
                layersProblem = problem(at, "expected a layer object {\"weights\": ..., \"bias\": ..., \"activation\": ...}, found " + in.describeAndSkip());
                return null;
            }
            // Each field's own first problem, reported below in the order the checks have always had.
            String unknownKey = null;
            Field<Weights> weights = null;
            Field<double[]> bias = null;
            JsonNode activation = null;
            while (in.next() == JsonToken.FIELD_NAME) {
                String key = in.name();
                in.next();
                switch (key) {
                    case "weights" -> weights = weights(in, at + ".weights");
                    case "bias" -> bias = numbers(in, at + ".bias");
                    case "activation" -> activation = in.value();
                    default -> {
                        if (unknownKey == null) {
                            unknownKey = key;
                        }
                        in.skip();
                    }
                }
            }
            if (unknownKey != null) {
                layersProblem = problem(at + "." + unknownKey, "unknown key; a layer has weights, bias and activation"
                        + Suggestions.didYouMean(unknownKey, LAYER_KEYS));
            } else if (weights == null) {
                layersProblem = missing(at, "weights");
            } else if (weights.problem() != null) {
                layersProblem = weights.problem();
            } else if (bias == null) {
                layersProblem = missing(at, "bias");
            } else if (bias.problem() != null) {
                layersProblem = bias.problem();
            } else if (bias.value().length != weights.value().rows()) {
                layersProblem = problem(at + ".bias", "has " + bias.value().length + " values but " + at + ".weights has "
                        + weights.value().rows() + " rows; one bias per neuron (row)");
            } else if (activation == null) {
                layersProblem = missing(at, "activation");
            } else {
                Activation a;
                try {
                    a = ActivationJson.parse(activation);
                } catch (IllegalArgumentException e) {
                    layersProblem = problem(at + ".activation", e.getMessage());
                    return null;
                }
                Weights w = weights.value();
                DenseLayer layer = values ? new DenseLayer(Matrix.of(w.values()), Vector.of(bias.value()), a) : null;
                return new Layer(layer, w.rows(), w.width(), a, at);
            }
            return null;
        }

        /** A field's value, or the first problem found in it. */
        private record Field<T>(T value, InputException problem) {
        }

        private <T> Field<T> failed(String path, String message) {
            return new Field<>(null, problem(path, message));
        }

        /** {@code [rows][width]} weights; {@code values} is null when only the shape is read. */
        private record Weights(double[][] values, int rows, int width) {
        }

        /**
         * {@code [out][in]}: each row parsed straight into its own array, sized by row 0; or, for the
         * shape only, each number counted and checked without being converted or kept.
         */
        private Field<Weights> weights(StrictJson.Tokens in, String at) throws IOException {
            if (in.current() != JsonToken.START_ARRAY) {
                return failed(at, "expected an array of rows [out][in], found " + in.describeAndSkip());
            }
            List<double[]> rows = new ArrayList<>();
            int width = 0;
            int j = -1;
            while (in.next() != JsonToken.END_ARRAY) {
                j++;
                String rowAt = at + "[" + j + "]";
                if (in.current() != JsonToken.START_ARRAY) {
                    String found = in.describeAndSkip();
                    in.finish(1);
                    return failed(rowAt, "expected an array of numbers, found " + found);
                }
                double[] row = !values ? null : j == 0 ? new double[64] : new double[width];
                int n = 0;
                while (in.next() != JsonToken.END_ARRAY) {
                    if (!in.isNumber()) {
                        String found = in.describeAndSkip();
                        in.finish(2);
                        return failed(rowAt + "[" + n + "]", "expected a number, found " + found);
                    }
                    if (!values) {
                        in.checkNumber();
                        n++;
                        continue;
                    }
                    double v = in.number();
                    if (n == row.length && j == 0) {
                        row = Arrays.copyOf(row, row.length * 2);
                    }
                    if (n < row.length) {
                        row[n] = v;
                    }
                    n++; // past row 0's length only counted, for the message about ragged rows
                }
                if (n == 0) {
                    in.finish(1);
                    return failed(rowAt, "empty row; a neuron needs at least one input");
                }
                if (j == 0) {
                    width = n;
                    row = values ? Arrays.copyOf(row, n) : null;
                } else if (n != width) {
                    in.finish(1);
                    return failed(at, "ragged rows: row 0 has " + width + " values but row " + j
                            + " has " + n + "; every row holds one weight per input");
                }
                if (values) {
                    rows.add(row);
                }
            }
            if (j < 0) {
                return failed(at, "empty; a layer needs at least one neuron (row)");
            }
            return new Field<>(new Weights(values ? rows.toArray(new double[0][]) : null, j + 1, width), null);
        }

        private Field<double[]> numbers(StrictJson.Tokens in, String at) throws IOException {
            if (in.current() != JsonToken.START_ARRAY) {
                return failed(at, "expected an array of numbers, found " + in.describeAndSkip());
            }
            double[] out = new double[64];
            int n = 0;
            while (in.next() != JsonToken.END_ARRAY) {
                if (!in.isNumber()) {
                    String found = in.describeAndSkip();
                    in.finish(1);
                    return failed(at + "[" + n + "]", "expected a number, found " + found);
                }
                if (n == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                out[n++] = in.number();
            }
            return new Field<>(Arrays.copyOf(out, n), null);
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

        private InputException missing(String at, String key) {
            return problem(at + "." + key, "missing; a layer needs weights, bias and activation");
        }

        private InputException problem(String path, String message) {
            return new InputException(source + ": " + path + ": " + message);
        }

        private static String kind(JsonNode node) {
            return StrictJson.describe(node);
        }

        private static String shown(JsonNode node) {
            return node.isValueNode() || node.isNull() ? node.toString() : kind(node);
        }
    }
}
