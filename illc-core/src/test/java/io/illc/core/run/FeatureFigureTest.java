package io.illc.core.run;

import io.illc.api.Activation;
import io.illc.api.Argument;
import io.illc.api.DenseLayer;
import io.illc.api.Edge;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Qbaf;
import io.illc.api.Vector;
import io.illc.core.qbaf.FeatureSummary;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureFigureTest {

    /** a, b → C1.0 = relu(2a − b) → o = C1.0 (linear): a supports both, b attacks both. */
    private static Qbaf small() {
        return new Qbaf(List.of(
                new Argument("a", 0, Argument.Kind.INPUT, "a", List.of(), null, null, null),
                new Argument("b", 0, Argument.Kind.INPUT, "b", List.of(), null, null, null),
                new Argument("C1.0", 1, Argument.Kind.CLUSTER, "C1.0 (1 neuron)", List.of(0), 0.0, 0.0, null),
                new Argument("o", 2, Argument.Kind.OUTPUT, "o", List.of(), 0.0, 0.0, null)),
                List.of(new Edge("a", "C1.0", 2), new Edge("b", "C1.0", -1), new Edge("C1.0", "o", 1)),
                List.of(Activation.RELU, Activation.LINEAR), null);
    }

    @Test
    void drawsOnePanelPerArgumentWithGreenSupportsAndRedAttacksTheSameEveryTime() throws IOException {
        Qbaf qbaf = small();
        FeatureSummary summary = FeatureSummary.global(qbaf, Matrix.of(new double[][] {{1, 0}, {2, 1}, {3, 0}}));

        byte[] png = FeatureFigure.png(qbaf, summary, Map.of("o", "yes")).orElseThrow();

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        // Two layers side by side, one panel each.
        assertEquals(2 * (330 + 12) + 12, image.getWidth());
        boolean green = false;
        boolean red = false;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                green |= rgb == 0x1a9850;
                red |= rgb == 0xd73027;
            }
        }
        assertTrue(green && red, "a support bar and an attack bar");
        assertArrayEquals(png, FeatureFigure.png(qbaf, summary, Map.of("o", "yes")).orElseThrow());
    }

    @Test
    void aNetworkIsDrawableExactlyWhenItsHiddenAndOutputNeuronsFitThePanels() {
        // MAX_PANELS − 1 hidden neurons and one output: every panel used; one more hidden neuron is too many.
        assertTrue(FeatureFigure.drawable(network(FeatureFigure.MAX_PANELS - 1)));
        assertFalse(FeatureFigure.drawable(network(FeatureFigure.MAX_PANELS)));
    }

    /** 1 input → {@code hidden} ReLU neurons → 1 linear output. */
    private static Mlp network(int hidden) {
        return Mlp.unnamed(List.of(
                new DenseLayer(Matrix.ofRowMajor(hidden, 1, new double[hidden]), Vector.of(new double[hidden]), Activation.RELU),
                new DenseLayer(Matrix.ofRowMajor(1, hidden, new double[hidden]), Vector.of(0), Activation.LINEAR)));
    }

    @Test
    void isNotDrawnForMoreArgumentsThanFitInAReadableFigure() {
        List<Argument> arguments = new ArrayList<>();
        arguments.add(new Argument("a", 0, Argument.Kind.INPUT, "a", List.of(), null, null, null));
        List<Edge> edges = new ArrayList<>();
        for (int k = 0; k < FeatureFigure.MAX_PANELS; k++) {
            arguments.add(new Argument("C1." + k, 1, Argument.Kind.CLUSTER, "C1." + k, List.of(k), 0.0, 0.0, null));
            edges.add(new Edge("a", "C1." + k, 1));
        }
        arguments.add(new Argument("o", 2, Argument.Kind.OUTPUT, "o", List.of(), 0.0, 0.0, null));
        edges.add(new Edge("C1.0", "o", 1));
        Qbaf wide = new Qbaf(arguments, edges, List.of(Activation.RELU, Activation.LINEAR), null);
        double[][] rows = new double[3][1];
        Arrays.setAll(rows, r -> new double[] {r});

        assertTrue(FeatureFigure.png(wide, FeatureSummary.global(wide, Matrix.of(rows)), Map.of()).isEmpty());
    }
}
