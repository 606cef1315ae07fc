package io.illc.core.model;

import io.illc.api.Activation;
import io.illc.api.Mlp;
import io.illc.core.InputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Dl4jModelsTest {
    private static final double TOLERANCE = 1e-12;

    @TempDir
    Path dir;

    @Test
    void dl4jNetworkComputesTheHandComputedOutput() {
        MultiLayerNetwork net = Dl4jModels.fromMlp(SmallModels.handComputed());

        INDArray out = net.output(Nd4j.create(new double[][]{{1, 2}}), false);

        assertEquals(DataType.DOUBLE, out.dataType());
        assertEquals(5.75, out.getDouble(0, 0), TOLERANCE);
    }

    @Test
    void dl4jNetworkStoresWeightsAsInputsByOutputs() {
        MultiLayerNetwork net = Dl4jModels.fromMlp(SmallModels.handComputed());

        INDArray w = net.getLayer(0).getParam("W");

        // Mlp row j = neuron j; DL4J column j = neuron j.
        assertArrayEquals(new long[]{2, 2}, w.shape());
        assertEquals(2.0, w.getDouble(1, 0));
        assertEquals(-1.0, w.getDouble(0, 1));
    }

    @Test
    void convertsToDl4jAndBackExactly() {
        for (Activation output : Activation.defaults()) {
            Mlp mlp = SmallModels.random(7, 3, new int[]{4, 5, 2},
                    new Activation[]{Activation.RELU, Activation.TANH, Activation.SIGMOID}, output, 3);

            Mlp back = Dl4jModels.toMlp(Dl4jModels.fromMlp(mlp), mlp.inputNames(), mlp.outputNames());

            assertEquals(mlp, back, "output " + output);
        }
    }

    @Test
    void dl4jOutputsEqualThePlainForwardPass() {
        for (Activation output : Activation.defaults()) {
            Mlp mlp = SmallModels.random(11, 4, new int[]{6, 3},
                    new Activation[]{Activation.TANH, Activation.RELU}, output, 3);
            double[][] rows = SmallModels.rows(5, 10, 4);

            double[][] dl4j = Dl4jModels.fromMlp(mlp).output(Nd4j.create(rows), false).toDoubleMatrix();

            for (int r = 0; r < rows.length; r++) {
                assertArrayEquals(SmallModels.output(mlp, rows[r]), dl4j[r], TOLERANCE, "output " + output + ", row " + r);
            }
        }
    }

    @Test
    void zipRoundTripKeepsWeightsAndNamesExactly() {
        Mlp mlp = new Mlp(SmallModels.random(3, 3, new int[]{5}, new Activation[]{Activation.RELU},
                Activation.SOFTMAX, 2).layers(), List.of("age", "size", "weight"), List.of("no", "yes"));
        Path zip = dir.resolve("model.zip");

        Dl4jModels.writeZip(mlp, zip);
        ModelFile read = Dl4jModels.readZipFile(zip);

        assertEquals(mlp, read.mlp());
        assertTrue(read.namedInputs());
        assertTrue(read.namedOutputs());
        assertEquals(mlp, Dl4jModels.readZip(zip));
    }

    @Test
    void zipRoundTripGivesTheSameOutputs() throws Exception {
        Mlp mlp = SmallModels.random(4, 4, new int[]{3, 3}, new Activation[]{Activation.SIGMOID, Activation.TANH},
                Activation.SIGMOID, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Dl4jModels.writeZip(mlp, bytes);
        Path zip = Files.write(dir.resolve("m.zip"), bytes.toByteArray());

        Mlp back = Dl4jModels.readZip(zip);

        for (double[] row : SmallModels.rows(9, 5, 4)) {
            assertArrayEquals(SmallModels.output(mlp, row), SmallModels.output(back, row), TOLERANCE);
        }
    }

    @Test
    void writtenZipIsAPlainDl4jModelZip() throws Exception {
        Path zip = dir.resolve("model.zip");
        Dl4jModels.writeZip(SmallModels.handComputed(), zip);

        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertNotNull(z.getEntry("configuration.json"));
            assertNotNull(z.getEntry("coefficients.bin"));
        }
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
        assertEquals(5.75, restored.output(Nd4j.create(new double[][]{{1, 2}}), false).getDouble(0, 0), TOLERANCE);
    }

    @Test
    void zipWithoutNamesGetsGeneratedNames() throws Exception {
        Mlp mlp = SmallModels.handComputed();
        Path zip = dir.resolve("plain.zip");
        ModelSerializer.writeModel(Dl4jModels.fromMlp(mlp), zip.toFile(), false);

        ModelFile read = Dl4jModels.readZipFile(zip);

        assertEquals(List.of("x0", "x1"), read.mlp().inputNames());
        assertEquals(List.of("y0"), read.mlp().outputNames());
        assertEquals(mlp.layers(), read.mlp().layers());
        assertEquals(false, read.namedInputs());
    }

    @Test
    void skipsDropoutLayers() {
        MultiLayerNetwork net = network(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(1).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new DropoutLayer.Builder(0.5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build()));

        Mlp mlp = Dl4jModels.toMlp(net, List.of("a", "b", "c"), List.of("p", "q"));

        assertEquals(2, mlp.layers().size());
        double[] row = {0.5, -1, 2};
        assertArrayEquals(net.output(Nd4j.create(new double[][]{row}), false).toDoubleVector(),
                SmallModels.output(mlp, row), TOLERANCE);
    }

    @Test
    void rejectsBatchNormalisationNamingTheLayer() {
        MultiLayerNetwork net = network(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).build())
                .layer(new BatchNormalization.Builder().nIn(4).nOut(4).build())
                .layer(new OutputLayer.Builder().nIn(4).nOut(2).build()));

        InputException e = assertThrows(InputException.class, () -> Dl4jModels.toUnnamedMlp(net));

        assertTrue(e.getMessage().contains("layer 1 is a BatchNormalization"), e.getMessage());
    }

    @Test
    void rejectsActivationsAnMlpCannotExpress() {
        MultiLayerNetwork net = network(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(org.nd4j.linalg.activations.Activation.GELU).build())
                .layer(new OutputLayer.Builder().nIn(4).nOut(2).build()));

        InputException e = assertThrows(InputException.class, () -> Dl4jModels.toUnnamedMlp(net));

        assertTrue(e.getMessage().contains("layer 0 (DenseLayer) uses activation"), e.getMessage());
        assertTrue(e.getMessage().contains("DL4J's GELU is an approximation"), e.getMessage());
    }

    @Test
    void readsDl4jsOwnLeakyReluEluSoftplusAndSwish() {
        MultiLayerNetwork net = network(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(new org.nd4j.linalg.activations.impl.ActivationLReLU(0.2)).build())
                .layer(new DenseLayer.Builder().nIn(4).nOut(4).activation(new org.nd4j.linalg.activations.impl.ActivationELU(0.5)).build())
                .layer(new DenseLayer.Builder().nIn(4).nOut(4).activation(org.nd4j.linalg.activations.Activation.SOFTPLUS).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2).activation(org.nd4j.linalg.activations.Activation.SWISH).build()));

        Mlp mlp = Dl4jModels.toUnnamedMlp(net);

        assertEquals(List.of(Activation.leakyRelu(0.2), Activation.elu(0.5), Activation.SOFTPLUS, Activation.SILU),
                mlp.layers().stream().map(io.illc.api.DenseLayer::activation).toList());
        double[][] rows = SmallModels.rows(9, 6, 3);
        double[][] dl4j = net.output(Nd4j.create(rows), false).toDoubleMatrix();
        for (int r = 0; r < rows.length; r++) {
            assertArrayEquals(SmallModels.output(mlp, rows[r]), dl4j[r], 1e-12, "row " + r);
        }
    }

    @Test
    void rejectsALeakyRelu() {
        MultiLayerNetwork net = network(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4)
                        .activation(new org.nd4j.linalg.activations.impl.ActivationReLU(null, null, 0.1)).build())
                .layer(new OutputLayer.Builder().nIn(4).nOut(2).build()));

        InputException e = assertThrows(InputException.class, () -> Dl4jModels.toUnnamedMlp(net));

        assertTrue(e.getMessage().contains("modified ReLU"), e.getMessage());
    }

    @Test
    void rejectsSoftmaxOnAHiddenLayer() {
        MultiLayerNetwork net = network(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .layer(new OutputLayer.Builder().nIn(4).nOut(2).build()));

        InputException e = assertThrows(InputException.class, () -> Dl4jModels.toUnnamedMlp(net));

        assertTrue(e.getMessage().contains("dense layer 1 of the DL4J network uses softmax"), e.getMessage());
    }

    @Test
    void readingAZipThatIsNotADl4jModelFails() throws Exception {
        Path zip = dir.resolve("other.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            out.write("hello".getBytes());
            out.closeEntry();
        }

        InputException e = assertThrows(InputException.class, () -> Dl4jModels.readZip(zip));

        assertTrue(e.getMessage().contains("not a DL4J model zip"), e.getMessage());
    }

    @Test
    void readingAMissingZipNamesTheFile() {
        Path missing = dir.resolve("missing.zip");

        InputException e = assertThrows(InputException.class, () -> Dl4jModels.readZip(missing));

        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    private static MultiLayerNetwork network(NeuralNetConfiguration.ListBuilder list) {
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }
}
