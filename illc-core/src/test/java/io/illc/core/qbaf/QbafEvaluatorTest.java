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

class QbafEvaluatorTest {

    private static Argument input(String id) {
        return new Argument(id, 0, Argument.Kind.INPUT, id, List.of(), null, null, null);
    }

    private static Argument cluster(String id, int layer, double bias, Activation phi) {
        return new Argument(id, layer, Argument.Kind.CLUSTER, id, List.of(0), bias, phi.apply(bias), null);
    }

    private static Argument output(String id, int layer, double bias, Activation phi) {
        return new Argument(id, layer, Argument.Kind.OUTPUT, id, List.of(), bias,
                phi.isElementWise() ? phi.apply(bias) : null, null);
    }

    /** x, y → C1.0 (tanh) → out (sigmoid), written by hand with edges in scrambled order. */
    private static Qbaf handQbaf() {
        return new Qbaf(List.of(input("x"), input("y"), cluster("C1.0", 1, 0.5, Activation.TANH),
                output("out", 2, -1, Activation.SIGMOID)),
                List.of(new Edge("C1.0", "out", 2), new Edge("y", "C1.0", -1), new Edge("x", "C1.0", 0.25)),
                Activation.SIGMOID, null);
    }

    @Test
    void computesStrengthsFromBiasesAndEdgeWeights() {
        QbafEvaluator evaluator = new QbafEvaluator(handQbaf(), List.of(Activation.TANH));

        double[] s = evaluator.strengths(new double[] {2, 1});

        // C1.0 = tanh(0.5 + 0.25·2 − 1·1) = tanh(0) = 0; out = σ(−1 + 2·0) = σ(−1).
        assertArrayEquals(new double[] {2, 1, 0, 1 / (1 + Math.exp(1))}, s, 1e-15);
        assertEquals(2, evaluator.inputCount());
    }

    @Test
    void anArgumentWithoutIncomingEdgesHasItsBaseScoreAsStrength() {
        Qbaf qbaf = new Qbaf(List.of(input("x"), cluster("C1.0", 1, 0.7, Activation.SIGMOID),
                output("out", 2, 0.2, Activation.LINEAR)), List.of(new Edge("C1.0", "out", -3)), Activation.LINEAR, null);

        double[] s = new QbafEvaluator(qbaf, List.of(Activation.SIGMOID)).strengths(new double[] {100});

        double c = 1 / (1 + Math.exp(-0.7));
        assertArrayEquals(new double[] {100, c, 0.2 - 3 * c}, s, 1e-15);
    }

    @Test
    void appliesSoftmaxAcrossTheOutputs() {
        Qbaf qbaf = new Qbaf(List.of(input("x"), output("p", 1, 0, Activation.SOFTMAX), output("q", 1, 1, Activation.SOFTMAX)),
                List.of(new Edge("x", "p", 1)), Activation.SOFTMAX, null);

        double[] s = new QbafEvaluator(qbaf, List.of()).strengths(new double[] {3});

        // z = (3, 1): softmax = (1 / (1 + e^−2), 1 / (1 + e^2)).
        assertArrayEquals(new double[] {3, 1 / (1 + Math.exp(-2)), 1 / (1 + Math.exp(2))}, s, 1e-15);
        assertEquals(1.0, s[1] + s[2], 1e-15);
    }

    @Test
    void rejectsActivationsThatContradictTheBaseScores() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new QbafEvaluator(handQbaf(), List.of(Activation.SIGMOID)));
        assertTrue(e.getMessage().startsWith("argument 'C1.0' has bias 0.5 and base score " + Math.tanh(0.5)),
                e.getMessage());
    }

    @Test
    void rejectsTheWrongNumberOfHiddenActivations() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new QbafEvaluator(handQbaf(), List.of()));
        assertEquals("the QBAF has 1 hidden layers but 0 hidden activations were given", e.getMessage());
    }

    @Test
    void rejectsEdgesThatSkipALayer() {
        Qbaf original = handQbaf();
        Qbaf skipping = new Qbaf(original.arguments(), List.of(new Edge("x", "out", 1)), Activation.SIGMOID, null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new QbafEvaluator(skipping, List.of(Activation.TANH)));
        assertEquals("edge x -> out joins layer 0 to layer 2; edges must join adjacent layers l-1 -> l", e.getMessage());
    }

    @Test
    void rejectsEdgesToUnknownArguments() {
        Qbaf original = handQbaf();
        Qbaf dangling = new Qbaf(original.arguments(), List.of(new Edge("x", "C1.9", 1)), Activation.SIGMOID, null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new QbafEvaluator(dangling, List.of(Activation.TANH)));
        assertEquals("edge x -> C1.9 names an unknown argument 'C1.9'", e.getMessage());
    }

    @Test
    void rejectsArgumentsOutOfLayerOrder() {
        Qbaf original = handQbaf();
        List<Argument> a = original.arguments();
        Qbaf scrambled = new Qbaf(List.of(a.get(0), a.get(2), a.get(1), a.get(3)), original.edges(), Activation.SIGMOID, null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new QbafEvaluator(scrambled, List.of(Activation.TANH)));
        assertTrue(e.getMessage().startsWith("argument 'y' of layer 0 follows an argument of layer 1"), e.getMessage());
    }

    @Test
    void rejectsARowOfTheWrongLength() {
        QbafEvaluator evaluator = new QbafEvaluator(handQbaf(), List.of(Activation.TANH));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> evaluator.strengths(new double[] {1, 2, 3}));
        assertEquals("row has 3 values, the QBAF has 2 input arguments", e.getMessage());
    }
}
