package io.illc.core.attribution;

import io.illc.api.Qbaf;
import io.illc.core.attribution.AttributionSettings.Method;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Argument and relation attributions of one output's strength, at one point (a row of feature
 * values), under the MLP-based semantics. Every non-output argument a is attributed:
 *
 * <ul>
 *   <li><b>gradient</b>: ∂ s_target / ∂ s_a, with s_a a free variable that propagates to the
 *       layers after it (reverse mode; at a kink of relu-like φ the derivative from the left);</li>
 *   <li><b>removal</b>: s_target − s_target without a, where "without a" means the argument and its
 *       edges are removed — the same as its strength set to 0, since every edge out of it then
 *       contributes w · 0 to its targets' sums (for an input: feature value 0);</li>
 *   <li><b>Shapley</b>: the Shapley value of a among the arguments of its own layer, in the game
 *       v(S) = s_target with only the arguments in S of that layer present (the others removed as
 *       above, every other layer as at the point): exact up to {@value #EXACT_SHAPLEY_LIMIT} arguments
 *       (all 2^n coalitions), above that the mean marginal contribution over seeded random
 *       permutations, with its standard error (sample standard deviation / √samples). Both satisfy
 *       efficiency, Σ_a φ_a = v(layer) − v(∅), per layer: a permutation's marginals telescope.</li>
 * </ul>
 * Relations: <b>removal</b> of an edge, s_target − s_target with that edge's weight set to 0.
 * Stateless.
 */
public final class Attributions {
    /** Up to this many arguments in a layer, Shapley values are exact. */
    public static final int EXACT_SHAPLEY_LIMIT = 12;

    /**
     * The attributions of one explanation.
     *
     * @param target          the attributed output's id
     * @param methods         method → argument id → value, for the methods computed (argument order)
     * @param shapleySamples  the permutations sampled per layer when some layer was sampled; {@code null}
     *                        when every layer was exact or Shapley values were not asked for
     * @param standardErrors  argument id → the standard error of its Shapley value (0 when exact);
     *                        empty without Shapley values
     * @param relationRemoval {@code "<source>-><target>"} → removal attribution of that edge; empty
     *                        without removal
     */
    public record Result(String target, Map<Method, Map<String, Double>> methods, Integer shapleySamples,
                         Map<String, Double> standardErrors, Map<String, Double> relationRemoval) {
        public Result {
            Map<Method, Map<String, Double>> copy = new LinkedHashMap<>();
            methods.forEach((m, values) -> copy.put(m, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
            methods = Collections.unmodifiableMap(copy);
            standardErrors = Collections.unmodifiableMap(new LinkedHashMap<>(standardErrors));
            relationRemoval = Collections.unmodifiableMap(new LinkedHashMap<>(relationRemoval));
        }
    }

    private Attributions() {
    }

    /**
     * Attributes the target output's strength at {@code point}.
     *
     * @param qbaf     a layered QBAF (its strengths, if any, are not used)
     * @param point    one value per input argument
     * @param settings methods, target, Shapley samples
     * @param seed     the seed of the Shapley permutations (each layer derives its own)
     * @throws IllegalArgumentException for a target that is not an output, or a point of the wrong length
     */
    public static Result compute(Qbaf qbaf, double[] point, AttributionSettings settings, long seed) {
        LayeredNetwork net = new LayeredNetwork(qbaf);
        if (point.length != net.inputCount()) {
            throw new IllegalArgumentException("the point has " + point.length + " values, the QBAF " + net.inputCount()
                    + " inputs");
        }
        double[] full = net.strengths(point);
        int t = target(net, full, settings.target());
        Map<Method, Map<String, Double>> methods = new LinkedHashMap<>();
        Integer samples = null;
        Map<String, Double> errors = new LinkedHashMap<>();
        Map<String, Double> relations = new LinkedHashMap<>();
        for (Method m : settings.methods()) {
            switch (m) {
                case GRADIENT -> methods.put(m, gradient(net, point, t));
                case REMOVAL -> {
                    methods.put(m, removal(net, full, t));
                    relations.putAll(relationRemoval(net, full, t));
                }
                case SHAPLEY -> {
                    Map<String, Double> values = new LinkedHashMap<>();
                    for (int l = 0; l < net.outputLayer; l++) {
                        boolean sampled = shapley(net, full, t, l, settings.samples(), layerSeed(seed, l), values, errors);
                        samples = sampled ? Integer.valueOf(settings.samples()) : samples;
                    }
                    methods.put(m, values);
                }
            }
        }
        return new Result(net.ids.get(t), methods, samples, errors, relations);
    }

    /** The argument index of the target output at the strengths {@code s}. */
    static int target(LayeredNetwork net, double[] s, AttributionSettings.Target target) {
        List<String> outputs = net.ids.subList(net.firstOutput(), net.size);
        // With one output the predicted "class" may be the other one, but that output is the only one there is.
        int predicted = outputs.size() == 1 ? 0 : net.decision(s);
        return net.firstOutput() + target.resolve(outputs, predicted);
    }

    private static Map<String, Double> gradient(LayeredNetwork net, double[] point, int t) {
        double[] z = new double[net.size];
        double[] s = net.strengths(point, net.weights, net.biases, z);
        double[] adjoint = new double[net.size - net.firstOutput()];
        adjoint[t - net.firstOutput()] = 1;
        double[] ds = net.backward(net.weights, s, z, adjoint)[0];
        Map<String, Double> out = new LinkedHashMap<>();
        for (int a = 0; a < net.firstOutput(); a++) {
            out.put(net.ids.get(a), ds[a]);
        }
        return out;
    }

    private static Map<String, Double> removal(LayeredNetwork net, double[] full, int t) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int a = 0; a < net.firstOutput(); a++) {
            double[] s = full.clone();
            s[a] = 0;
            net.forward(net.weights, net.biases, s, null, net.layer[a] + 1);
            out.put(net.ids.get(a), full[t] - s[t]);
        }
        return out;
    }

    private static Map<String, Double> relationRemoval(LayeredNetwork net, double[] full, int t) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int e = 0; e < net.weights.length; e++) {
            double[] w = net.weights.clone();
            w[e] = 0;
            double[] s = full.clone();
            net.forward(w, net.biases, s, null, net.layer[net.edgeTarget[e]]);
            out.put(net.ids.get(net.edgeSource[e]) + "->" + net.ids.get(net.edgeTarget[e]), full[t] - s[t]);
        }
        return out;
    }

    /**
     * Shapley values of layer {@code l}'s arguments into {@code values} (and their standard errors into
     * {@code errors}); true when they were sampled.
     */
    private static boolean shapley(LayeredNetwork net, double[] full, int t, int l, int samples, long seed,
                                   Map<String, Double> values, Map<String, Double> errors) {
        int lo = net.start[l];
        int n = net.start[l + 1] - lo;
        Game game = new Game(net, full, t, l);
        if (n <= EXACT_SHAPLEY_LIMIT) {
            double[] v = new double[1 << n];
            for (int mask = 0; mask < v.length; mask++) {
                v[mask] = game.value(mask);
            }
            double[] weight = new double[n];
            for (int k = 0; k < n; k++) {
                // |S|! (n − |S| − 1)! / n! for |S| = k
                weight[k] = 1.0 / (n * binomial(n - 1, k));
            }
            for (int i = 0; i < n; i++) {
                double phi = 0;
                for (int mask = 0; mask < v.length; mask++) {
                    if ((mask & (1 << i)) == 0) {
                        phi += weight[Integer.bitCount(mask)] * (v[mask | (1 << i)] - v[mask]);
                    }
                }
                values.put(net.ids.get(lo + i), phi);
                errors.put(net.ids.get(lo + i), 0.0);
            }
            return false;
        }
        SplittableRandom random = new SplittableRandom(seed);
        // Welford's running mean and sum of squared deviations: no cancellation when the marginals barely vary.
        double[] mean = new double[n];
        double[] squares = new double[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        boolean[] present = new boolean[n];
        for (int p = 0; p < samples; p++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            java.util.Arrays.fill(present, false);
            double before = game.value(present);
            for (int i : order) {
                present[i] = true;
                double after = game.value(present);
                double marginal = after - before;
                double delta = marginal - mean[i];
                mean[i] += delta / (p + 1);
                squares[i] += delta * (marginal - mean[i]);
                before = after;
            }
        }
        for (int i = 0; i < n; i++) {
            double variance = squares[i] / (samples - 1);
            values.put(net.ids.get(lo + i), mean[i]);
            errors.put(net.ids.get(lo + i), Math.sqrt(variance / samples));
        }
        return true;
    }

    /** C(n, k) as a double (n ≤ {@value #EXACT_SHAPLEY_LIMIT}, so exact). */
    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }

    /** The seed of layer {@code l}'s permutations: the explanation's seed mixed with the layer (SplitMix64). */
    static long layerSeed(long seed, int l) {
        long z = seed + 0x9E3779B97F4A7C15L * (l + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The coalition game of one layer: v(S) = the target's strength with only S of the layer present. */
    private static final class Game {
        private final LayeredNetwork net;
        private final double[] full;
        private final int target;
        private final int layer;
        private final int lo;
        private final double[] s;

        Game(LayeredNetwork net, double[] full, int target, int layer) {
            this.net = net;
            this.full = full;
            this.target = target;
            this.layer = layer;
            this.lo = net.start[layer];
            this.s = full.clone();
        }

        double value(int mask) {
            for (int i = lo; i < net.start[layer + 1]; i++) {
                s[i] = (mask & (1 << (i - lo))) != 0 ? full[i] : 0;
            }
            net.forward(net.weights, net.biases, s, null, layer + 1);
            return s[target];
        }

        double value(boolean[] present) {
            for (int i = lo; i < net.start[layer + 1]; i++) {
                s[i] = present[i - lo] ? full[i] : 0;
            }
            net.forward(net.weights, net.biases, s, null, layer + 1);
            return s[target];
        }
    }
}
