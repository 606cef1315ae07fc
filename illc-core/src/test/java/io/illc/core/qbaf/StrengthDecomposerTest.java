package io.illc.core.qbaf;

import io.illc.api.Activation;
import io.illc.api.ActivationInverse;
import io.illc.api.Argument;
import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.Edge;
import io.illc.api.LocalContext;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Qbaf;
import io.illc.api.Vector;
import io.illc.core.catalog.GuardedPlugins;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.qbaf.ArgumentDecomposition.Contribution;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrengthDecomposerTest {
    private static final double TOLERANCE = 1e-12;
    private static final Map<Activation.Kind, ActivationInverse> INVERSES =
            GuardedPlugins.activationInverses(PluginCatalog.discover(List.of()));
    private static final StrengthDecomposer DECOMPOSER = new StrengthDecomposer(INVERSES);

    /**
     * Inputs x1 = 1, x2 = 2. Relu layer: h0 = relu(0.5 + 2·x1 − 0.5·x2) = relu(1.5) = 1.5,
     * h1 = relu(−1 + 0.25·x1) = relu(−0.75) = 0. Sigmoid output: o = σ(0.1 + 1·h0 + 3·h1) = σ(1.6).
     */
    private static Qbaf handQbaf(double h0, double h1, double o) {
        return new Qbaf(List.of(
                input("x1", 1), input("x2", 2),
                new Argument("h0", 1, Argument.Kind.CLUSTER, "h0", List.of(0), 0.5, 0.5, h0),
                new Argument("h1", 1, Argument.Kind.CLUSTER, "h1", List.of(1), -1.0, 0.0, h1),
                new Argument("o", 2, Argument.Kind.OUTPUT, "o", List.of(), 0.1, Activation.SIGMOID.apply(0.1), o)),
                List.of(new Edge("x1", "h0", 2), new Edge("x2", "h0", -0.5), new Edge("x1", "h1", 0.25),
                        new Edge("h0", "o", 1), new Edge("h1", "o", 3)),
                List.of(Activation.RELU, Activation.SIGMOID),
                new LocalContext(0, List.of(1.0, 2.0), "1", null));
    }

    private static Argument input(String id, double value) {
        return new Argument(id, 0, Argument.Kind.INPUT, id, List.of(), null, null, value);
    }

    @Test
    void splitsEachStrengthIntoItsBiasAndIncomingContributionsByHand() {
        List<ArgumentDecomposition> d = DECOMPOSER.decompose(handQbaf(1.5, 0, Activation.SIGMOID.apply(1.6)));

        assertEquals(List.of("h0", "h1", "o"), d.stream().map(ArgumentDecomposition::argument).toList());
        ArgumentDecomposition h0 = d.get(0);
        assertEquals(List.of(new Contribution("x1", 2, 1), new Contribution("x2", -0.5, 2)), h0.contributions());
        assertEquals(List.of(2.0, -1.0), h0.contributions().stream().map(Contribution::value).toList());
        assertEquals(1.5, h0.preActivation(), TOLERANCE);
        assertEquals(1.0, h0.recoveredIncoming(), TOLERANCE);
        assertEquals(1.0, h0.incoming(), TOLERANCE);
        ArgumentDecomposition o = d.get(2);
        assertEquals(1.6, o.preActivation(), TOLERANCE);
        assertEquals(1.5, o.recoveredIncoming(), TOLERANCE);
        assertEquals(1.5, o.incoming(), TOLERANCE);
        d.forEach(a -> assertNull(DECOMPOSER.mismatch(a), a.argument()));
    }

    @Test
    void aReluArgumentAtZeroHasNoPreActivationButIsCheckedForwards() {
        ArgumentDecomposition h1 = DECOMPOSER.decompose(handQbaf(1.5, 0, Activation.SIGMOID.apply(1.6))).get(1);

        assertFalse(h1.invertible());
        assertTrue(Double.isNaN(h1.preActivation()));
        assertEquals(0.25, h1.incoming(), TOLERANCE);
        assertNull(DECOMPOSER.mismatch(h1), "relu(−1 + 0.25) = 0");
    }

    @Test
    void aNearlySaturatedSigmoidDecomposesDespiteTheRoundingOfItsStrength() {
        // σ(30.6) = 1 − 5·10⁻¹⁴: one rounding step of the strength moves logit by about 2·10⁻³.
        Qbaf qbaf = new Qbaf(List.of(input("x", 1),
                new Argument("o", 1, Argument.Kind.OUTPUT, "o", List.of(), 0.6, Activation.SIGMOID.apply(0.6),
                        Activation.SIGMOID.apply(0.6 + 30))),
                List.of(new Edge("x", "o", 30)), List.of(Activation.SIGMOID), new LocalContext(0, List.of(1.0), "1", null));

        ArgumentDecomposition o = DECOMPOSER.decompose(qbaf).get(0);

        assertTrue(o.invertible());
        assertEquals(30, o.recoveredIncoming(), 1e-2);
        assertNull(DECOMPOSER.mismatch(o));
    }

    @Test
    void anEditedStrengthIsRefusedNamingTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DECOMPOSER.check(handQbaf(1.6, 0, Activation.SIGMOID.apply(1.6))));

        assertTrue(e.getMessage().startsWith("the strength of argument 'h0' does not follow"), e.getMessage());
        assertTrue(e.getMessage().contains("relu⁻¹(1.6) − bias 0.5 = 1.1"), e.getMessage());
    }

    @Test
    void aZeroReluStrengthWhosePreActivationIsPositiveIsRefused() {
        // h1 = 0 is fine; claiming the output of a positive pre-activation is 0 is not.
        Qbaf qbaf = handQbaf(0, 0, Activation.SIGMOID.apply(0.1));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DECOMPOSER.check(qbaf));

        assertTrue(e.getMessage().contains("argument 'h0'"), e.getMessage());
        assertTrue(e.getMessage().contains("relu(bias 0.5 + incoming 1.0) = 1.5"), e.getMessage());
    }

    @Test
    void withoutInstalledInversesEveryArgumentIsCheckedForwards() {
        StrengthDecomposer forwardOnly = new StrengthDecomposer(Map.of());
        Qbaf qbaf = handQbaf(1.5, 0, Activation.SIGMOID.apply(1.6));

        forwardOnly.decompose(qbaf).forEach(a -> assertFalse(a.invertible(), a.argument()));
        forwardOnly.check(qbaf);
        assertThrows(IllegalArgumentException.class, () -> forwardOnly.check(handQbaf(1.6, 0, Activation.SIGMOID.apply(1.6))));
    }

    @Test
    void aGlobalQbafHasNoStrengthsAndSoNothingToDecompose() {
        Mlp mlp = randomMlp(List.of(Activation.RELU, Activation.SIGMOID), new Random(1));

        assertEquals(List.of(), DECOMPOSER.decompose(QbafBuilder.global(mlp, identities(mlp))));
    }

    @Test
    void everyBuiltLocalQbafDecomposesWhateverItsActivations() {
        Random random = new Random(42);
        for (Activation hidden : List.of(Activation.RELU, Activation.TANH, Activation.SIGMOID, Activation.LINEAR)) {
            for (Activation output : List.of(Activation.SIGMOID, Activation.LINEAR, Activation.SOFTMAX)) {
                for (int trial = 0; trial < 10; trial++) {
                    Mlp mlp = randomMlp(List.of(hidden, hidden, output), random);
                    List<Double> row = random.doubles(3, -3, 3).boxed().toList();
                    Qbaf qbaf = QbafBuilder.local(mlp, identities(mlp), new LocalContext(trial, row, "0", null));

                    List<ArgumentDecomposition> d = DECOMPOSER.decompose(qbaf);

                    String what = hidden.jsonName() + "/" + output.jsonName() + " trial " + trial;
                    // Every hidden argument is decomposed; the outputs unless they are softmax.
                    assertEquals(8 + (output == Activation.SOFTMAX ? 0 : 2), d.size(), what);
                    for (ArgumentDecomposition a : d) {
                        assertNull(DECOMPOSER.mismatch(a), what + " " + a.argument());
                        if (a.invertible()) {
                            assertEquals(a.incoming(), a.recoveredIncoming(), 1e-6 * (1 + a.incomingMagnitude()), what);
                        }
                    }
                    DECOMPOSER.check(qbaf);
                }
            }
        }
    }

    /** Layers 3 → 4 → 4 → 2 (as many layers as activations, at most three), weights and biases in [−1, 1]. */
    private static Mlp randomMlp(List<Activation> activations, Random random) {
        int[] widths = {3, 4, 4, 2};
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l < activations.size(); l++) {
            int in = widths[l];
            int out = l == activations.size() - 1 ? 2 : widths[l + 1];
            double[][] w = new double[out][in];
            for (double[] r : w) {
                for (int i = 0; i < in; i++) {
                    r[i] = random.nextDouble() * 2 - 1;
                }
            }
            layers.add(new DenseLayer(Matrix.of(w), Vector.of(random.doubles(out, -1, 1).toArray()), activations.get(l)));
        }
        return Mlp.unnamed(layers);
    }

    private static List<ClusterAssignment> identities(Mlp mlp) {
        List<ClusterAssignment> out = new ArrayList<>();
        for (int l = 1; l <= mlp.hiddenLayerCount(); l++) {
            out.add(ClusterAssignment.identity(mlp.layer(l).bias().size()));
        }
        return out;
    }
}
