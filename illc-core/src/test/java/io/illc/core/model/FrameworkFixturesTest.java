package io.illc.core.model;

import io.illc.core.InputException;
import io.illc.core.data.CsvLoader;
import io.illc.core.data.Dataset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Models written by PyTorch ({@code torch.onnx.export}), Keras 3 and scikit-learn (see
 * {@code tools/fixtures}) reproduce the framework's own outputs on every breast-cancer row.
 */
class FrameworkFixturesTest {
    /** The frameworks compute in float32; illc in float64 from the same float32 weights. */
    private static final double FLOAT32_MODEL_TOLERANCE = 1e-5;

    @ParameterizedTest
    @ValueSource(strings = {"torch_batchnorm.onnx", "torch_leaky_elu.onnx", "torch_softplus_silu.onnx",
            "torch_gelu_erf.onnx", "torch_gelu_op.onnx", "torch_custom_forward.onnx", "keras_functional.keras",
            "keras_sequential.keras", "keras_sequential.h5", "sklearn_mlp.json"})
    void reproducesTheFrameworksOutputsOnEveryRow(String fixture) throws Exception {
        LoadedModel model = ModelLoader.load(fixture(fixture), null);

        Predictions predictions = Predictions.of(model, breastCancer());

        String name = fixture.substring(0, fixture.lastIndexOf('.'));
        List<String> expected = Files.readAllLines(fixture(name + ".expected.csv"));
        assertEquals(expected.size() - 1, predictions.outputs().rows(), "rows");
        if (model.namedOutputs()) {
            assertEquals(Arrays.asList(expected.get(0).split(",")), predictions.columns());
        }
        double max = 0;
        for (int r = 1; r < expected.size(); r++) {
            double[] want = Arrays.stream(expected.get(r).split(",")).mapToDouble(Double::parseDouble).toArray();
            assertEquals(want.length, predictions.outputs().cols(), "outputs");
            for (int j = 0; j < want.length; j++) {
                max = Math.max(max, Math.abs(want[j] - predictions.outputs().get(r - 1, j)));
            }
        }
        System.out.println(fixture + ": max |illc - framework| = " + max);
        assertTrue(max <= FLOAT32_MODEL_TOLERANCE, fixture + ": max difference " + max);
    }

    @Test
    void refusesAResidualConnectionNamingTheAddNode() throws Exception {
        InputException e = assertThrows(InputException.class, () -> ModelLoader.load(fixture("torch_residual.onnx"), null));

        assertTrue(e.getMessage().contains("(op Add) is not supported: it combines tensors computed from different layers "
                + "(a residual or skip connection)"), e.getMessage());
    }

    @Test
    void refusesAConvolutionNamingTheNode() throws Exception {
        InputException e = assertThrows(InputException.class, () -> ModelLoader.load(fixture("torch_conv.onnx"), null));

        assertTrue(e.getMessage().contains("(op Unsqueeze) is not supported: it changes the data's shape")
                || e.getMessage().contains("(op Conv) is not supported"), e.getMessage());
    }

    @Test
    void refusesAKerasResidualConnectionNamingTheLayer() throws Exception {
        InputException e = assertThrows(InputException.class, () -> ModelLoader.load(fixture("keras_residual.keras"), null));

        assertTrue(e.getMessage().matches("(?s).*Keras layer .add. \\(Add\\) reads dense_\\d+ and input_layer_\\d+ instead of just the layer before it.*"), e.getMessage());
        assertTrue(e.getMessage().contains("a QBAF needs the layers to form one chain"), e.getMessage());
    }

    @Test
    void kerasActivationsAndNormalisationsAreReadAsTheirIllcCounterparts() throws Exception {
        LoadedModel sequential = ModelLoader.load(fixture("keras_sequential.keras"), null);
        LoadedModel functional = ModelLoader.load(fixture("keras_functional.keras"), null);

        assertEquals(List.of(io.illc.api.Activation.leakyRelu(0.2), io.illc.api.Activation.SOFTPLUS,
                io.illc.api.Activation.SILU, io.illc.api.Activation.SIGMOID), activations(sequential));
        // Normalization and Rescaling fold into the first layer, BatchNormalization after relu into the second.
        assertEquals(List.of(io.illc.api.Activation.RELU, io.illc.api.Activation.GELU, io.illc.api.Activation.ELU,
                io.illc.api.Activation.SOFTMAX), activations(functional));
        assertEquals(ModelLoader.KERAS, functional.format());
    }

    private static List<io.illc.api.Activation> activations(LoadedModel model) {
        return model.mlp().layers().stream().map(io.illc.api.DenseLayer::activation).toList();
    }

    static Dataset breastCancer() throws URISyntaxException {
        return CsvLoader.load(Path.of(FrameworkFixturesTest.class.getResource("/io/illc/core/data/breast_cancer.csv").toURI()),
                "diagnosis", true);
    }

    static Path fixture(String name) throws URISyntaxException, IOException {
        var url = FrameworkFixturesTest.class.getResource("/io/illc/core/model/fixtures/" + name);
        if (url == null) {
            throw new IOException("no fixture " + name);
        }
        return Path.of(url.toURI());
    }
}
