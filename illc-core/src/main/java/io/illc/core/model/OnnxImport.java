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

/**
 * Reads an MLP from an ONNX model, using the ONNX protobuf classes that ship with ND4J.
 *
 * <p>The graph must be one chain from the single graph input to the single graph output, made of:
 * <ul>
 *   <li>{@code Gemm} with a constant weight {@code B} and optional constant bias {@code C}
 *       ({@code transA = 0}; {@code transB = 1} is what PyTorch exports, {@code B} then being
 *       {@code [out, in]}; {@code transB = 0} means {@code [in, out]}; {@code alpha} and
 *       {@code beta} are applied);</li>
 *   <li>{@code MatMul} with a constant {@code [in, out]} right operand, optionally followed by
 *       {@code Add} of a constant {@code [out]} bias;</li>
 *   <li>{@code Relu}, {@code Sigmoid}, {@code Tanh}, {@code Softmax} (over the last axis) right
 *       after a layer's affine part;</li>
 *   <li>{@code Identity}, {@code Flatten} (axis 1, a no-op on {@code [batch, features]}) and
 *       {@code Dropout} (a no-op at inference), which pass their input on.</li>
 * </ul>
 * An affine part with no activation after it is a linear layer. Constants come from the graph's
 * initializers or {@code Constant} nodes, as float32 or float64 tensors stored inline. ONNX has no
 * per-feature names, so inputs and outputs get generated names.
 */
public final class OnnxImport {
    private static final int FLOAT = 1;
    private static final int DOUBLE = 11;

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

    /** Walks the chain of nodes once; mutable, used by one {@link #read} call. */
    private static final class GraphReader {
        private final Path file;
        private final Onnx.GraphProto graph;
        private final Map<String, Tensor> constants = new HashMap<>();
        private final List<DenseLayer> layers = new ArrayList<>();
        /** The affine part of the layer being built, waiting for an activation. */
        private double[][] weights;
        private double[] bias;
        private String current;

        GraphReader(Path file, Onnx.GraphProto graph) {
            this.file = file;
            this.graph = graph;
        }

        Mlp read() {
            for (Onnx.TensorProto t : graph.getInitializerList()) {
                constants.put(t.getName(), tensor(t));
            }
            List<String> inputs = graph.getInputList().stream().map(Onnx.ValueInfoProto::getName)
                    .filter(name -> !constants.containsKey(name)).toList();
            if (inputs.size() != 1 || graph.getOutputCount() != 1) {
                throw new InputException(file + ": the ONNX graph has inputs " + inputs + " and "
                        + graph.getOutputCount() + " outputs; an MLP has exactly one of each");
            }
            current = inputs.get(0);
            for (Onnx.NodeProto node : graph.getNodeList()) {
                node(node);
            }
            finishLayer(Activation.LINEAR);
            String output = graph.getOutput(0).getName();
            if (!output.equals(current)) {
                throw new InputException(file + ": the graph output " + output + " is not the end of the chain of nodes ("
                        + current + ")");
            }
            if (layers.isEmpty()) {
                throw new InputException(file + ": the ONNX graph has no Gemm or MatMul layer");
            }
            try {
                return Mlp.unnamed(layers);
            } catch (IllegalArgumentException e) {
                throw new InputException(file + ": the ONNX graph is not an MLP: " + e.getMessage(), e);
            }
        }

        private void node(Onnx.NodeProto node) {
            String op = node.getOpType();
            if (op.equals("Constant")) {
                constants.put(node.getOutput(0), tensor(attribute(node, "value").getT()));
                return;
            }
            if (node.getInputCount() == 0 || !node.getInput(0).equals(current) && !op.equals("Add")) {
                throw unsupported(node, "it does not take the previous node's output (" + current + ") as its first input");
            }
            switch (op) {
                case "Gemm" -> gemm(node);
                case "MatMul" -> matMul(node);
                case "Add" -> add(node);
                case "Relu" -> finishLayer(node, Activation.RELU);
                case "Sigmoid" -> finishLayer(node, Activation.SIGMOID);
                case "Tanh" -> finishLayer(node, Activation.TANH);
                case "Softmax" -> {
                    long axis = intAttribute(node, "axis", -1);
                    if (axis != -1 && axis != 1) {
                        throw unsupported(node, "softmax over axis " + axis + "; only the last axis (1 or -1) is supported");
                    }
                    finishLayer(node, Activation.SOFTMAX);
                }
                case "Flatten" -> {
                    if (intAttribute(node, "axis", 1) != 1) {
                        throw unsupported(node, "Flatten with axis " + intAttribute(node, "axis", 1) + "; only axis 1 is supported");
                    }
                }
                case "Identity", "Dropout" -> {
                    // No-ops at inference: the output is the input.
                }
                default -> throw unsupported(node, "supported: Gemm, MatMul, Add, Relu, Sigmoid, Tanh, Softmax, Identity, Flatten, Dropout");
            }
            current = node.getOutput(0);
        }

