package io.illc.core.attribution;

import io.illc.api.Activation;
import io.illc.api.Qbaf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The smallest change of a QBAF's edge weights or biases, in L2 norm over the changed parameters,
 * that changes its decision at a point (the predicted class, see {@link LayeredNetwork#decision}).
 * Only existing edges change (a weight of 0 is no relation of the QBAF and stays 0).
 *
 * <p>The search has two steps.
 * <ol>
 *   <li>A direction d in parameter space. For the output layer (scope {@code output}, or layer d+1)
 *       with a softmax or strictly increasing output φ (and, with one output, sigmoid), the decision
 *       is an order of pre-activations z that are linear in the changed parameters: flipping class c
 *       to k needs (z_k − z_c) to rise by the gap g = z_c − z_k, and the minimum-norm change is along
 *       (+s on the edges into k, −s on the edges into c) — for biases (+½, −½) — with norm
 *       g / √(Σ s² over those edges) (g / √2 for biases); the best k is taken. This is the exact
 *       optimum. Elsewhere d is found by linearised steps (as DeepFool): at the current parameters θ,
 *       with margin m = z_c − max_{k≠c} z_k on the output pre-activations when the decision is their
 *       order (else on the strengths, s_c − max s_k; one output: the distance from the threshold),
 *       step by −1.02 (m + {@value #MARGIN}) ∇m / |∇m|² until the decision changes (at most
 *       {@value #MAX_STEPS} steps); d = θ − θ₀. A local answer: another direction may flip with a
 *       smaller change.</li>
 *   <li>The smallest scale along d: the range [0, top] is halved while the decision still changes
 *       at top/2 (top from 1 down to 2⁻⁶⁰); the decision is evaluated at {@value #SCAN} evenly spaced
 *       scales of it; between the last one that keeps the decision and the first that changes it,
 *       60 bisections. The reported change is the changing end of that bracket; at every scanned
 *       scale below it and at the bracket's other end the decision stays.</li>
 * </ol>
 * Both steps add {@value #MARGIN} to the gap so that the scale-1 point of d changes the decision
 * despite rounding; the bisection then removes it. Stateless.
 */
public final class Contestability {
    /** Added to the pre-activation gap (or to the margin in a linearised step) so that d surely flips. */
    public static final double MARGIN = 1e-6;
    /** The most linearised steps of the search outside the output layer. */
    public static final int MAX_STEPS = 100;
    /** Scales scanned along the direction before bisecting. */
    public static final int SCAN = 256;
    private static final int BISECTIONS = 60;
    /** The halving of the scanned range stops here (a change of 2⁻⁶⁰ of the direction). */
    private static final double MIN_TOP = 0x1p-60;

    /**
     * The proposed change.
     *
     * @param predicted   the decision at the point: an output id; with one output and the other class, the
     *                    data's first class when it has two, else {@code not <id>}
     * @param found       whether a changing decision was found; if not, only {@code predicted} and {@code note} mean anything
     * @param newDecision the decision after the change
     * @param exact       true for the closed form of the output layer, false for the linearised search
     * @param norm        the L2 norm of the change over the changed parameters
     * @param weights     the changed edges: {@code "<source>-><target>"} → {old, new}, in edge order
     * @param biases      the changed biases: argument id → {old, new}, in argument order
     * @param strengths   every argument's strength after the change, in argument order
     * @param steps       linearised steps taken (0 for the closed form)
     * @param bracket     the scales along d that keep ([0]) and change ([1]) the decision, and [2] the top of the
     *                    scanned range (see the class comment)
     * @param note        why nothing was found, or {@code null}
     */
    public record Result(String predicted, boolean found, String newDecision, boolean exact, double norm,
                         Map<String, double[]> weights, Map<String, double[]> biases, Map<String, Double> strengths,
                         int steps, double[] bracket, String note) {
    }

    private Contestability() {
    }

    /**
     * Searches the smallest change of the parameters {@code settings} allows that changes the decision at {@code point}.
     *
     * @throws IllegalArgumentException for a layer outside 1..d+1 or a point of the wrong length
     */
    public static Result compute(Qbaf qbaf, double[] point, ContestSettings settings) {
        return compute(qbaf, point, settings, List.of());
    }

    /**
     * As {@link #compute(Qbaf, double[], ContestSettings)}, naming the other class of a one-output QBAF
     * as a run does.
     *
     * @param dataClasses the data's class names in class order; empty when not known
     */
    public static Result compute(Qbaf qbaf, double[] point, ContestSettings settings, List<String> dataClasses) {
        LayeredNetwork net = new LayeredNetwork(qbaf);
        if (point.length != net.inputCount()) {
            throw new IllegalArgumentException("the point has " + point.length + " values, the QBAF " + net.inputCount()
                    + " inputs");
        }
        int from = settings.scope() == ContestSettings.Scope.ALL ? 1
                : settings.scope() == ContestSettings.Scope.OUTPUT ? net.outputLayer : settings.layer();
        int to = settings.scope() == ContestSettings.Scope.ALL ? net.outputLayer : from;
        if (to > net.outputLayer) {
            throw new IllegalArgumentException("layer " + to + " is not one of the QBAF's layers 1.." + net.outputLayer
                    + " (" + net.outputLayer + " = the outputs)");
        }
        boolean weights = settings.what() == ContestSettings.What.WEIGHTS;
        int[] parameters = parameters(net, from, to, weights);
        Search search = new Search(net, point, weights, parameters);
        String predicted = net.decisionName(search.decision0, dataClasses);
        if (parameters.length == 0) {
            return notFound(predicted, "there are no " + (weights ? "edges into" : "biases in") + " the chosen layers");
        }
        boolean ordered = closedForm(net);
        boolean exact = from == net.outputLayer && ordered;
        double[] d = exact ? search.closedForm() : search.linearised(ordered);
        if (d == null || !search.flips(d, 1)) {
            return notFound(predicted, search.note != null ? search.note : "no change along the searched direction changes"
                    + " the decision");
        }
        double[] bracket = search.smallestScale(d);
        double[] theta = search.at(d, bracket[1]);
        double[] s = search.strengths(theta);
        double norm = 0;
        for (int i = 0; i < parameters.length; i++) {
            double change = theta[i] - search.theta0[i];
            norm += change * change;
        }
        Map<String, double[]> weightChanges = new LinkedHashMap<>();
        Map<String, double[]> biasChanges = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i++) {
            if (theta[i] == search.theta0[i]) {
                continue;
            }
            int p = parameters[i];
            if (weights) {
                weightChanges.put(net.ids.get(net.edgeSource[p]) + "->" + net.ids.get(net.edgeTarget[p]),
                        new double[] {search.theta0[i], theta[i]});
            } else {
                biasChanges.put(net.ids.get(p), new double[] {search.theta0[i], theta[i]});
            }
        }
        Map<String, Double> strengths = new LinkedHashMap<>();
        for (int a = 0; a < net.size; a++) {
            strengths.put(net.ids.get(a), s[a]);
        }
        return new Result(predicted, true, net.decisionName(net.decision(s), dataClasses), exact, Math.sqrt(norm), weightChanges,
                biasChanges, strengths, search.steps, bracket, null);
    }

    private static Result notFound(String predicted, String note) {
        return new Result(predicted, false, null, false, Double.NaN, Map.of(), Map.of(), Map.of(), 0, new double[0], note);
    }

    /** The edges into (weights) or the arguments of (biases) layers {@code from..to}, in QBAF order. */
    private static int[] parameters(LayeredNetwork net, int from, int to, boolean weights) {
        List<Integer> out = new ArrayList<>();
        if (weights) {
            for (int e = 0; e < net.edgeTarget.length; e++) {
                int l = net.layer[net.edgeTarget[e]];
                if (l >= from && l <= to) {
                    out.add(e);
                }
            }
        } else {
            for (int a = net.start[from]; a < net.start[to + 1]; a++) {
                out.add(a);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Whether the decision is an order of the output pre-activations (see the class comment). */
    private static boolean closedForm(LayeredNetwork net) {
        Activation phi = net.phi[net.outputLayer];
        int outputs = net.size - net.firstOutput();
        if (outputs == 1) {
            return phi.kind() == Activation.Kind.SIGMOID;
        }
        return switch (phi.kind()) {
            case SOFTMAX, SIGMOID, TANH, LINEAR, ELU, SOFTPLUS -> true;
            case LEAKY_RELU -> phi.parameter() > 0;
            default -> false;
        };
    }

    /** The search at one point: θ₀, the decision there, and evaluations at θ₀ + t·d. */
    private static final class Search {
        final LayeredNetwork net;
        final double[] point;
        final boolean weights;
        final int[] parameters;
        final double[] theta0;
        final int decision0;
        int steps;
        String note;

        Search(LayeredNetwork net, double[] point, boolean weights, int[] parameters) {
            this.net = net;
            this.point = point;
            this.weights = weights;
            this.parameters = parameters;
            this.theta0 = new double[parameters.length];
            for (int i = 0; i < parameters.length; i++) {
                theta0[i] = weights ? net.weights[parameters[i]] : net.biases[parameters[i]];
            }
            this.decision0 = net.decision(net.strengths(point));
        }

        double[] at(double[] d, double t) {
            double[] theta = new double[theta0.length];
            for (int i = 0; i < theta.length; i++) {
                theta[i] = theta0[i] + t * d[i];
            }
            return theta;
        }

        double[] strengths(double[] theta) {
            return strengths(theta, null);
        }

        double[] strengths(double[] theta, double[] z) {
            double[] w = net.weights.clone();
            double[] b = net.biases.clone();
            for (int i = 0; i < parameters.length; i++) {
                (weights ? w : b)[parameters[i]] = theta[i];
            }
            return net.strengths(point, w, b, z);
        }

        boolean flips(double[] d, double t) {
            return net.decision(strengths(at(d, t))) != decision0;
        }

        /** The exact minimum-norm direction for the output layer, reaching the boundary plus {@link #MARGIN}. */
        double[] closedForm() {
            double[] z = new double[net.size];
            double[] s = strengths(theta0, z);
            int first = net.firstOutput();
            int outputs = net.size - first;
            if (outputs == 1) {
                // σ(z) ≥ 0.5 ⇔ z ≥ 0: move z to −MARGIN, or to +MARGIN from below.
                double change = decision0 == 0 ? -(z[first] + MARGIN) : MARGIN - z[first];
                return along(s, first, -1, change);
            }
            int c = first + decision0;
            double best = Double.POSITIVE_INFINITY;
            double[] bestDirection = null;
            for (int k = first; k < net.size; k++) {
                if (k == c) {
                    continue;
                }
                double[] d = along(s, k, c, z[c] - z[k] + MARGIN);
                if (d != null) {
                    double norm = Math.sqrt(Arrays.stream(d).map(v -> v * v).sum());
                    if (norm < best) {
                        best = norm;
                        bestDirection = d;
                    }
                }
            }
            if (bestDirection == null) {
                note = "every source of the outputs has strength 0 here, so no change of these weights moves them";
            }
            return bestDirection;
        }

        /**
         * The minimum-norm change raising z_up − z_down (z_up alone when {@code down} is −1) by {@code gap}:
         * along +s on the parameters of {@code up}, −s on those of {@code down}; null when they do not move it.
         */
        private double[] along(double[] s, int up, int down, double gap) {
            double[] slope = new double[parameters.length];
            double squares = 0;
            for (int i = 0; i < parameters.length; i++) {
                int p = parameters[i];
                int owner = weights ? net.edgeTarget[p] : p;
                double sign = owner == up ? 1 : owner == down ? -1 : 0;
                slope[i] = sign * (weights ? s[net.edgeSource[p]] : 1);
                squares += slope[i] * slope[i];
            }
            if (squares == 0) {
                note = "the chosen parameters do not move the outputs here";
                return null;
            }
            for (int i = 0; i < slope.length; i++) {
                slope[i] *= gap / squares;
            }
            return slope;
        }

        /**
         * Linearised steps on the margin until the decision changes; the total change, or null.
         *
         * @param closedForm whether the decision is an order of the output pre-activations
         */
        double[] linearised(boolean closedForm) {
            double[] theta = theta0.clone();
            int first = net.firstOutput();
            int outputs = net.size - first;
            for (steps = 0; steps < MAX_STEPS; steps++) {
                double[] z = new double[net.size];
                double[] s = strengths(theta, z);
                if (net.decision(s) != decision0) {
                    double[] d = new double[theta.length];
                    for (int i = 0; i < d.length; i++) {
                        d[i] = theta[i] - theta0[i];
                    }
                    return d;
                }
                // Where the decision is an order of the output pre-activations, the margin is taken on
                // them: probabilities saturate, and their tiny gradients would make huge steps.
                boolean onZ = closedForm;
                double[] v = onZ ? z : s;
                double[] adjoint = new double[outputs];
                double margin;
                if (outputs == 1) {
                    adjoint[0] = decision0 == 0 ? 1 : -1;
                    margin = adjoint[0] * (v[first] - (onZ ? 0 : 0.5));
                } else {
                    int c = first + decision0;
                    int rival = -1;
                    for (int k = first; k < net.size; k++) {
                        if (k != c && (rival < 0 || v[k] > v[rival])) {
                            rival = k;
                        }
                    }
                    adjoint[c - first] = 1;
                    adjoint[rival - first] = -1;
                    margin = v[c] - v[rival];
                }
                double[] w = net.weights.clone();
                for (int i = 0; weights && i < parameters.length; i++) {
                    w[parameters[i]] = theta[i];
                }
                double[] dz = net.backward(w, s, z, adjoint, onZ)[1];
                double[] gradient = new double[theta.length];
                double squares = 0;
                for (int i = 0; i < theta.length; i++) {
                    int p = parameters[i];
                    gradient[i] = weights ? dz[net.edgeTarget[p]] * s[net.edgeSource[p]] : dz[p];
                    squares += gradient[i] * gradient[i];
                }
                if (squares == 0) {
                    note = "the decision does not depend on the chosen parameters here (their gradient is 0)";
                    return null;
                }
                double step = -1.02 * (margin + MARGIN) / squares;
                for (int i = 0; i < theta.length; i++) {
                    theta[i] += step * gradient[i];
                }
            }
            note = "no change of the decision after " + MAX_STEPS + " linearised steps";
            return null;
        }

        /**
         * {lo, hi, top}: the decision changes at hi·d and stays at lo·d and at the {@link #SCAN} evenly
         * spaced scales of [0, top] below hi, top being the smallest of 1, ½, ¼, … at which it changes.
         */
        double[] smallestScale(double[] d) {
            double top = 1;
            while (top > MIN_TOP && flips(d, top / 2)) {
                top /= 2;
            }
            double lo = 0;
            double hi = top;
            for (int j = 1; j <= SCAN; j++) {
                double t = top * j / SCAN;
                if (flips(d, t)) {
                    hi = t;
                    break;
                }
                lo = t;
            }
            for (int i = 0; i < BISECTIONS; i++) {
                double mid = 0.5 * (lo + hi);
                if (mid <= lo || mid >= hi) {
                    break;
                }
                if (flips(d, mid)) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            return new double[] {lo, hi, top};
        }
    }
}
