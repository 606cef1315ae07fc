package io.illc.core.attribution;

import io.illc.api.Activation;
import io.illc.api.Argument;
import io.illc.api.Mlp;
import io.illc.api.Qbaf;
import io.illc.core.attribution.AttributionSettings.Method;
import io.illc.core.attribution.AttributionSettings.Target;
import io.illc.core.qbaf.RandomQbafs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttributionsTest {
    private static final double[] HAND_POINT = {2, 1};

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void handComputedGradientsFollowTheChainRule() {
        Attributions.Result r = Attributions.compute(Qbafs.hand(), HAND_POINT, AttributionSettings.all(), 1);

        // At (2, 1): C1.0 = tanh(0.5 + 0.5 − 1) = 0, out = σ(−1); σ′(−1) = σ(−1)(1 − σ(−1)), tanh′(0) = 1.
        double ds = sigmoid(-1) * (1 - sigmoid(-1));
        Map<String, Double> g = r.methods().get(Method.GRADIENT);
        assertEquals("out", r.target());
        assertEquals(2 * ds, g.get("C1.0"), 1e-15);
        assertEquals(2 * ds * 0.25, g.get("x"), 1e-15);
        assertEquals(-2 * ds, g.get("y"), 1e-15);
        assertEquals(List.of("x", "y", "C1.0"), List.copyOf(g.keySet()));
    }

    @Test
    void handComputedRemovalsAndShapleyValues() {
        Attributions.Result r = Attributions.compute(Qbafs.hand(), HAND_POINT, AttributionSettings.all(), 1);

        double full = sigmoid(-1);
        Map<String, Double> removal = r.methods().get(Method.REMOVAL);
        // Without x: C1.0 = tanh(0.5 − 1); without y: tanh(0.5 + 0.5); without C1.0: out = σ(−1 + 0), as C1.0 is 0.
        assertEquals(full - sigmoid(-1 + 2 * Math.tanh(-0.5)), removal.get("x"), 1e-15);
        assertEquals(full - sigmoid(-1 + 2 * Math.tanh(1)), removal.get("y"), 1e-15);
        assertEquals(0.0, removal.get("C1.0"), 1e-15);
        assertEquals(full - sigmoid(-1 + 2 * Math.tanh(-0.5)), r.relationRemoval().get("x->C1.0"), 1e-15);
        assertEquals(full - sigmoid(-1), r.relationRemoval().get("C1.0->out"), 1e-15);

        double none = sigmoid(-1 + 2 * Math.tanh(0.5));
        double onlyX = sigmoid(-1 + 2 * Math.tanh(1));
        double onlyY = sigmoid(-1 + 2 * Math.tanh(-0.5));
        Map<String, Double> shapley = r.methods().get(Method.SHAPLEY);
        assertEquals(0.5 * ((onlyX - none) + (full - onlyY)), shapley.get("x"), 1e-15);
        assertEquals(0.5 * ((onlyY - none) + (full - onlyX)), shapley.get("y"), 1e-15);
        // One argument in layer 1: its Shapley value is v({C1.0}) − v(∅) = its removal.
        assertEquals(0.0, shapley.get("C1.0"), 1e-15);
        assertNull(r.shapleySamples());
        assertEquals(0.0, r.standardErrors().get("x"));
    }

    @Test
    void removalAttributionsEqualTheOutputDifferenceOfTheQbafWithoutTheArgumentOrEdge() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            Mlp mlp = RandomQbafs.network(random, 4, new int[] {3, 3}, trial % 2 == 0 ? 3 : 1, Activation.RELU,
                    trial % 2 == 0 ? Activation.SOFTMAX : Activation.SIGMOID);
            Qbaf qbaf = RandomQbafs.global(mlp);
            double[] point = random.doubles(4, -2, 2).toArray();
            Attributions.Result r = Attributions.compute(qbaf, point, settings(Method.REMOVAL), 3);

            double full = Qbafs.strength(qbaf, point, r.target());
            for (Argument a : qbaf.arguments()) {
                if (a.kind() == Argument.Kind.OUTPUT) {
                    continue;
                }
                Qbaf without = Qbafs.withoutEdges(qbaf, e -> e.source().equals(a.id()));
                double[] at = point.clone();
                if (a.layer() == 0) {
                    at[qbaf.arguments().indexOf(a)] = 0;
                }
                assertEquals(full - Qbafs.strength(without, at, r.target()), r.methods().get(Method.REMOVAL).get(a.id()),
                        1e-12, a.id());
            }
            for (var e : qbaf.edges()) {
                Qbaf without = Qbafs.withoutEdges(qbaf, e::equals);
                assertEquals(full - Qbafs.strength(without, point, r.target()),
                        r.relationRemoval().get(e.source() + "->" + e.target()), 1e-12);
            }
        }
    }

    @Test
    void gradientAttributionsMatchCentralFiniteDifferences() {
        Random random = new Random(11);
        List<Activation> smooth = List.of(Activation.TANH, Activation.SIGMOID, Activation.SOFTPLUS, Activation.GELU);
        double h = 1e-5;
        for (int trial = 0; trial < 20; trial++) {
            Mlp mlp = RandomQbafs.network(random, 3, new int[] {4, 3}, trial % 2 == 0 ? 3 : 1,
                    smooth.get(trial % smooth.size()), trial % 2 == 0 ? Activation.SOFTMAX : Activation.SIGMOID);
            Qbaf qbaf = RandomQbafs.global(mlp);
            double[] point = random.doubles(3, -2, 2).toArray();
            Attributions.Result r = Attributions.compute(qbaf, point, settings(Method.GRADIENT), 3);

            for (int i = 0; i < qbaf.arguments().size(); i++) {
                Argument a = qbaf.arguments().get(i);
                if (a.kind() == Argument.Kind.OUTPUT) {
                    continue;
                }
                double fd;
                if (a.layer() == 0) {
                    double[] up = point.clone();
                    double[] down = point.clone();
                    up[i] += h;
                    down[i] -= h;
                    fd = (Qbafs.strength(qbaf, up, r.target()) - Qbafs.strength(qbaf, down, r.target())) / (2 * h);
                } else {
                    // s_a + h feeds its targets exactly as their biases raised by h × the edge weight.
                    fd = (Qbafs.strength(Qbafs.shiftingTargetsOf(qbaf, a.id(), h), point, r.target())
                            - Qbafs.strength(Qbafs.shiftingTargetsOf(qbaf, a.id(), -h), point, r.target())) / (2 * h);
                }
                double g = r.methods().get(Method.GRADIENT).get(a.id());
                assertEquals(fd, g, 1e-6 * Math.max(Math.abs(g), 1e-3), a.id());
            }
        }
    }

    @Test
    void exactShapleyValuesAddUpToTheFullMinusTheEmptyLayerInEveryLayer() {
        Random random = new Random(5);
        for (int trial = 0; trial < 10; trial++) {
            Mlp mlp = RandomQbafs.network(random, 2 + random.nextInt(11), new int[] {1 + random.nextInt(12), 2}, 3,
                    Activation.RELU, Activation.SOFTMAX);
            Qbaf qbaf = RandomQbafs.global(mlp);
            double[] point = random.doubles(mlp.inputCount(), -2, 2).toArray();
            Attributions.Result r = Attributions.compute(qbaf, point, settings(Method.SHAPLEY), 3);

            assertNull(r.shapleySamples());
            assertEfficient(qbaf, point, r, 1e-12);
        }
    }

    @Test
    void sampledShapleyValuesAddUpWithinTheirReportedErrorAndRepeatForTheSameSeed() {
        Random random = new Random(9);
        Mlp mlp = RandomQbafs.network(random, 20, new int[] {15, 4}, 2, Activation.TANH, Activation.SOFTMAX);
        Qbaf qbaf = RandomQbafs.global(mlp);
        double[] point = random.doubles(20, -2, 2).toArray();
        AttributionSettings settings = new AttributionSettings(List.of(Method.SHAPLEY), Target.PREDICTED, 200);

        Attributions.Result r = Attributions.compute(qbaf, point, settings, 42);

        assertEquals(200, r.shapleySamples());
        double errors = r.standardErrors().values().stream().mapToDouble(Double::doubleValue).sum();
        assertTrue(errors > 0);
        assertEfficient(qbaf, point, r, errors);
        assertEquals(r, Attributions.compute(qbaf, point, settings, 42));
        assertNotEquals(r.methods(), Attributions.compute(qbaf, point, settings, 43).methods());
    }

    @Test
    void inALinearQbafEveryPermutationGivesTheSameMarginalSoSampledShapleyValuesAreExactContributions() {
        Random random = new Random(3);
        Mlp mlp = RandomQbafs.network(random, 14, new int[] {2}, 1, Activation.LINEAR, Activation.LINEAR);
        Qbaf qbaf = RandomQbafs.global(mlp);
        double[] point = random.doubles(14, -2, 2).toArray();

        Attributions.Result r = Attributions.compute(qbaf, point, AttributionSettings.all(), 1);

        for (int i = 0; i < 14; i++) {
            String id = qbaf.arguments().get(i).id();
            assertEquals(r.methods().get(Method.REMOVAL).get(id), r.methods().get(Method.SHAPLEY).get(id), 1e-12);
            assertEquals(r.methods().get(Method.GRADIENT).get(id) * point[i], r.methods().get(Method.SHAPLEY).get(id), 1e-12);
            assertEquals(0.0, r.standardErrors().get(id), 1e-12);
        }
    }

    @Test
    void aTargetMayNameAnOutputByIdOrIndexAndAnUnknownOneListsTheOutputs() {
        Mlp mlp = RandomQbafs.network(new Random(1), 2, new int[] {2}, 3, Activation.RELU, Activation.SOFTMAX);
        Qbaf qbaf = RandomQbafs.global(mlp);
        double[] point = {1, -1};

        assertEquals("class2", Attributions.compute(qbaf, point, target(new Target("class2", null)), 1).target());
        assertEquals("class1", Attributions.compute(qbaf, point, target(new Target(null, 1)), 1).target());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Attributions.compute(qbaf, point, target(new Target("nope", null)), 1));
        assertEquals("'nope' is not an output; the outputs are class0, class1, class2 (or \"predicted\")", e.getMessage());
    }

    /** Σ φ over every non-output layer equals s_target with the layer present minus with all of it removed. */
    private static void assertEfficient(Qbaf qbaf, double[] point, Attributions.Result r, double tolerance) {
        int outputLayer = qbaf.activations().size();
        double full = Qbafs.strength(qbaf, point, r.target());
        for (int l = 0; l < outputLayer; l++) {
            int layer = l;
            List<Argument> members = qbaf.arguments().stream().filter(a -> a.layer() == layer).toList();
            Qbaf empty = Qbafs.withoutEdges(qbaf, e -> members.stream().anyMatch(a -> a.id().equals(e.source())));
            double sum = members.stream().mapToDouble(a -> r.methods().get(Method.SHAPLEY).get(a.id())).sum();
            assertEquals(full - Qbafs.strength(empty, point, r.target()), sum, tolerance, "layer " + l);
        }
    }

    private static AttributionSettings settings(Method method) {
        return new AttributionSettings(List.of(method), Target.PREDICTED, AttributionSettings.DEFAULT_SAMPLES);
    }

    private static AttributionSettings target(Target target) {
        return new AttributionSettings(List.of(Method.REMOVAL), target, AttributionSettings.DEFAULT_SAMPLES);
    }
}
