package io.illc.core.model;

import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import io.illc.core.InputException;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxImportTest {
    private static final double TOLERANCE = 1e-12;

    @TempDir
    Path dir;

    @Test
    void importsGemmLayersAsPyTorchExportsThem() throws Exception {
        // PyTorch: Gemm(transB=1) with weight [out, in] as raw float32, then Relu; Flatten and Identity are no-ops.
        Mlp source = SmallModels.random(1, 3, new int[]{4}, new Activation[]{Activation.RELU}, Activation.SOFTMAX, 2);
        Mlp exact = float32(source);
        Onnx.GraphProto graph = Onnx.GraphProto.newBuilder()
                .addInput(value("input"))
                .addOutput(value("probs"))
                .addInitializer(rawFloats("fc1.weight", exact.layer(1).weights()))
                .addInitializer(rawFloats("fc1.bias", exact.layer(1).bias()))
                .addInitializer(floats("fc2.weight", exact.layer(2).weights()))
                .addInitializer(floats("fc2.bias", exact.layer(2).bias()))
                .addNode(node("Flatten", "flat", "input").addAttribute(intAttribute("axis", 1)))
                .addNode(node("Gemm", "h1", "flat", "fc1.weight", "fc1.bias").addAttribute(intAttribute("transB", 1))
                        .addAttribute(floatAttribute("alpha", 1f)).addAttribute(floatAttribute("beta", 1f)))
                .addNode(node("Relu", "r1", "h1"))
                .addNode(node("Identity", "same", "r1"))
                .addNode(node("Gemm", "h2", "same", "fc2.weight", "fc2.bias").addAttribute(intAttribute("transB", 1)))
                .addNode(node("Softmax", "probs", "h2").addAttribute(intAttribute("axis", 1)))
                .build();

        Mlp imported = OnnxImport.read(save(graph));

        assertEquals(exact.layers(), imported.layers());
        assertOutputsEqual(exact, imported);
    }

    @Test
    void importsMatMulAddLayersWithDoubleWeights() throws Exception {
        // MatMul's weight is [in, out], the transpose of the Mlp's.
        Mlp source = SmallModels.random(2, 3, new int[]{5}, new Activation[]{Activation.TANH}, Activation.SIGMOID, 1);
        Onnx.GraphProto graph = Onnx.GraphProto.newBuilder()
                .addInput(value("x"))
                .addOutput(value("y"))
                .addInitializer(doubles("w1", source.layer(1).weights().transpose()))
                .addInitializer(doubles("b1", source.layer(1).bias()))
                .addInitializer(doubles("w2", source.layer(2).weights().transpose()))
                .addInitializer(doubles("b2", source.layer(2).bias()))
                .addNode(node("MatMul", "m1", "x", "w1"))
                .addNode(node("Add", "a1", "b1", "m1"))
                .addNode(node("Tanh", "t1", "a1"))
                .addNode(node("MatMul", "m2", "t1", "w2"))
                .addNode(node("Add", "a2", "m2", "b2"))
                .addNode(node("Sigmoid", "y", "a2"))
                .build();

        Mlp imported = OnnxImport.read(save(graph));

        assertEquals(source.layers(), imported.layers());
        assertOutputsEqual(source, imported);
    }

    @Test
    void appliesGemmAlphaBetaAndTransBZero() throws Exception {
        // alpha = 2, beta = 0.5, B = [in, out] = [[1, 2]], C = [4, 8]: y = 2·x·B + 0.5·C, so for x = 3: 2·3·(1, 2) + (2, 4) = (8, 16).
        Onnx.GraphProto graph = Onnx.GraphProto.newBuilder()
                .addInput(value("x"))
                .addOutput(value("y"))
                .addInitializer(doubles("B", Matrix.of(new double[][]{{1, 2}})))
                .addInitializer(doubles("C", Vector.of(4, 8)))
                .addNode(node("Gemm", "y", "x", "B", "C").addAttribute(floatAttribute("alpha", 2f))
                        .addAttribute(floatAttribute("beta", 0.5f)))
                .build();

        Mlp imported = OnnxImport.read(save(graph));

        assertEquals(List.of(new DenseLayer(Matrix.of(new double[][]{{2}, {4}}), Vector.of(2, 4), Activation.LINEAR)),
                imported.layers());
        assertArrayEquals(new double[]{8, 16}, SmallModels.output(imported, new double[]{3}), TOLERANCE);
    }

    @Test
    void rejectsAnUnsupportedOpNamingTheNode() throws Exception {
        Onnx.GraphProto graph = Onnx.GraphProto.newBuilder()
                .addInput(value("x"))
                .addOutput(value("y"))
                .addInitializer(doubles("w", Matrix.of(new double[][]{{1, 2}})))
                .addNode(node("MatMul", "m", "x", "w").setName("linear_1"))
                .addNode(node("HardSwish", "y", "m").setName("act_1"))
                .build();
        Path file = save(graph);

        InputException e = assertThrows(InputException.class, () -> OnnxImport.read(file));

        assertTrue(e.getMessage().contains("ONNX node act_1 (op HardSwish) is not supported: op HardSwish is not a layer,"
                + " activation or no-op of an MLP; supported: Gemm, MatMul"), e.getMessage());
    }

    @Test
    void rejectsAWeightThatIsComputed() throws Exception {
        Onnx.GraphProto graph = Onnx.GraphProto.newBuilder()
                .addInput(value("x"))
                .addInput(value("w"))
                .addOutput(value("y"))
                .addNode(node("MatMul", "y", "x", "w").setName("mm"))
                .build();
        Path file = save(graph);

        InputException e = assertThrows(InputException.class, () -> OnnxImport.read(file));

        assertTrue(e.getMessage().contains("inputs [x, w]"), e.getMessage());
    }

    @Test
    void rejectsBytesThatAreNotOnnx() throws Exception {
        Path file = Files.write(dir.resolve("junk.onnx"), new byte[]{(byte) 0xff, (byte) 0xff, 0x01});

        InputException e = assertThrows(InputException.class, () -> OnnxImport.read(file));

        assertTrue(e.getMessage().contains("junk.onnx"), e.getMessage());
    }

    @Test
    void foldsBatchNormalizationIntoTheLayerBeforeAndAfterTheActivation() throws Exception {
        // Gemm → BatchNorm → Relu → BatchNorm → Gemm: the first folds back into layer 1, the second forward into layer 2.
        Matrix w1 = Matrix.of(new double[][]{{0.5, -1.0}, {2.0, 0.25}, {-0.75, 1.5}});
        Vector b1 = Vector.of(new double[]{0.1, -0.2, 0.3});
        Matrix w2 = Matrix.of(new double[][]{{1.0, -2.0, 0.5}});
        Vector b2 = Vector.of(new double[]{0.05});
        double[][] bn1 = {{1.5, 0.5, 2.0}, {0.1, -0.3, 0.2}, {0.4, -0.1, 1.0}, {2.0, 0.5, 1.5}};
        double[][] bn2 = {{0.8, 1.2, 0.6}, {0.0, 0.2, -0.1}, {1.0, 0.5, 0.25}, {0.5, 2.0, 1.0}};
        float epsilon = 1e-3f;
        Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder()
                .addInput(value("x"))
                .addOutput(value("y"))
                .addInitializer(doubles("w1", w1))
                .addInitializer(doubles("b1", b1))
                .addInitializer(doubles("w2", w2))
                .addInitializer(doubles("b2", b2));
        String[] parts = {"scale", "bias", "mean", "var"};
        for (int k = 0; k < 4; k++) {
            graph.addInitializer(doubles("bn1_" + parts[k], Vector.of(bn1[k])));
            graph.addInitializer(doubles("bn2_" + parts[k], Vector.of(bn2[k])));
        }
        graph.addNode(node("Gemm", "g1", "x", "w1", "b1").addAttribute(intAttribute("transB", 1)))
                .addNode(node("BatchNormalization", "n1", "g1", "bn1_scale", "bn1_bias", "bn1_mean", "bn1_var")
                        .addAttribute(floatAttribute("epsilon", epsilon)))
                .addNode(node("Relu", "r1", "n1"))
                .addNode(node("BatchNormalization", "n2", "r1", "bn2_scale", "bn2_bias", "bn2_mean", "bn2_var")
                        .addAttribute(floatAttribute("epsilon", epsilon)))
                .addNode(node("Gemm", "y", "n2", "w2", "b2").addAttribute(intAttribute("transB", 1)));

        Mlp imported = OnnxImport.read(save(graph.build()));

        assertEquals(2, imported.layers().size());
        for (double[] x : SmallModels.rows(3, 10, 2)) {
            double[] h = new double[3];
            for (int j = 0; j < 3; j++) {
                double z = b1.get(j) + w1.get(j, 0) * x[0] + w1.get(j, 1) * x[1];
                z = (z - bn1[2][j]) / Math.sqrt(bn1[3][j] + epsilon) * bn1[0][j] + bn1[1][j];
                h[j] = (Math.max(z, 0) - bn2[2][j]) / Math.sqrt(bn2[3][j] + epsilon) * bn2[0][j] + bn2[1][j];
            }
            double y = b2.get(0) + w2.get(0, 0) * h[0] + w2.get(0, 1) * h[1] + w2.get(0, 2) * h[2];
            // Folding changes only the order of the roundings: far below float32's 6e-8.
            assertEquals(y, SmallModels.output(imported, x)[0], 1e-12 * (1 + Math.abs(y)));
        }
    }

    @Test
    void refusesAProductOfTwoComputedTensorsAsAttention() throws Exception {
        Onnx.GraphProto graph = Onnx.GraphProto.newBuilder()
                .addInput(value("x"))
                .addOutput(value("y"))
                .addInitializer(doubles("w", Matrix.of(new double[][]{{1, 2}, {3, 4}})))
                .addNode(node("MatMul", "q", "x", "w"))
                .addNode(node("MatMul", "k", "x", "w"))
                .addNode(node("MatMul", "y", "q", "k").setName("scores"))
                .build();
        Path file = save(graph);

        InputException e = assertThrows(InputException.class, () -> OnnxImport.read(file));

        assertTrue(e.getMessage().contains("ONNX node scores (op MatMul) is not supported: it multiplies two computed tensors"),
                e.getMessage());
    }

    @Test
    void refusesALayerWhoseOutputFeedsTwoLayers() throws Exception {
        Onnx.GraphProto graph = Onnx.GraphProto.newBuilder()
                .addInput(value("x"))
                .addOutput(value("y"))
                .addInitializer(doubles("w", Matrix.of(new double[][]{{1, 2}, {3, 4}})))
                .addNode(node("MatMul", "h", "x", "w"))
                .addNode(node("Relu", "r", "h"))
                .addNode(node("MatMul", "a", "r", "w").setName("left"))
                .addNode(node("MatMul", "b", "r", "w").setName("right"))
                .addNode(node("Add", "y", "a", "b").setName("join"))
                .build();
        Path file = save(graph);

        InputException e = assertThrows(InputException.class, () -> OnnxImport.read(file));

        assertTrue(e.getMessage().contains("the output of dense layer 1 is used by both left (MatMul) and right (MatMul)"),
                e.getMessage());
    }

    @Test
    void refusesAnElementwiseFunctionThatIsNoActivation() throws Exception {
        Onnx.GraphProto graph = Onnx.GraphProto.newBuilder()
                .addInput(value("x"))
                .addOutput(value("y"))
                .addInitializer(doubles("w", Matrix.of(new double[][]{{1, 2}})))
                .addNode(node("MatMul", "h", "x", "w"))
                .addNode(node("Exp", "y", "h").setName("exp"))
                .build();
        Path file = save(graph);

        InputException e = assertThrows(InputException.class, () -> OnnxImport.read(file));

        assertTrue(e.getMessage().contains("the element-wise function computed by exp (Exp) after dense layer 1 is none of the activations"),
                e.getMessage());
    }

    private Path save(Onnx.GraphProto graph) throws Exception {
        Onnx.ModelProto model = Onnx.ModelProto.newBuilder()
                .setIrVersion(7)
                .setProducerName("illc-test")
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setVersion(13))
                .setGraph(graph)
                .build();
        return Files.write(dir.resolve("model.onnx"), model.toByteArray());
    }

    private static void assertOutputsEqual(Mlp expected, Mlp actual) {
        for (double[] row : SmallModels.rows(4, 8, expected.inputCount())) {
            assertArrayEquals(SmallModels.output(expected, row), SmallModels.output(actual, row), TOLERANCE);
        }
    }

    /** The same network with every weight rounded to float32, as PyTorch stores them. */
    private static Mlp float32(Mlp mlp) {
        return Mlp.unnamed(mlp.layers().stream().map(layer -> {
            double[][] w = layer.weights().toArray();
            for (double[] row : w) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = (float) row[i];
                }
            }
            double[] b = layer.bias().toArray();
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) b[i];
            }
            return new DenseLayer(Matrix.of(w), Vector.of(b), layer.activation());
        }).toList());
    }

    private static Onnx.ValueInfoProto value(String name) {
        return Onnx.ValueInfoProto.newBuilder().setName(name).build();
    }

    private static Onnx.NodeProto.Builder node(String op, String output, String... inputs) {
        return Onnx.NodeProto.newBuilder().setOpType(op).addOutput(output).addAllInput(List.of(inputs));
    }

    private static Onnx.AttributeProto intAttribute(String name, long value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static Onnx.AttributeProto floatAttribute(String name, float value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    /** float32 in raw little-endian bytes, as PyTorch writes initializers. */
    private static Onnx.TensorProto rawFloats(String name, Matrix m) {
        ByteBuffer bytes = ByteBuffer.allocate(m.rows() * m.cols() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : m.toRowMajor()) {
            bytes.putFloat((float) v);
        }
        return Onnx.TensorProto.newBuilder().setName(name).setDataType(1).addDims(m.rows()).addDims(m.cols())
                .setRawData(ByteString.copyFrom(bytes.array())).build();
    }

    private static Onnx.TensorProto rawFloats(String name, Vector v) {
        ByteBuffer bytes = ByteBuffer.allocate(v.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v.toArray()) {
            bytes.putFloat((float) x);
        }
        return Onnx.TensorProto.newBuilder().setName(name).setDataType(1).addDims(v.size())
                .setRawData(ByteString.copyFrom(bytes.array())).build();
    }

    /** float32 in the float_data field. */
    private static Onnx.TensorProto floats(String name, Matrix m) {
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name).setDataType(1).addDims(m.rows()).addDims(m.cols());
        for (double v : m.toRowMajor()) {
            t.addFloatData((float) v);
        }
        return t.build();
    }

    private static Onnx.TensorProto floats(String name, Vector v) {
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name).setDataType(1).addDims(1).addDims(v.size());
        for (double x : v.toArray()) {
            t.addFloatData((float) x);
        }
        return t.build();
    }

    private static Onnx.TensorProto doubles(String name, Matrix m) {
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name).setDataType(11).addDims(m.rows()).addDims(m.cols());
        for (double v : m.toRowMajor()) {
            t.addDoubleData(v);
        }
        return t.build();
    }

    private static Onnx.TensorProto doubles(String name, Vector v) {
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name).setDataType(11).addDims(v.size());
        for (double x : v.toArray()) {
            t.addDoubleData(x);
        }
        return t.build();
    }
}
