package io.illc.core.model;

import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Mlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One model read from each format it can be stored in has bit for bit the same weights: every
 * loader copies numbers, it never rounds them. Keras models come in two formats here (the same
 * model saved as .keras and as legacy .h5); illc writes weights JSON and DL4J zips, so a Keras or
 * ONNX model saved in those must read back unchanged too.
 */
class SameWeightsInEveryFormatTest {
    @TempDir
    Path dir;

    /** Compares the bits of every weight and bias, so that -0.0 and 0.0 or two NaNs are told apart. */
    private static void assertSameBits(Mlp expected, Mlp actual, String what) {
        assertEquals(expected.layers().size(), actual.layers().size(), what + ": layers");
        for (int l = 0; l < expected.layers().size(); l++) {
            DenseLayer e = expected.layers().get(l);
            DenseLayer a = actual.layers().get(l);
            assertArrayEquals(bits(e.weights().toRowMajor()), bits(a.weights().toRowMajor()), what + ": weights of layer " + l);
            assertArrayEquals(bits(e.bias().toArray()), bits(a.bias().toArray()), what + ": bias of layer " + l);
            assertEquals(e.activation(), a.activation(), what + ": activation of layer " + l);
        }
    }

    private static long[] bits(double[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Double.doubleToRawLongBits(values[i]);
        }
        return out;
    }

    @Test
    void theSameKerasModelSavedAsKerasAndAsLegacyHdf5ReadsIdentically() throws Exception {
        LoadedModel keras = ModelLoader.load(FrameworkFixturesTest.fixture("keras_sequential.keras"), null);
        LoadedModel h5 = ModelLoader.load(FrameworkFixturesTest.fixture("keras_sequential.h5"), null);

        assertSameBits(keras.mlp(), h5.mlp(), ".keras against .h5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"keras_sequential.keras", "keras_functional.keras", "torch_batchnorm.onnx", "torch_leaky_elu.onnx"})
    void aFrameworkModelSavedAsWeightsJsonAndAsADl4jZipReadsBackIdentically(String fixture) throws Exception {
        LoadedModel imported = ModelLoader.load(FrameworkFixturesTest.fixture(fixture), null);
        Path json = dir.resolve("model.json");
        Path zip = dir.resolve("model.zip");

        ModelWriter.write(imported, json, null);
        ModelWriter.write(imported, zip, null);

        assertSameBits(imported.mlp(), ModelLoader.load(json, null).mlp(), fixture + " through weights JSON");
        assertSameBits(imported.mlp(), ModelLoader.load(zip, null).mlp(), fixture + " through a DL4J zip");
    }

    @Test
    void awkwardDoublesSurviveWeightsJsonAndDl4jZipBitForBit() {
        // Random weights in [-1, 1) have 53 significant bits: any rounding on the way would show.
        Mlp mlp = SmallModels.random(15, 7, new int[]{9, 5}, new Activation[]{Activation.RELU, Activation.TANH},
                Activation.SOFTMAX, 3);
        Path json = dir.resolve("random.json");
        Path zip = dir.resolve("random.zip");

        ModelWriter.write(mlp, json, null);
        ModelWriter.write(mlp, zip, null);

        assertSameBits(mlp, ModelLoader.load(json, null).mlp(), "weights JSON");
        assertSameBits(mlp, ModelLoader.load(zip, null).mlp(), "DL4J zip");
    }
}
