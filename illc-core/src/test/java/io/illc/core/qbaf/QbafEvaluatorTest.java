package io.illc.core.qbaf;

import io.illc.api.Activation;
import io.illc.api.Argument;
import io.illc.api.Edge;
import io.illc.api.Qbaf;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class QbafEvaluatorTest {

    /** An input argument; with {@link #cluster} and {@link #output}, what hand-written QBAFs of the tests are made of. */
    public static Argument input(String id) {
        return new Argument(id, 0, Argument.Kind.INPUT, id, List.of(), null, null, null);
    }

    public static Argument cluster(String id, int layer, double bias, Activation phi) {
        return new Argument(id, layer, Argument.Kind.CLUSTER, id, List.of(0), bias, phi.apply(bias), null);
    }

    public static Argument output(String id, int layer, double bias, Activation phi) {
        return new Argument(id, layer, Argument.Kind.OUTPUT, id, List.of(), bias,
                phi.isElementWise() ? phi.apply(bias) : null, null);
    }

    /** x, y → C1.0 (tanh) → out (sigmoid), written by hand with edges in scrambled order. */
    static Qbaf handQbaf() {
        return new Qbaf(List.of(input("x"), input("y"), cluster("C1.0", 1, 0.5, Activation.TANH),
                output("out", 2, -1, Activation.SIGMOID)),
                List.of(new Edge("C1.0", "out", 2), new Edge("y", "C1.0", -1), new Edge("x", "C1.0", 0.25)),
                List.of(Activation.TANH, Activation.SIGMOID), null);
    }

    @Test
    void computesStrengthsFromBiasesEdgeWeightsAndTheQbafsOwnActivations() {
        QbafEvaluator evaluator = new QbafEvaluator(handQbaf());

        double[] s = evaluator.strengths(new double[] {2, 1});

        // C1.0 = tanh(0.5 + 0.25·2 − 1·1) = tanh(0) = 0; out = σ(−1 + 2·0) = σ(−1).
        assertArrayEquals(new double[] {2, 1, 0, 1 / (1 + Math.exp(1))}, s, 1e-15);
        assertEquals(2, evaluator.inputCount());
    }

    @Test
    void appliesEachLayersOwnActivation() {
        // x → C1.0 (relu) → C2.0 (tanh) → out (linear): at x = −2, relu cuts C1.0 to 0, which only
        // the relu of layer 1 (not tanh) does.
        Qbaf qbaf = new Qbaf(List.of(input("x"), cluster("C1.0", 1, 0.5, Activation.RELU),
                cluster("C2.0", 2, 0.1, Activation.TANH), output("out", 3, 1, Activation.LINEAR)),
                List.of(new Edge("x", "C1.0", 1), new Edge("C1.0", "C2.0", 2), new Edge("C2.0", "out", -3)),
                List.of(Activation.RELU, Activation.TANH, Activation.LINEAR), null);

        double[] s = new QbafEvaluator(qbaf).strengths(new double[] {-2});

        // C1.0 = relu(0.5 − 2) = 0; C2.0 = tanh(0.1 + 2·0) = tanh(0.1); out = 1 − 3·tanh(0.1).
        assertArrayEquals(new double[] {-2, 0, Math.tanh(0.1), 1 - 3 * Math.tanh(0.1)}, s, 1e-15);
    }

    @Test
    void anArgumentWithoutIncomingEdgesHasItsBaseScoreAsStrength() {
        Qbaf qbaf = new Qbaf(List.of(input("x"), cluster("C1.0", 1, 0.7, Activation.SIGMOID),
                output("out", 2, 0.2, Activation.LINEAR)), List.of(new Edge("C1.0", "out", -3)),
                List.of(Activation.SIGMOID, Activation.LINEAR), null);

        double[] s = new QbafEvaluator(qbaf).strengths(new double[] {100});

        double c = 1 / (1 + Math.exp(-0.7));
        assertArrayEquals(new double[] {100, c, 0.2 - 3 * c}, s, 1e-15);
    }

    @Test
    void appliesSoftmaxAcrossTheOutputs() {
        Qbaf qbaf = new Qbaf(List.of(input("x"), output("p", 1, 0, Activation.SOFTMAX), output("q", 1, 1, Activation.SOFTMAX)),
                List.of(new Edge("x", "p", 1)), List.of(Activation.SOFTMAX), null);

        double[] s = new QbafEvaluator(qbaf).strengths(new double[] {3});

        // z = (3, 1): softmax = (1 / (1 + e^−2), 1 / (1 + e^2)).
        assertArrayEquals(new double[] {3, 1 / (1 + Math.exp(-2)), 1 / (1 + Math.exp(2))}, s, 1e-15);
        assertEquals(1.0, s[1] + s[2], 1e-15);
    }

    @Test
    void rejectsActivationsThatContradictTheBaseScores() {
        Qbaf original = handQbaf();
        Qbaf contradicting = new Qbaf(original.arguments(), original.edges(),
                List.of(Activation.SIGMOID, Activation.SIGMOID), null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new QbafEvaluator(contradicting));
        assertTrue(e.getMessage().startsWith("argument 'C1.0' has bias 0.5 and base score " + Math.tanh(0.5)),
                e.getMessage());
    }

    @Test
    void rejectsAQbafWithoutArguments() {
        Qbaf empty = new Qbaf(List.of(), List.of(), List.of(Activation.SOFTMAX), null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new QbafEvaluator(empty));
        assertEquals("the QBAF has no arguments", e.getMessage());
    }

    @Test
    void rejectsEdgesThatSkipALayer() {
        Qbaf original = handQbaf();
        Qbaf skipping = new Qbaf(original.arguments(), List.of(new Edge("x", "out", 1)), original.activations(), null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new QbafEvaluator(skipping));
        assertEquals("edge x -> out joins layer 0 to layer 2; edges must join adjacent layers l-1 -> l", e.getMessage());
    }

    @Test
    void rejectsEdgesToUnknownArguments() {
        Qbaf original = handQbaf();
        Qbaf dangling = new Qbaf(original.arguments(), List.of(new Edge("x", "C1.9", 1)), original.activations(), null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new QbafEvaluator(dangling));
        assertEquals("edge x -> C1.9 names an unknown argument 'C1.9'", e.getMessage());

        Qbaf unknownSecondSource = new Qbaf(original.arguments(),
                List.of(new Edge("x", "C1.0", 1), new Edge("z", "C1.0", 1)), original.activations(), null);
        e = assertThrows(IllegalArgumentException.class, () -> new QbafEvaluator(unknownSecondSource));
        assertEquals("edge z -> C1.0 names an unknown argument 'z'", e.getMessage());
    }

    @Test
    void rejectsArgumentsOutOfLayerOrder() {
        Qbaf original = handQbaf();
        List<Argument> a = original.arguments();
        Qbaf scrambled = new Qbaf(List.of(a.get(0), a.get(2), a.get(1), a.get(3)), original.edges(),
                original.activations(), null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new QbafEvaluator(scrambled));
        assertTrue(e.getMessage().startsWith("argument 'y' of layer 0 follows an argument of layer 1"), e.getMessage());
    }

    @Test
    void sumsInSourceOrderAndRefusesATwiceListedEdgeWhetherOrNotTheEdgesComeSorted() {
        Qbaf scrambled = handQbaf();
        Qbaf sorted = new Qbaf(scrambled.arguments(),
                List.of(new Edge("x", "C1.0", 0.25), new Edge("y", "C1.0", -1), new Edge("C1.0", "out", 2)),
                scrambled.activations(), null);
        // C1.0's edges apart, another target's between them: indexed by target all the same.
        Qbaf interleaved = new Qbaf(scrambled.arguments(),
                List.of(new Edge("y", "C1.0", -1), new Edge("C1.0", "out", 2), new Edge("x", "C1.0", 0.25)),
                scrambled.activations(), null);
        double[] row = {0.3, 0.1};
        assertArrayEquals(new QbafEvaluator(sorted).strengths(row), new QbafEvaluator(scrambled).strengths(row), 0.0);
        assertArrayEquals(new QbafEvaluator(sorted).strengths(row), new QbafEvaluator(interleaved).strengths(row), 0.0);

        for (List<Edge> edges : List.of(
                List.of(new Edge("x", "C1.0", 1), new Edge("x", "C1.0", 2), new Edge("C1.0", "out", 2)),
                List.of(new Edge("x", "C1.0", 1), new Edge("y", "C1.0", 1), new Edge("x", "C1.0", 2), new Edge("C1.0", "out", 2)))) {
            Qbaf twice = new Qbaf(scrambled.arguments(), edges, scrambled.activations(), null);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new QbafEvaluator(twice));
            assertEquals("two edges x -> C1.0", e.getMessage());
        }
    }

    @Test
    void rejectsARowOfTheWrongLength() {
        QbafEvaluator evaluator = new QbafEvaluator(handQbaf());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> evaluator.strengths(new double[] {1, 2, 3}));
        assertEquals("row has 3 values, the QBAF has 2 input arguments", e.getMessage());
    }
}
