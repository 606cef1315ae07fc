package io.illc.core.model;

import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading valid files, writing, and the round trip; the error paths are in {@link WeightsJsonErrorsTest}. */
class WeightsJsonTest {
    @TempDir
    Path dir;

    static Path golden(String name) {
        try {
            return Path.of(WeightsJsonTest.class.getResource("/golden/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON written with single quotes for readability. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private ModelFile read(String singleQuotedJson) throws IOException {
        return WeightsJson.read(Files.writeString(dir.resolve("m.json"), json(singleQuotedJson)));
    }

    private static Mlp tiny() {
        DenseLayer hidden = new DenseLayer(Matrix.of(new double[][] {{1.0, -0.5}}), Vector.of(0.25), Activation.RELU);
        DenseLayer out = new DenseLayer(Matrix.of(new double[][] {{2.0}, {0.1}}), Vector.of(0.0, -1.0), Activation.SOFTMAX);
        return new Mlp(List.of(hidden, out), List.of("a", "b"), List.of("no", "yes"));
    }

    @Test
    void readsAMinimalFileWithOnlyLayers() throws IOException {
        ModelFile m = read("{'layers': [{'weights': [[1, 2]], 'bias': [0.5], 'activation': 'linear'}]}");
        assertFalse(m.namedInputs());
        assertFalse(m.namedOutputs());
        Mlp mlp = m.mlp();
        assertEquals(List.of("x0", "x1"), mlp.inputNames());
        assertEquals(List.of("y0"), mlp.outputNames());
        assertEquals(Matrix.of(new double[][] {{1, 2}}), mlp.layer(1).weights());
        assertEquals(Vector.of(0.5), mlp.layer(1).bias());
        assertEquals(Activation.LINEAR, mlp.layer(1).activation());
        // 1*3 + 2*(-1) + 0.5
        assertArrayEquals(new double[] {1.5}, mlp.forward(new double[] {3, -1})[1]);
    }

    @Test
    void readsEveryFieldAndIgnoresUnknownTopLevelKeys() throws IOException {
        ModelFile m = read("{'format': 'illc-mlp', 'version': 1, 'meta': {'seed': 0}, 'trainer': 'x',"
                + " 'inputs': ['a', 'b'], 'outputs': ['no', 'yes'], 'layers': ["
                + "{'weights': [[1.0, -0.5]], 'bias': [0.25], 'activation': 'relu'},"
                + "{'weights': [[2.0], [0.1]], 'bias': [0.0, -1.0], 'activation': 'softmax'}]}");
        assertTrue(m.namedInputs());
        assertTrue(m.namedOutputs());
        assertEquals(tiny(), m.mlp());
    }

    @Test
    void readsActivationNamesCaseInsensitively() throws IOException {
        ModelFile m = read("{'layers': [{'weights': [[1]], 'bias': [0], 'activation': 'ReLU'}]}");
        assertEquals(Activation.RELU, m.mlp().layer(1).activation());
    }

    @Test
    void readsAFileThatStartsWithAUtf8ByteOrderMark() throws IOException {
        ModelFile m = read("\uFEFF{'layers': [{'weights': [[1]], 'bias': [0], 'activation': 'tanh'}]}");
        assertEquals(Activation.TANH, m.mlp().layer(1).activation());
    }

    @Test
    void readsTheGoldenBreastCancerModel() {
        ModelFile m = WeightsJson.read(golden("bc_tiny.model.json"));
        Mlp mlp = m.mlp();
        assertEquals(30, mlp.inputCount());
        assertArrayEquals(new int[] {12, 10, 8}, mlp.hiddenWidths());
        assertEquals(1, mlp.outputCount());
        for (int l = 1; l <= 3; l++) {
            assertEquals(Activation.RELU, mlp.layer(l).activation());
        }
        assertEquals(Activation.SIGMOID, mlp.outputLayer().activation());
        assertFalse(m.namedInputs());
        assertEquals(-0.028183872652603664, mlp.layer(1).weights().get(0, 0));
        assertEquals(7.757888203880057e-05, mlp.layer(1).weights().get(0, 13));
    }

    @Test
    void goldenBreastCancerModelPredictsTheBuiltinDiagnosisWell() {
        // Cross-checks the model file, the bundled data and the label mapping (1 = malignant =
        // P(output) > 0.5): the trainer reports 99.6% train and 96.5% test accuracy.
        Mlp mlp = WeightsJson.read(golden("bc_tiny.model.json")).mlp();
        Dataset data = BuiltinDatasets.load("breast-cancer");
        assertTrue(accuracy(mlp, data) > 0.98);
    }

    @Test
    void readsTheGoldenIrisModel() {
        Mlp mlp = WeightsJson.read(golden("iris_tiny.model.json")).mlp();
        assertEquals(4, mlp.inputCount());
        assertArrayEquals(new int[] {10, 8}, mlp.hiddenWidths());
        assertEquals(3, mlp.outputCount());
        assertEquals(Activation.SOFTMAX, mlp.outputLayer().activation());
        assertTrue(accuracy(mlp, BuiltinDatasets.load("iris")) > 0.95);
    }

    @Test
    void readsEveryGoldenModelFile() throws IOException {
        List<Path> models;
        try (Stream<Path> files = Files.list(golden("bc_tiny.model.json").getParent())) {
            models = files.filter(p -> p.getFileName().toString().endsWith("model.json")).sorted().toList();
        }
        assertEquals(8, models.size(), models::toString);
        for (Path p : models) {
            Mlp mlp = WeightsJson.read(p).mlp();
            assertEquals(p.getFileName().toString().startsWith("bc") ? 30 : 4, mlp.inputCount(), p::toString);
        }
    }

    private static double accuracy(Mlp mlp, Dataset data) {
        int[] labels = data.labels();
        int correct = 0;
        for (int r = 0; r < data.rows(); r++) {
            double[] out = mlp.forward(data.features().row(r))[mlp.layers().size()];
            int predicted;
            if (out.length == 1) {
                predicted = out[0] > 0.5 ? 1 : 0;
            } else {
                predicted = 0;
                for (int k = 1; k < out.length; k++) {
                    if (out[k] > out[predicted]) {
                        predicted = k;
                    }
                }
            }
            correct += predicted == labels[r] ? 1 : 0;
        }
        return correct / (double) data.rows();
    }

    @Test
    void writesEveryFieldWithOneWeightRowPerLine() {
        String expected = """
                {
                  "format": "illc-mlp",
                  "version": 1,
                  "inputs": ["a", "b"],
                  "outputs": ["no", "yes"],
                  "layers": [
                    {
                      "weights": [
                        [1.0, -0.5]
                      ],
                      "bias": [0.25],
                      "activation": "relu"
                    },
                    {
                      "weights": [
                        [2.0],
                        [0.1]
                      ],
                      "bias": [0.0, -1.0],
                      "activation": "softmax"
                    }
                  ]
                }
                """;
        assertEquals(expected, WeightsJson.toJson(tiny()));
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), WeightsJson.toBytes(tiny()));
    }

    @Test
    void roundTripsEveryDoubleBitForBit() {
        double[] awkward = {0.1, 1.0 / 3, -0.0, 0.0, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
            -Double.MAX_VALUE, 1e-300, 2e23, 1e23, 9007199254740993.0, 5e-324, 1.7976931348623157e308, 123456789.125};
        Random random = new Random(42);
        double[][] w = new double[8][awkward.length];
        for (int j = 0; j < w.length; j++) {
            for (int i = 0; i < awkward.length; i++) {
                // Row 0 holds the awkward values; the others random bit patterns, skipping non-finite ones.
                double v = j == 0 ? awkward[i] : Double.longBitsToDouble(random.nextLong());
                w[j][i] = Double.isFinite(v) ? v : random.nextGaussian();
            }
        }
        double[] bias = new double[w.length];
        for (int j = 0; j < bias.length; j++) {
            bias[j] = random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
        }
        List<DenseLayer> layers = new ArrayList<>();
        layers.add(new DenseLayer(Matrix.of(w), Vector.of(bias), Activation.TANH));
        layers.add(new DenseLayer(Matrix.of(new double[][] {{1, 2, 3, 4, 5, 6, 7, -0.0}}), Vector.of(-1e-7), Activation.SIGMOID));
        List<String> inputs = new ArrayList<>(Mlp.names("x", awkward.length));
        inputs.set(0, "quote \" backslash \\ tab \t größe ✓");
        Mlp mlp = new Mlp(layers, inputs, List.of("p"));

        byte[] bytes = WeightsJson.toBytes(mlp);
        ModelFile back = WeightsJson.parse(bytes, "memory");
        // Matrix and Vector equality compare the bits (Arrays.equals on double[]), so -0.0 != 0.0.
        assertEquals(mlp, back.mlp());
        assertTrue(back.namedInputs());
        assertTrue(back.namedOutputs());
        assertArrayEquals(bytes, WeightsJson.toBytes(back.mlp()));
    }

    @Test
    void rewritingTheGoldenModelKeepsEveryWeight() {
        Mlp original = WeightsJson.read(golden("bc_tiny.model.json")).mlp();
        Mlp back = WeightsJson.parse(WeightsJson.toBytes(original), "memory").mlp();
        assertEquals(original, back);
    }

    @Test
    void writesToAStreamWithoutClosingIt() throws IOException {
        class CloseTracking extends ByteArrayOutputStream {
            boolean closed;

            @Override
            public void close() {
                closed = true;
            }
        }
        CloseTracking out = new CloseTracking();
        WeightsJson.write(tiny(), out);
        assertFalse(out.closed);
        assertArrayEquals(WeightsJson.toBytes(tiny()), out.toByteArray());
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("}\n"));
    }

    @Test
    void refusesToWriteANonFiniteWeight() {
        DenseLayer layer = new DenseLayer(Matrix.of(new double[][] {{1, Double.NaN}}), Vector.of(0), Activation.LINEAR);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightsJson.toBytes(Mlp.unnamed(List.of(layer))));
        assertEquals("cannot write layers[0].weights[0][1] = NaN: weights JSON holds finite numbers only", e.getMessage());
    }
}