        private void gemm(Onnx.NodeProto node) {
            finishLayer(Activation.LINEAR);
            if (intAttribute(node, "transA", 0) != 0) {
                throw unsupported(node, "transA = 1 transposes the data; only transA = 0 is supported");
            }
            Tensor b = constant(node, 1);
            double[][] w = matrix(node, b);
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
            weights = w;
            bias = new double[w.length];
            if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
                double beta = floatAttribute(node, "beta", 1.0);
                double[] c = vector(node, constant(node, 2), w.length);
                for (int j = 0; j < bias.length; j++) {
                    bias[j] = beta * c[j];
                }
            }
        }

        private void matMul(Onnx.NodeProto node) {
            finishLayer(Activation.LINEAR);
            weights = transpose(matrix(node, constant(node, 1)));
            bias = new double[weights.length];
        }

        private void add(Onnx.NodeProto node) {
            if (node.getInputCount() != 2) {
                throw unsupported(node, "Add needs two inputs");
            }
            int other;
            if (node.getInput(0).equals(current)) {
                other = 1;
            } else if (node.getInput(1).equals(current)) {
                other = 0;
            } else {
                throw unsupported(node, "it does not take the previous node's output (" + current + ") as an input");
            }
            if (weights == null) {
                throw unsupported(node, "Add is supported only as the bias of a MatMul or Gemm, right after it");
            }
            double[] c = vector(node, constant(node, other), bias.length);
            for (int j = 0; j < bias.length; j++) {
                bias[j] += c[j];
            }
        }

        private void finishLayer(Onnx.NodeProto node, Activation activation) {
            if (weights == null) {
                throw unsupported(node, "an activation must follow a Gemm or MatMul (and its Add)");
            }
            finishLayer(activation);
        }

        private void finishLayer(Activation activation) {
            if (weights == null) {
                return;
            }
            layers.add(new DenseLayer(Matrix.of(weights), Vector.of(bias), activation));
            weights = null;
            bias = null;
        }

        private Tensor constant(Onnx.NodeProto node, int input) {
            if (node.getInputCount() <= input) {
                throw unsupported(node, "input " + input + " is missing");
            }
            Tensor t = constants.get(node.getInput(input));
            if (t == null) {
                throw unsupported(node, "input " + node.getInput(input) + " is computed, not a constant (initializer)");
            }
            return t;
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

        /** A bias of {@code size} values: {@code [size]} or {@code [1, size]}. */
        private double[] vector(Onnx.NodeProto node, Tensor t, int size) {
            if (t.values().length != size || t.dims().length > 2 || t.dims().length == 2 && t.dims()[0] != 1) {
                throw unsupported(node, "its bias has shape " + Arrays.toString(t.dims()) + ", expected [" + size + "]");
            }
            return t.values();
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
            boolean isFloat = switch (t.getDataType()) {
                case FLOAT -> true;
                case DOUBLE -> false;
                default -> throw new InputException(file + ": tensor " + t.getName() + " has ONNX data type "
                        + t.getDataType() + "; weights must be float (1) or double (11)");
            };
            long stored = isFloat ? (isRaw ? raw.remaining() / Float.BYTES : t.getFloatDataCount())
                    : (isRaw ? raw.remaining() / Double.BYTES : t.getDoubleDataCount());
            if (stored != count) {
                throw new InputException(file + ": tensor " + t.getName() + " has " + stored + " values for shape "
                        + t.getDimsList());
            }
            double[] values = new double[(int) count];
            for (int i = 0; i < values.length; i++) {
                values[i] = isFloat
                        ? (isRaw ? raw.getFloat() : t.getFloatData(i))
                        : (isRaw ? raw.getDouble() : t.getDoubleData(i));
            }
            return new Tensor(dims, values);
        }

        private Onnx.AttributeProto attribute(Onnx.NodeProto node, String name) {
            return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst()
                    .orElseThrow(() -> unsupported(node, "attribute " + name + " is missing"));
        }

        private long intAttribute(Onnx.NodeProto node, String name, long fallback) {
            return node.getAttributeList().stream().filter(a -> a.getName().equals(name))
                    .mapToLong(Onnx.AttributeProto::getI).findFirst().orElse(fallback);
        }

        private double floatAttribute(Onnx.NodeProto node, String name, double fallback) {
            return node.getAttributeList().stream().filter(a -> a.getName().equals(name))
                    .mapToDouble(Onnx.AttributeProto::getF).findFirst().orElse(fallback);
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
