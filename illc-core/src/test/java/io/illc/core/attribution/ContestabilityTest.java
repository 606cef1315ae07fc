package io.illc.core.attribution;

import io.illc.api.Activation;
import io.illc.api.Argument;
import io.illc.api.Edge;
import io.illc.api.Mlp;
import io.illc.api.Qbaf;
import io.illc.core.attribution.ContestSettings.Scope;
import io.illc.core.attribution.ContestSettings.What;
import io.illc.core.qbaf.QbafEvaluator;
import io.illc.core.qbaf.QbafEvaluatorTest;
import io.illc.core.qbaf.RandomQbafs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContestabilityTest {
    private static final ContestSettings OUTPUT_BIAS = new ContestSettings(Scope.OUTPUT, 0, What.BIAS);

    /** x → p (weight 1), y → q (weight 0.5), softmax, no hidden layer; at (2, 1) z = (2, 0.5): p wins by 1.5. */
    private static Qbaf twoClasses() {
        return new Qbaf(List.of(QbafEvaluatorTest.input("x"), QbafEvaluatorTest.input("y"), QbafEvaluatorTest.output("p", 1, 0, Activation.SOFTMAX),
                QbafEvaluatorTest.output("q", 1, 0, Activation.SOFTMAX)),
                List.of(new Edge("x", "p", 1), new Edge("y", "q", 0.5)), List.of(Activation.SOFTMAX), null);
    }

    @Test
    void handComputedMinimumNormWeightChangeOfTheOutputLayer() {
        Contestability.Result r = Contestability.compute(twoClasses(), new double[] {2, 1}, ContestSettings.DEFAULT);

        // Raise z_q − z_p by the gap 1.5 along (−s_x on x→p, +s_y on y→q) = (−2, 1): α = 1.5 / (4 + 1) = 0.3,
        // so x→p goes to 1 − 0.6 = 0.4, y→q to 0.5 + 0.3 = 0.8, norm 1.5 / √5 (plus the margin, then bisected away).
        assertTrue(r.found());
        assertTrue(r.exact());
        assertEquals("p", r.predicted());
        assertEquals("q", r.newDecision());
        assertEquals(0.4, r.weights().get("x->p")[1], 1e-6);
        assertEquals(0.8, r.weights().get("y->q")[1], 1e-6);
        assertEquals(1.5 / Math.sqrt(5), r.norm(), 1e-6);
        assertEquals(0.5, r.strengths().get("q"), 1e-6);
    }

    @Test
    void handComputedMinimumNormBiasChangeOfTheOutputLayer() {
        Contestability.Result r = Contestability.compute(twoClasses(), new double[] {2, 1}, OUTPUT_BIAS);

        // Δb_q = −Δb_p = 1.5 / 2, norm 1.5 / √2.
        assertEquals(-0.75, r.biases().get("p")[1], 1e-6);
        assertEquals(0.75, r.biases().get("q")[1], 1e-6);
        assertEquals(1.5 / Math.sqrt(2), r.norm(), 1e-6);
        assertTrue(r.weights().isEmpty());
    }

    @Test
    void theOutputLayerChangeFlipsTheClassIsTheClosedFormMinimumAndNoSmallerChangeAlongItFlips() {
        Random random = new Random(21);
        for (int trial = 0; trial < 20; trial++) {
            boolean softmax = trial % 2 == 0;
            Mlp mlp = RandomQbafs.network(random, 3, new int[] {4}, softmax ? 3 : 1, Activation.RELU,
                    softmax ? Activation.SOFTMAX : Activation.SIGMOID);
            Qbaf qbaf = RandomQbafs.global(mlp);
            double[] point = random.doubles(3, -2, 2).toArray();
            for (ContestSettings settings : List.of(ContestSettings.DEFAULT, OUTPUT_BIAS)) {
                Contestability.Result r = Contestability.compute(qbaf, point, settings);
                if (!r.found()) {
                    continue;
                }
                assertTrue(r.exact());
                assertChangesTheDecision(qbaf, point, r);
                for (int j = 0; j < 1000; j++) {
                    double f = j / 1000.0 * r.bracket()[0] / r.bracket()[1];
                    assertEquals(r.predicted(), decision(changed(qbaf, r, f), point), "scale " + f);
                }
                assertEquals(closedFormNorm(qbaf, point, settings.what() == What.WEIGHTS), r.norm(), 2e-6);
            }
        }
    }

    @Test
    void aLinearisedSearchInAHiddenLayerFlipsTheClassAndNoScannedSmallerChangeAlongItDoes() {
        Random random = new Random(4);
        int found = 0;
        for (int trial = 0; trial < 20; trial++) {
            Mlp mlp = RandomQbafs.network(random, 3, new int[] {4, 3}, 3, Activation.TANH, Activation.SOFTMAX);
            Qbaf qbaf = RandomQbafs.global(mlp);
            double[] point = random.doubles(3, -2, 2).toArray();
            for (ContestSettings settings : List.of(new ContestSettings(Scope.LAYER, 1, What.WEIGHTS),
                    new ContestSettings(Scope.ALL, 0, What.BIAS))) {
                Contestability.Result r = Contestability.compute(qbaf, point, settings);
                if (!r.found()) {
                    continue;
                }
                found++;
                assertFalse(r.exact());
                assertChangesTheDecision(qbaf, point, r);
                double hi = r.bracket()[1];
                double top = r.bracket()[2];
                assertTrue(hi <= top && top <= 1);
                for (int j = 1; j < Contestability.SCAN && top * j / Contestability.SCAN < hi; j++) {
                    assertEquals(r.predicted(), decision(changed(qbaf, r, top * j / Contestability.SCAN / hi), point));
                }
                assertEquals(r.predicted(), decision(changed(qbaf, r, r.bracket()[0] / hi * (1 - 1e-9)), point));
            }
        }
        assertTrue(found >= 20, "the search found " + found + " of 40");
    }

    @Test
    void aChangeInTheSecondHiddenLayerLeavesTheFirstLayersStrengthsAlone() {
        Mlp mlp = RandomQbafs.network(new Random(8), 3, new int[] {4, 3}, 2, Activation.TANH, Activation.SOFTMAX);
        Qbaf qbaf = RandomQbafs.global(mlp);
        double[] point = {1, -1, 0.5};

        Contestability.Result r = Contestability.compute(qbaf, point, new ContestSettings(Scope.LAYER, 2, What.BIAS));

        double[] before = new QbafEvaluator(qbaf).strengths(point);
        assertTrue(r.found());
        for (int i = 0; i < 7; i++) {
            assertEquals(before[i], r.strengths().get(qbaf.arguments().get(i).id()));
        }
        assertTrue(r.biases().keySet().stream().allMatch(id -> id.startsWith("C2.")));
    }

    /** The QBAF with the proposed change applied evaluates, independently, to the reported strengths and a new decision. */
    private static void assertChangesTheDecision(Qbaf qbaf, double[] point, Contestability.Result r) {
        Qbaf after = changed(qbaf, r, 1);
        double[] s = new QbafEvaluator(after).strengths(point);
        for (int i = 0; i < s.length; i++) {
            assertEquals(r.strengths().get(after.arguments().get(i).id()), s[i], 1e-12);
        }
        assertEquals(r.newDecision(), decision(after, point));
        assertNotEquals(r.predicted(), r.newDecision());
    }

    /** {@code qbaf} with the proposed change scaled by {@code f}. */
    private static Qbaf changed(Qbaf qbaf, Contestability.Result r, double f) {
        List<Edge> edges = new ArrayList<>();
        for (Edge e : qbaf.edges()) {
            double[] change = r.weights().get(e.source() + "->" + e.target());
            edges.add(change == null ? e : new Edge(e.source(), e.target(), change[0] + f * (change[1] - change[0])));
        }
        List<Argument> arguments = new ArrayList<>();
        for (Argument a : qbaf.arguments()) {
            double[] change = r.biases().get(a.id());
            if (change == null) {
                arguments.add(a);
                continue;
            }
            double bias = change[0] + f * (change[1] - change[0]);
            Activation phi = qbaf.activation(a.layer());
            arguments.add(new Argument(a.id(), a.layer(), a.kind(), a.label(), a.members(), bias,
                    phi.isElementWise() ? phi.apply(bias) : null, null));
        }
        return new Qbaf(arguments, edges, qbaf.activations(), null);
    }

    private static String decision(Qbaf qbaf, double[] point) {
        double[] s = new QbafEvaluator(qbaf).strengths(point);
        List<Argument> outputs = qbaf.arguments().stream().filter(a -> a.kind() == Argument.Kind.OUTPUT).toList();
        int first = s.length - outputs.size();
        if (outputs.size() == 1) {
            return s[first] >= 0.5 ? outputs.get(0).id() : "not " + outputs.get(0).id();
        }
        int best = first;
        for (int i = first + 1; i < s.length; i++) {
            best = s[i] > s[best] ? i : best;
        }
        return qbaf.arguments().get(best).id();
    }

    /** min over rival classes k of gap / √(Σ s² of the sources into c and k) (biases: gap / √2), from scratch. */
    private static double closedFormNorm(Qbaf qbaf, double[] point, boolean weights) {
        double[] s = new QbafEvaluator(qbaf).strengths(point);
        List<Argument> args = qbaf.arguments();
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            index.put(args.get(i).id(), i);
        }
        List<Integer> outputs = new ArrayList<>();
        double[] z = new double[args.size()];
        double[] squares = new double[args.size()];
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).kind() == Argument.Kind.OUTPUT) {
                outputs.add(i);
                z[i] = args.get(i).bias();
                squares[i] = weights ? 0 : 1;
            }
        }
        for (Edge e : qbaf.edges()) {
            int t = index.get(e.target());
            if (args.get(t).kind() == Argument.Kind.OUTPUT) {
                double source = s[index.get(e.source())];
                z[t] += e.weight() * source;
                squares[t] += weights ? source * source : 0;
            }
        }
        if (outputs.size() == 1) {
            return Math.abs(z[outputs.get(0)]) / Math.sqrt(squares[outputs.get(0)]);
        }
        int c = outputs.get(0);
        for (int o : outputs) {
            c = s[o] > s[c] ? o : c;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int k : outputs) {
            if (k != c) {
                best = Math.min(best, (z[c] - z[k]) / Math.sqrt(squares[c] + squares[k]));
            }
        }
        return best;
    }
}
