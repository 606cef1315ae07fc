package io.illc.core.model;

import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import io.illc.core.InputException;
import onnx.Onnx;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * Reads an MLP from an ONNX model, using the ONNX protobuf classes that ship with ND4J.
 *
 * <p>The graph is read as data flow, not as a fixed chain: every computed tensor is described as
 * an element-wise function of the pre-activations z of the layer being built (or of the graph
 * input), followed by a per-feature affine map. That way the patterns the exporters write all
 * reduce to dense layers:
 * <ul>
 *   <li>{@code Gemm} (constant {@code B}, optional constant {@code C}, {@code transA = 0},
 *       {@code alpha}, {@code beta}) or {@code MatMul} with a constant {@code [in, out]} operand,
 *       optionally followed by {@code Add} of a constant bias: a layer's affine part;</li>
 *   <li>{@code BatchNormalization} (inference mode), and {@code Add}/{@code Sub}/{@code Mul}/
 *       {@code Div} by a constant per-feature vector: a per-feature affine map, folded exactly
 *       into the layer before it when no activation lies between, else into the next layer's
 *       weights (BatchNorm after the activation, as Keras places it, or at the input);</li>
 *   <li>element-wise ops ({@code Relu}, {@code LeakyRelu}, {@code Elu}, {@code Softplus},
 *       {@code Sigmoid}, {@code Tanh}, {@code Gelu}, {@code Erf}, {@code Exp}, {@code Log},
 *       {@code Neg}, {@code Pow}, and scalar {@code Add}/{@code Sub}/{@code Mul}/{@code Div}, also
 *       between two tensors computed from the same z, as in {@code Mul(x, Sigmoid(x))} or GELU's
 *       {@code Erf} decomposition): composed into one function φ, which must then be one of
 *       illc's activations — it is recognised by its values at fixed points to 1e-6 (the
 *       exporters' float32 constants are that close), and a leaky ReLU's slope and an ELU's α
 *       are read off those values;</li>
 *   <li>{@code Softmax}/{@code LogSoftmax} over the last axis as the output (a LogSoftmax head is
 *       read as softmax: illc's outputs are probabilities);</li>
 *   <li>{@code Identity}, {@code Dropout}, {@code Cast} to a float type, {@code Flatten} (axis 1)
 *       and {@code Reshape} to {@code [batch, features]} pass their input on; {@code Shape},
 *       {@code Gather}, {@code Unsqueeze}, {@code Concat}, {@code Squeeze}, {@code Slice} of
 *       shapes and constants only compute a Reshape's target shape.</li>
 * </ul>
 * Anything else, or a graph that is not a chain of layers (two branches added, as in a residual
 * connection; a layer's output used by two layers; a product of two computed tensors, as in
 * attention), is an {@link InputException} naming the node, its op type and why it cannot be a
 * QBAF. Constants come from initializers or {@code Constant} nodes (float, double, int32 or int64,
 * stored inline). ONNX has no per-feature names, so the model is unnamed.
 */
public final class OnnxImport {
    private static final int FLOAT = 1;
    private static final int INT32 = 6;
    private static final int INT64 = 7;
    private static final int FLOAT16 = 10;
    private static final int DOUBLE = 11;
    private static final int BFLOAT16 = 16;
    /** Where a composed element-wise function is compared with the candidate activations. */
    private static final double[] PROBES = {-6, -4, -3, -2, -1.5, -1, -0.75, -0.5, -0.25, -0.1, 0, 0.1, 0.25, 0.5,
            0.75, 1, 1.5, 2, 3, 4, 6};
    /** Relative tolerance of that comparison: float32 constants (√2, 0.044715, ...) are within 1e-7. */
    private static final double RECOGNITION_TOLERANCE = 1e-6;
    private static final String SUPPORTED = "Gemm, MatMul, Add, Sub, Mul, Div, BatchNormalization, Relu, LeakyRelu, Elu, "
            + "Softplus, Sigmoid, Tanh, Gelu, Erf, Exp, Log, Neg, Pow, Softmax, LogSoftmax, Identity, Dropout, Cast, Flatten, "
            + "Reshape (and Shape, Gather, Unsqueeze, Concat, Squeeze, Slice computing its shape), Constant";

    private OnnxImport() {
    }

    /**
     * @throws InputException when the file is missing or not ONNX, or the graph uses an
     *                        unsupported node (named with its op type) or shape
     */
    public static Mlp read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("model file not found: " + file);
        }
        Onnx.ModelProto model;
        try {
            model = Onnx.ModelProto.parseFrom(Files.readAllBytes(file));
        } catch (InvalidProtocolBufferException e) {
            throw new InputException(file + " is not an ONNX model (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InputException("cannot read model file " + file + ": " + e, e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new InputException(file + " holds no ONNX graph");
        }
        return new GraphReader(file, model.getGraph()).read();
    }

    /** A constant tensor as doubles, row-major, with its dimensions. */
    private record Tensor(long[] dims, double[] values) {
    }

    /** A tensor computed at run time that only holds a shape (Shape of the data and what follows). */
    private record ShapeValue() {
    }

    /**
     * A computed {@code [batch, features]} tensor: {@code scale ⊙ f(z) + shift}, z the
     * pre-activations of pending affine part {@code base} (or the graph input when {@code base} is
     * {@link #INPUT}).
     *
     * @param f        element-wise, the same for every feature
     * @param identity f is the identity (nothing element-wise applied since z)
     * @param scale    per-feature, or {@code null} for the identity map (then {@code shift} is null too)
     * @param softmax  a Softmax/LogSoftmax was applied: only pass-through ops may follow
     * @param nodes    the element-wise nodes composed into f, for messages
     */
    private record Sym(int base, DoubleUnaryOperator f, boolean identity, double[] scale, double[] shift, boolean softmax,
                       List<String> nodes) {
        /** g ∘ f: the element-wise op g applied to this tensor. */
        Sym then(DoubleUnaryOperator g, String node) {
            DoubleUnaryOperator f = this.f;
            return with(z -> g.applyAsDouble(f.applyAsDouble(z)), node);
        }

        /** This tensor's f replaced by h (already composed with f). */
        Sym with(DoubleUnaryOperator h, String node) {
            List<String> more = new ArrayList<>(nodes);
            more.add(node);
            return new Sym(base, h, false, scale, shift, softmax, more);
        }
    }

    /**
     * The affine part of a layer: {@code z = W · in + b}, W {@code [out][in]}; {@code layer} is its
     * 0-based position in the chain (a copy with a per-feature map folded in keeps it).
     */
    private record Affine(double[][] w, double[] b, int layer) {
    }

    private static final int INPUT = -1;

    /** Reads the graph node by node; mutable, used by one {@link #read} call. */
    private static final class GraphReader {
        private final Path file;
        private final Onnx.GraphProto graph;
        /** Every tensor by name: a {@link Tensor} constant, a {@link Sym} or a {@link ShapeValue}. */
        private final Map<String, Object> values = new HashMap<>();
        /** The affine parts made so far; index = the base of the {@link Sym}s computed from it. */
        private final List<Affine> affines = new ArrayList<>();
        /** By layer position: the node that consumed the layer's output. */
        private final Map<Integer, String> consumedBy = new HashMap<>();
        private final List<DenseLayer> layers = new ArrayList<>();
        private int inputWidth = -1;

        GraphReader(Path file, Onnx.GraphProto graph) {
            this.file = file;
            this.graph = graph;
        }

        Mlp read() {
            for (Onnx.TensorProto t : graph.getInitializerList()) {
                values.put(t.getName(), tensor(t));
            }
            List<String> inputs = graph.getInputList().stream().map(Onnx.ValueInfoProto::getName)
                    .filter(name -> !values.containsKey(name)).toList();
            if (inputs.size() != 1 || graph.getOutputCount() != 1) {
                throw new InputException(file + ": the ONNX graph has inputs " + inputs + " and "
                        + graph.getOutputCount() + " outputs; an MLP has exactly one of each");
            }
            values.put(inputs.get(0), new Sym(INPUT, DoubleUnaryOperator.identity(), true, null, null, false, List.of()));
            for (Onnx.NodeProto node : graph.getNodeList()) {
                node(node);
            }
            String output = graph.getOutput(0).getName();
            if (!(values.get(output) instanceof Sym out)) {
                throw new InputException(file + ": the graph output " + output + " is not computed from the graph input");
            }
            if (out.base() == INPUT) {
                throw new InputException(file + ": the ONNX graph has no Gemm or MatMul layer");
            }
            if (out.scale() != null) {
                throw new InputException(file + ": a per-feature scale or shift follows the activation of the last dense layer ("
                        + String.join(", ", out.nodes()) + "); it could be folded into a following dense layer, but there is none");
            }
            emit(out, "the graph output " + output);
            try {
                return Mlp.unnamed(layers);
            } catch (IllegalArgumentException e) {
                throw new InputException(file + ": the ONNX graph is not an MLP: " + e.getMessage(), e);
            }
        }

        private void node(Onnx.NodeProto node) {
            String op = node.getOpType();
            if (op.equals("Constant")) {
                values.put(node.getOutput(0), constantNode(node));
                return;
            }
            List<Object> in = new ArrayList<>();
            for (String name : node.getInputList()) {
                in.add(name.isEmpty() ? null : values.get(name));
            }
            boolean computed = in.stream().anyMatch(v -> v instanceof Sym);
            if (!computed) {
                // Shape arithmetic (and constant folding the exporter left in): no data flows here.
                if (in.stream().anyMatch(v -> v instanceof ShapeValue) || Set.of("Shape", "Gather", "Unsqueeze", "Concat",
                        "Squeeze", "Slice", "Cast", "Identity", "Reshape").contains(op)) {
                    for (String out : node.getOutputList()) {
                        values.put(out, new ShapeValue());
                    }
                    return;
                }
                throw unsupported(node, "it computes only from constants; fold constants before exporting (e.g. onnxsim)");
            }
            Sym x = in.get(0) instanceof Sym first ? first : null;
            if (x != null && x.softmax() && !Set.of("Identity", "Dropout", "Cast", "Flatten", "Reshape").contains(op)) {
                throw unsupported(node, "it follows the Softmax/LogSoftmax head; the head must be the graph's last computation");
            }
            Object result = switch (op) {
                case "Identity", "Dropout" -> first(node, x);
                case "Cast" -> cast(node, x);
                case "Flatten" -> flatten(node, x);
                case "Reshape" -> reshape(node, x, in.get(1));
                case "Shape" -> new ShapeValue();
                case "Gemm" -> gemm(node, x, in);
                case "MatMul" -> matMul(node, in);
                case "Add", "Sub", "Mul", "Div" -> arithmetic(node, in);
                case "BatchNormalization" -> batchNorm(node, first(node, x), in);
                case "Softmax", "LogSoftmax" -> softmax(node, first(node, x));
                case "Relu" -> pointwise(node, x).then(z -> Activation.RELU.apply(z), describe(node));
                case "Sigmoid" -> pointwise(node, x).then(z -> Activation.SIGMOID.apply(z), describe(node));
                case "Tanh" -> pointwise(node, x).then(Math::tanh, describe(node));
                case "Softplus" -> pointwise(node, x).then(z -> Activation.SOFTPLUS.apply(z), describe(node));
                case "Erf" -> pointwise(node, x).then(Activation::erf, describe(node));
                case "Exp" -> pointwise(node, x).then(Math::exp, describe(node));
                case "Log" -> pointwise(node, x).then(Math::log, describe(node));
                case "Neg" -> pointwise(node, x).then(z -> -z, describe(node));
                case "LeakyRelu" -> {
                    double slope = floatAttribute(node, "alpha", 0.01);
                    yield pointwise(node, x).then(z -> z > 0 ? z : slope * z, describe(node));
                }
                case "Elu" -> {
                    double alpha = floatAttribute(node, "alpha", 1.0);
                    yield pointwise(node, x).then(z -> z > 0 ? z : alpha * Math.expm1(z), describe(node));
                }
                case "Gelu" -> {
                    Activation gelu = stringAttribute(node, "approximate", "none").equals("tanh") ? Activation.GELU_TANH : Activation.GELU;
                    yield pointwise(node, x).then(gelu::apply, describe(node));
                }
                case "Pow" -> {
                    double e = scalar(node, in.get(1), "its exponent");
                    yield pointwise(node, x).then(z -> Math.pow(z, e), describe(node));
                }
                case "Conv", "ConvTranspose", "ConvInteger", "QLinearConv", "MaxPool", "AveragePool", "GlobalAveragePool",
                     "GlobalMaxPool" -> throw unsupported(node,
                        "a convolution or pooling shares one kernel across positions; a QBAF needs one argument per neuron, "
                                + "each with its own weighted edges");
                case "LSTM", "GRU", "RNN", "Scan", "Loop", "If" -> throw unsupported(node,
                        "recurrence and control flow feed outputs back; a QBAF is one pass through layers");
                case "Attention", "MultiHeadAttention", "LayerNormalization", "InstanceNormalization",
                     "GroupNormalization" -> throw unsupported(node,
                        "it mixes the features of a row by values computed from the row itself; a QBAF's edges carry constant weights");
                case "Unsqueeze", "Transpose", "Expand", "Tile", "Split", "Slice", "Gather", "Concat", "Squeeze" ->
                        throw unsupported(node, "it changes the data's shape away from [batch, features]; an MLP takes one row of "
                                + "features per example");
                default -> throw unsupported(node, "op " + op + " is not a layer, activation or no-op of an MLP; supported: " + SUPPORTED);
            };
            values.put(node.getOutput(0), result);
        }

        private Sym first(Onnx.NodeProto node, Sym x) {
            if (x == null) {
                throw unsupported(node, "its first input is not the data flowing through the network");
            }
            return x;
        }

        /** x, checked to be something an element-wise function can be composed onto. */
        private Sym pointwise(Onnx.NodeProto node, Sym x) {
            first(node, x);
            if (x.scale() != null) {
                throw unsupported(node, "it applies an element-wise function after a per-feature scale or shift ("
                        + (x.identity() ? "of the inputs" : "after " + String.join(", ", x.nodes()))
                        + "); between two activations that is not a dense layer");
            }
            if (x.base() == INPUT) {
                throw unsupported(node, "an element-wise function of the inputs before the first layer; an MLP starts with a dense layer");
            }
            return x;
        }

        private Sym cast(Onnx.NodeProto node, Sym x) {
            long to = intAttribute(node, "to", FLOAT);
            if (to != FLOAT && to != DOUBLE && to != FLOAT16 && to != BFLOAT16) {
                throw unsupported(node, "it casts the data to ONNX type " + to + "; only float types keep an MLP's values");
            }
            return first(node, x);
        }

        private Sym flatten(Onnx.NodeProto node, Sym x) {
            long axis = intAttribute(node, "axis", 1);
            if (axis != 1) {
                throw unsupported(node, "Flatten with axis " + axis + "; only axis 1 of a [batch, features] tensor is a no-op");
            }
            return first(node, x);
        }

        private Sym reshape(Onnx.NodeProto node, Sym x, Object shape) {
            if (shape instanceof Tensor t) {
                double[] dims = t.values();
                int width = width(x);
                boolean batchByFeatures = dims.length == 2 && (dims[0] == -1 || dims[0] == 0 || dims[0] >= 1)
                        && (dims[1] == -1 || width < 0 || dims[1] == width);
                if (!batchByFeatures) {
                    throw unsupported(node, "Reshape to " + Arrays.toString(dims) + "; only [batch, features] keeps an MLP's rows");
                }
            }
            // A computed shape is what a custom forward's x.reshape(x.shape[0], -1) exports.
            return first(node, x);
        }

        private int width(Sym x) {
            return x.base() == INPUT ? inputWidth : affines.get(x.base()).b().length;
        }

        private Sym gemm(Onnx.NodeProto node, Sym x, List<Object> in) {
            first(node, x);
            if (intAttribute(node, "transA", 0) != 0) {
                throw unsupported(node, "transA = 1 transposes the data; only transA = 0 is supported");
            }
            double[][] w = matrix(node, constant(node, in, 1, "its weight B"));
            // Gemm computes alpha·A·op(B) + beta·C; op(B) = B^T for transB = 1, so B is already [out, in].
            if (intAttribute(node, "transB", 0) == 0) {
                w = transpose(w);
            }
            double alpha = floatAttribute(node, "alpha", 1.0);
            for (double[] row : w) {
                for (int i = 0; i < row.length; i++) {
                    row[i] *= alpha;
                }
            }
            double[] b = new double[w.length];
            if (in.size() > 2 && in.get(2) != null) {
                double beta = floatAttribute(node, "beta", 1.0);
                double[] c = vector(node, constant(node, in, 2, "its bias C"), w.length);
                for (int j = 0; j < b.length; j++) {
                    b[j] = beta * c[j];
                }
            }
            return layer(node, x, w, b);
        }

        private Sym matMul(Onnx.NodeProto node, List<Object> in) {
            if (in.size() == 2 && in.get(0) instanceof Sym && in.get(1) instanceof Sym) {
                throw unsupported(node, "it multiplies two computed tensors (as attention does); a QBAF's edges carry constant weights");
            }
            if (!(in.get(0) instanceof Sym x)) {
                throw unsupported(node, "the data must be its first operand (x · W), with a constant [in, out] weight");
            }
            double[][] w = transpose(matrix(node, constant(node, in, 1, "its weight")));
            return layer(node, x, w, new double[w.length]);
        }

        /** A new affine part {@code W · x + b}, the layer that produced x emitted and x's per-feature map folded into W and b. */
        private Sym layer(Onnx.NodeProto node, Sym x, double[][] w, double[] b) {
            int in = w.length == 0 ? 0 : w[0].length;
            if (x.base() == INPUT) {
                if (!x.identity()) {
                    throw unsupported(node, "an element-wise function (" + String.join(", ", x.nodes())
                            + ") is applied to the inputs before the first layer; an MLP starts with a dense layer");
                }
                inputWidth = in;
            } else {
                emit(x, describe(node));
            }
            if (x.scale() != null) {
                if (x.scale().length == 1) {
                    x = new Sym(x.base(), x.f(), x.identity(), filled(in, x.scale()[0]), filled(in, x.shift()[0]), false, x.nodes());
                }
                if (x.scale().length != in) {
                    throw unsupported(node, "its weight takes " + in + " inputs but the per-feature map before it has "
                            + x.scale().length + " features");
                }
                // W · (s ⊙ v + t) + b = (W diag(s)) · v + (W · t + b): exact up to rounding.
                for (int j = 0; j < w.length; j++) {
                    for (int i = 0; i < in; i++) {
                        b[j] += w[j][i] * x.shift()[i];
                        w[j][i] *= x.scale()[i];
                    }
                }
            }
            affines.add(new Affine(w, b, layers.size()));
            return new Sym(affines.size() - 1, DoubleUnaryOperator.identity(), true, null, null, false, List.of());
        }

        /** Adds the layer of affine part {@code x.base()} with activation φ recognised from {@code x.f()}. */
        private void emit(Sym x, String consumer) {
            Affine a = affines.get(x.base());
            String previous = consumedBy.putIfAbsent(a.layer(), consumer);
            if (previous != null) {
                throw new InputException(file + ": the output of dense layer " + (a.layer() + 1) + " is used by both "
                        + previous + " and " + consumer + "; a QBAF needs a chain of layers, not branches");
            }
            if (a.layer() != layers.size()) {
                throw new InputException(file + ": " + consumer + " reads dense layer " + (a.layer() + 1)
                        + " past a later layer; a QBAF needs a chain of layers, not branches");
            }
            if (x.softmax()) {
                layers.add(new DenseLayer(Matrix.of(a.w()), Vector.of(a.b()), Activation.SOFTMAX));
                return;
            }
            Affine folded = foldAffine(a, x);
            Activation phi = x.identity() || folded != a ? Activation.LINEAR : recognise(x);
            layers.add(new DenseLayer(Matrix.of(folded.w()), Vector.of(folded.b()), phi));
        }

        /** For an f that is affine (scalar ops only: a·z + c) the affine part with a and c folded in, else {@code a}. */
        private Affine foldAffine(Affine a, Sym x) {
            if (x.identity()) {
                return a;
            }
            double c = x.f().applyAsDouble(0);
            double slope = x.f().applyAsDouble(1) - c;
            for (double p : PROBES) {
                if (!close(x.f().applyAsDouble(p), slope * p + c)) {
                    return a;
                }
            }
            double[][] w = new double[a.w().length][];
            double[] b = new double[a.b().length];
            for (int j = 0; j < w.length; j++) {
                w[j] = a.w()[j].clone();
                for (int i = 0; i < w[j].length; i++) {
                    w[j][i] *= slope;
                }
                b[j] = slope * a.b()[j] + c;
            }
            return new Affine(w, b, a.layer());
        }

        /** The activation whose values at {@link #PROBES} are those of {@code x.f()}. */
        private Activation recognise(Sym x) {
            DoubleUnaryOperator f = x.f();
            List<Activation> candidates = new ArrayList<>(List.of(Activation.RELU, Activation.SIGMOID, Activation.TANH,
                    Activation.SOFTPLUS, Activation.SILU, Activation.GELU, Activation.GELU_TANH));
            double slope = -f.applyAsDouble(-1);
            if (slope >= 0 && Double.isFinite(slope)) {
                candidates.add(Activation.leakyRelu(slope));
            }
            double alpha = f.applyAsDouble(-1) / Math.expm1(-1);
            if (alpha > 0 && Double.isFinite(alpha)) {
                candidates.add(Activation.elu(alpha));
            }
            for (Activation a : candidates) {
                boolean all = true;
                for (double p : PROBES) {
                    all &= close(f.applyAsDouble(p), a.apply(p));
                }
                if (all) {
                    return a;
                }
            }
            throw new InputException(file + ": the element-wise function computed by " + String.join(", ", x.nodes())
                    + " after dense layer " + (affines.get(x.base()).layer() + 1) + " is none of the activations relu, leaky-relu, elu, softplus, "
                    + "silu, gelu, gelu-tanh, sigmoid, tanh, linear (its values at -1, 0, 1: " + f.applyAsDouble(-1) + ", "
                    + f.applyAsDouble(0) + ", " + f.applyAsDouble(1) + "); a QBAF needs one of them");
        }

        private static boolean close(double value, double expected) {
            return Math.abs(value - expected) <= RECOGNITION_TOLERANCE * (1 + Math.abs(expected));
        }

        private Sym arithmetic(Onnx.NodeProto node, List<Object> in) {
            if (in.size() != 2) {
                throw unsupported(node, "it needs two inputs");
            }
            String op = node.getOpType();
            if (in.get(0) instanceof Sym a && in.get(1) instanceof Sym b) {
                if (a.base() != b.base()) {
                    throw unsupported(node, "it combines tensors computed from different layers (a residual or skip "
                            + "connection); a QBAF has edges only between consecutive layers");
                }
                if (a.scale() != null || b.scale() != null || a.base() == INPUT) {
                    throw unsupported(node, "it combines two tensors computed from the same values after a per-feature map; "
                            + "only element-wise functions of a layer's output (as x * sigmoid(x)) are supported");
                }
                DoubleUnaryOperator f = a.f();
                DoubleUnaryOperator g = b.f();
                DoubleUnaryOperator h = switch (op) {
                    case "Add" -> z -> f.applyAsDouble(z) + g.applyAsDouble(z);
                    case "Sub" -> z -> f.applyAsDouble(z) - g.applyAsDouble(z);
                    case "Mul" -> z -> f.applyAsDouble(z) * g.applyAsDouble(z);
                    default -> z -> f.applyAsDouble(z) / g.applyAsDouble(z);
                };
                List<String> nodes = new ArrayList<>(a.nodes());
                b.nodes().stream().filter(n -> !nodes.contains(n)).forEach(nodes::add);
                nodes.add(describe(node));
                return new Sym(a.base(), h, false, null, null, false, nodes);
            }
            boolean dataFirst = in.get(0) instanceof Sym;
            Sym x = (Sym) (dataFirst ? in.get(0) : in.get(1));
            Object other = dataFirst ? in.get(1) : in.get(0);
            if (!(other instanceof Tensor c)) {
                throw unsupported(node, "its other operand is neither a constant nor computed from the same layer");
            }
            // A one-value tensor of rank ≥ 1 on a one-neuron layer is that neuron's bias; else a scalar.
            boolean scalar = c.values().length == 1 && (c.dims().length == 0 || width(x) != 1);
            if (scalar) {
                double v = c.values()[0];
                if (x.scale() != null || x.base() == INPUT) {
                    // A scalar on the inputs or after a per-feature map: part of that map (length 1 broadcasts).
                    int width = x.scale() != null ? x.scale().length : Math.max(width(x), 1);
                    return perFeature(node, x, filled(width, v), dataFirst);
                }
                DoubleUnaryOperator f = x.f();
                DoubleUnaryOperator h = switch (op) {
                    case "Add" -> z -> f.applyAsDouble(z) + v;
                    case "Sub" -> dataFirst ? z -> f.applyAsDouble(z) - v : z -> v - f.applyAsDouble(z);
                    case "Mul" -> z -> f.applyAsDouble(z) * v;
                    default -> dataFirst ? z -> f.applyAsDouble(z) / v : z -> v / f.applyAsDouble(z);
                };
                return x.with(h, describe(node));
            }
            int width = width(x);
            double[] v = vector(node, c, width >= 0 ? width : c.values().length);
            return perFeature(node, x, v, dataFirst);
        }

        /** x op v for a per-feature vector v, as a per-feature affine map. */
        private Sym perFeature(Onnx.NodeProto node, Sym x, double[] v, boolean dataFirst) {
            int n = v.length;
            double[] s = new double[n];
            double[] t = new double[n];
            switch (node.getOpType()) {
                case "Add" -> fill(s, t, 1, v, 1);
                case "Sub" -> {
                    if (dataFirst) {
                        fill(s, t, 1, v, -1);
                    } else {
                        fill(s, t, -1, v, 1);
                    }
                }
                case "Mul" -> {
                    for (int i = 0; i < n; i++) {
                        s[i] = v[i];
                    }
                }
                default -> {
                    if (!dataFirst) {
                        throw unsupported(node, "it divides a constant by the data, which is not an affine map");
                    }
                    for (int i = 0; i < n; i++) {
                        s[i] = 1 / v[i];
                    }
                }
            }
            return affineMap(node, x, s, t);
        }

        private static void fill(double[] s, double[] t, double scale, double[] v, double sign) {
            for (int i = 0; i < s.length; i++) {
                s[i] = scale;
                t[i] = sign * v[i];
            }
        }

        /** {@code s ⊙ x + t}: folded into x's affine part when nothing element-wise lies between, else kept for the next layer. */
        private Sym affineMap(Onnx.NodeProto node, Sym x, double[] s, double[] t) {
            int n = s.length;
            int width = width(x);
            if (width >= 0 && width != n && n != 1) {
                throw unsupported(node, "its per-feature constant has " + n + " values for " + width + " features");
            }
            if (x.scale() != null && x.scale().length > 1 && n == 1) {
                s = filled(x.scale().length, s[0]);
                t = filled(x.scale().length, t[0]);
                n = s.length;
            }
            double[] scale = new double[n];
            double[] shift = new double[n];
            for (int i = 0; i < n; i++) {
                int at = x.scale() == null || x.scale().length == 1 ? 0 : i;
                double s0 = x.scale() == null ? 1 : x.scale()[at];
                double t0 = x.scale() == null ? 0 : x.shift()[at];
                scale[i] = s[i] * s0;
                shift[i] = s[i] * t0 + t[i];
            }
            if (x.identity() && x.base() != INPUT) {
                // Right after a layer's affine part: fold into a copy of it (others may still read the original z).
                Affine a = affines.get(x.base());
                double[][] w = new double[a.w().length][];
                double[] b = new double[n];
                for (int j = 0; j < n; j++) {
                    w[j] = a.w()[j].clone();
                    for (int i = 0; i < w[j].length; i++) {
                        w[j][i] *= scale[j];
                    }
                    b[j] = scale[j] * a.b()[j] + shift[j];
                }
                affines.add(new Affine(w, b, a.layer()));
                return new Sym(affines.size() - 1, DoubleUnaryOperator.identity(), true, null, null, false, List.of());
            }
            if (x.base() == INPUT && inputWidth < 0 && n > 1) {
                inputWidth = n;
            }
            return new Sym(x.base(), x.f(), x.identity(), scale, shift, false, x.nodes());
        }

        private Sym batchNorm(Onnx.NodeProto node, Sym x, List<Object> in) {
            if (intAttribute(node, "training_mode", 0) != 0) {
                throw unsupported(node, "training_mode = 1 normalises by the batch's own statistics; export the model in eval mode");
            }
            for (int o = 1; o < node.getOutputCount(); o++) {
                if (!node.getOutput(o).isEmpty()) {
                    values.put(node.getOutput(o), new ShapeValue());
                }
            }
            double[] gamma = constant(node, in, 1, "its scale").values();
            int n = gamma.length;
            double[] beta = vector(node, constant(node, in, 2, "its bias B"), n);
            double[] mean = vector(node, constant(node, in, 3, "its running mean"), n);
            double[] var = vector(node, constant(node, in, 4, "its running variance"), n);
            // ONNX stores epsilon as float32; the frameworks compute with that float32 value too.
            double epsilon = floatAttribute(node, "epsilon", (float) 1e-5);
            double[] s = new double[n];
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = gamma[i] / Math.sqrt(var[i] + epsilon);
                t[i] = beta[i] - mean[i] * s[i];
            }
            return affineMap(node, x, s, t);
        }

        private Sym softmax(Onnx.NodeProto node, Sym x) {
            // The default axis is 1 before opset 13 and -1 after: the same axis of a [batch, features] tensor.
            long axis = intAttribute(node, "axis", -1);
            if (axis != -1 && axis != 1) {
                throw unsupported(node, node.getOpType() + " over axis " + axis + "; only the last axis (1 or -1) is supported");
            }
            if (x.base() == INPUT) {
                throw unsupported(node, "a softmax of the inputs; the head must follow a dense layer");
            }
            Affine a = affines.get(x.base());
            Affine folded = foldAffine(a, x);
            if (!x.identity() && folded == a || x.scale() != null) {
                throw unsupported(node, "something other than a dense layer (" + String.join(", ", x.nodes())
                        + ") lies between the last dense layer and the softmax head");
            }
            int base = x.base();
            if (folded != a) {
                affines.add(folded);
                base = affines.size() - 1;
            }
            return new Sym(base, DoubleUnaryOperator.identity(), true, null, null, true, List.of());
        }

        private Object constantNode(Onnx.NodeProto node) {
            for (Onnx.AttributeProto a : node.getAttributeList()) {
                switch (a.getName()) {
                    case "value" -> {
                        return tensor(a.getT());
                    }
                    case "value_float" -> {
                        return new Tensor(new long[0], new double[]{a.getF()});
                    }
                    case "value_int" -> {
                        return new Tensor(new long[0], new double[]{a.getI()});
                    }
                    case "value_floats" -> {
                        return new Tensor(new long[]{a.getFloatsCount()}, a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray());
                    }
                    case "value_ints" -> {
                        return new Tensor(new long[]{a.getIntsCount()}, a.getIntsList().stream().mapToDouble(Long::doubleValue).toArray());
                    }
                    default -> {
                    }
                }
            }
            throw unsupported(node, "a Constant without a numeric value");
        }

        private Tensor constant(Onnx.NodeProto node, List<Object> in, int index, String what) {
            if (in.size() <= index || in.get(index) == null) {
                throw unsupported(node, what + " (input " + index + ") is missing");
            }
            if (!(in.get(index) instanceof Tensor t)) {
                throw unsupported(node, what + " (" + node.getInput(index) + ") is computed, not a constant (initializer); "
                        + "a QBAF's edges carry constant weights");
            }
            return t;
        }

        private double scalar(Onnx.NodeProto node, Object value, String what) {
            if (!(value instanceof Tensor t) || t.values().length != 1) {
                throw unsupported(node, what + " must be one constant number");
            }
            return t.values()[0];
        }

        private double[][] matrix(Onnx.NodeProto node, Tensor t) {
            if (t.dims().length != 2) {
                throw unsupported(node, "its weight has shape " + Arrays.toString(t.dims()) + ", expected 2 dimensions");
            }
            int rows = Math.toIntExact(t.dims()[0]);
            int cols = Math.toIntExact(t.dims()[1]);
            double[][] m = new double[rows][cols];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(t.values(), r * cols, m[r], 0, cols);
            }
            return m;
        }

        /** A per-feature constant of {@code size} values: {@code [size]} or {@code [1, size]}. */
        private double[] vector(Onnx.NodeProto node, Tensor t, int size) {
            if (t.values().length != size || t.dims().length > 2 || t.dims().length == 2 && t.dims()[0] != 1) {
                throw unsupported(node, "its constant has shape " + Arrays.toString(t.dims()) + ", expected [" + size + "]");
            }
            return t.values();
        }

        private static double[] filled(int n, double v) {
            double[] out = new double[n];
            Arrays.fill(out, v);
            return out;
        }

        private Tensor tensor(Onnx.TensorProto t) {
            if (t.getDataLocation() == Onnx.TensorProto.DataLocation.EXTERNAL) {
                throw new InputException(file + ": tensor " + t.getName()
                        + " is stored in an external file; re-export the model with the weights inside the .onnx file");
            }
            long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
            // The declared shape is checked against the values actually stored before anything is
            // allocated: a file may declare a tensor far larger than memory (or than a long).
            long count = 1;
            for (long d : dims) {
                if (d < 0 || d > 0 && count > Long.MAX_VALUE / d) {
                    throw new InputException(file + ": tensor " + t.getName() + " declares the shape " + t.getDimsList()
                            + ", which cannot be stored; the file is damaged");
                }
                count *= d;
            }
            ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            boolean isRaw = raw.remaining() > 0;
            int type = t.getDataType();
            long stored = switch (type) {
                case FLOAT -> isRaw ? raw.remaining() / Float.BYTES : t.getFloatDataCount();
                case DOUBLE -> isRaw ? raw.remaining() / Double.BYTES : t.getDoubleDataCount();
                case INT64 -> isRaw ? raw.remaining() / Long.BYTES : t.getInt64DataCount();
                case INT32 -> isRaw ? raw.remaining() / Integer.BYTES : t.getInt32DataCount();
                default -> throw new InputException(file + ": tensor " + t.getName() + " has ONNX data type "
                        + type + "; weights must be float (1) or double (11)");
            };
            if (stored != count) {
                throw new InputException(file + ": tensor " + t.getName() + " has " + stored + " values for shape "
                        + t.getDimsList());
            }
            double[] values = new double[(int) count];
            for (int i = 0; i < values.length; i++) {
                values[i] = switch (type) {
                    case FLOAT -> isRaw ? raw.getFloat() : t.getFloatData(i);
                    case DOUBLE -> isRaw ? raw.getDouble() : t.getDoubleData(i);
                    case INT64 -> isRaw ? raw.getLong() : t.getInt64Data(i);
                    default -> isRaw ? raw.getInt() : t.getInt32Data(i);
                };
            }
            return new Tensor(dims, values);
        }

        private long intAttribute(Onnx.NodeProto node, String name, long fallback) {
            return node.getAttributeList().stream().filter(a -> a.getName().equals(name))
                    .mapToLong(Onnx.AttributeProto::getI).findFirst().orElse(fallback);
        }

        private double floatAttribute(Onnx.NodeProto node, String name, double fallback) {
            return node.getAttributeList().stream().filter(a -> a.getName().equals(name))
                    .mapToDouble(Onnx.AttributeProto::getF).findFirst().orElse(fallback);
        }

        private String stringAttribute(Onnx.NodeProto node, String name, String fallback) {
            return node.getAttributeList().stream().filter(a -> a.getName().equals(name))
                    .map(a -> a.getS().toStringUtf8()).findFirst().orElse(fallback);
        }

        private static String describe(Onnx.NodeProto node) {
            return (node.getName().isEmpty() ? "(unnamed)" : node.getName()) + " (" + node.getOpType() + ")";
        }

        private InputException unsupported(Onnx.NodeProto node, String why) {
            String name = node.getName().isEmpty() ? "(unnamed)" : node.getName();
            return new InputException(file + ": ONNX node " + name + " (op " + node.getOpType() + ") is not supported: " + why);
        }
    }

    private static double[][] transpose(double[][] m) {
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        double[][] t = new double[cols][rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c][r] = m[r][c];
            }
        }
        return t;
    }
}
