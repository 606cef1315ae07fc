package io.illc.core.qbaf;

import io.illc.api.Activation;
import io.illc.api.Argument;
import io.illc.api.Edge;
import io.illc.api.Qbaf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The MLP-based gradual semantics of a QBAF (Potyka 2021): an input argument's strength is its
 * feature value; every other argument's strength is {@code φ(bias + Σ weight × strength(source))}
 * over its incoming edges, with softmax across the output arguments when the output activation is
 * softmax. On a QBAF built from a compressed network this reproduces the network's forward pass.
 *
 * <p>Strengths are computed from the QBAF alone — the biases on its arguments, the weights on its
 * edges and the layer activations it carries ({@link Qbaf#activations()}) — never from the network
 * it was built from. Each layer's activation is checked against the base scores of its arguments,
 * which must equal {@code φ(bias)}, so a QBAF that contradicts itself is refused.
 *
 * <p>The constructor checks the QBAF's layered shape once and indexes it; {@link #strengths} can
 * then be called for many rows. Immutable and thread-safe.
 */
public final class QbafEvaluator {
    private final int inputCount;
    private final int outputLayer;
    /** Per argument, in argument order: its layer. */
    private final int[] layers;
    /** Per argument: its bias (0 for inputs, which have none). */
    private final double[] biases;
    /** Per argument: the argument indices of its sources, ascending. */
    private final int[][] sources;
    /** Per argument: the weights matching {@link #sources}. */
    private final double[][] weights;
    /** φ of layers 1..d+1, indexed by layer (index 0 unused). */
    private final Activation[] activations;

    /**
     * Indexes {@code qbaf} for evaluation.
     *
     * @param qbaf arguments layer by layer (inputs at layer 0, outputs at the last layer d+1 =
     *             {@code qbaf.activations().size()}, cluster-neurons in between); every edge joins
     *             layer l-1 to l
     * @throws IllegalArgumentException when the QBAF is not layered like an MLP or a base score is
     *                                  not φ(bias) under its layer's activation
     */
    public QbafEvaluator(Qbaf qbaf) {
        Objects.requireNonNull(qbaf, "qbaf");
        List<Argument> arguments = qbaf.arguments();
        int n = arguments.size();
        if (n == 0) {
            throw new IllegalArgumentException("the QBAF has no arguments");
        }
        // Qbaf guarantees the highest argument layer is activations().size(), and checkPlacement
        // below that layers never decrease, so the last argument is an output.
        this.outputLayer = qbaf.activations().size();
        this.activations = new Activation[outputLayer + 1];
        for (int l = 1; l <= outputLayer; l++) {
            activations[l] = qbaf.activation(l);
        }

        this.layers = new int[n];
        this.biases = new double[n];
        Map<String, Integer> indexById = new HashMap<>();
        int inputs = 0;
        for (int i = 0; i < n; i++) {
            Argument a = arguments.get(i);
            checkPlacement(a, i == 0 ? -1 : layers[i - 1], outputLayer);
            if (indexById.put(a.id(), i) != null) {
                throw new IllegalArgumentException("argument id '" + a.id() + "' occurs twice");
            }
            layers[i] = a.layer();
            if (a.layer() == 0) {
                inputs++;
            } else {
                biases[i] = checkBias(a, activations[a.layer()]);
            }
        }
        this.inputCount = inputs;

        List<List<Edge>> incoming = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            incoming.add(new ArrayList<>());
        }
        // Loops over a QBAF's edges (200 000 for 20 layers of 100 clusters) run in methods called
        // once per target: the JIT compiles them after a few targets, where one long loop would run
        // in the interpreter until an on-stack replacement.
        List<Edge> edges = qbaf.edges();
        for (int from = 0; from < edges.size(); ) {
            from = addRun(edges, from, indexById, incoming);
        }
        this.sources = new int[n][];
        this.weights = new double[n][];
        for (int t = 0; t < n; t++) {
            index(t, incoming.get(t), indexById);
        }
    }

    /**
     * Adds the edges from {@code from} on that share its target (a built QBAF lists each target's
     * edges together) to that target's incoming edges, checking that every edge joins known
     * arguments of adjacent layers.
     *
     * @return the index of the first edge after the run
     */
    private int addRun(List<Edge> edges, int from, Map<String, Integer> indexById, List<List<Edge>> incoming) {
        String targetId = edges.get(from).target();
        Integer target = indexById.get(targetId);
        int end = from;
        for (; end < edges.size() && edges.get(end).target().equals(targetId); end++) {
            Edge e = edges.get(end);
            Integer source = indexById.get(e.source());
            if (source == null || target == null) {
                throw new IllegalArgumentException("edge " + e.source() + " -> " + e.target() + " names an unknown argument '"
                        + (source == null ? e.source() : e.target()) + "'");
            }
            if (layers[source] != layers[target] - 1) {
                throw new IllegalArgumentException("edge " + e.source() + " -> " + e.target() + " joins layer "
                        + layers[source] + " to layer " + layers[target] + "; edges must join adjacent layers l-1 -> l");
            }
            incoming.get(target).add(e);
        }
        return end;
    }

    /** Fills target {@code t}'s row of {@link #sources} and {@link #weights} from its incoming edges. */
    private void index(int t, List<Edge> in, Map<String, Integer> indexById) {
        // Sum in source order, as a dense forward pass does, so results match it to the last bit
        // up to the skipped zero weights (which add exactly 0).
        int[] from = new int[in.size()];
        boolean ascending = true;
        for (int k = 0; k < from.length; k++) {
            from[k] = indexById.get(in.get(k).source());
            ascending &= k == 0 || from[k] >= from[k - 1];
        }
        // A built QBAF lists each target's edges in source order already: no sort, one lookup per edge.
        if (!ascending) {
            in.sort(Comparator.comparingInt(e -> indexById.get(e.source())));
            for (int k = 0; k < from.length; k++) {
                from[k] = indexById.get(in.get(k).source());
            }
        }
        sources[t] = from;
        weights[t] = new double[in.size()];
        for (int k = 0; k < in.size(); k++) {
            weights[t][k] = in.get(k).weight();
            if (k > 0 && sources[t][k] == sources[t][k - 1]) {
                throw new IllegalArgumentException("two edges " + in.get(k).source() + " -> " + in.get(k).target());
            }
        }
    }

    private static void checkPlacement(Argument a, int previousLayer, int outputLayer) {
        if (a.layer() < previousLayer || a.layer() > previousLayer + 1) {
            throw new IllegalArgumentException("argument '" + a.id() + "' of layer " + a.layer()
                    + (previousLayer < 0 ? " comes first" : " follows an argument of layer " + previousLayer)
                    + "; arguments must be listed layer by layer from layer 0, with no layer left empty");
        }
        Argument.Kind expected = a.layer() == 0 ? Argument.Kind.INPUT
                : a.layer() == outputLayer ? Argument.Kind.OUTPUT : Argument.Kind.CLUSTER;
        if (a.kind() != expected) {
            throw new IllegalArgumentException("argument '" + a.id() + "' of layer " + a.layer() + " is of kind "
                    + a.kind().jsonName() + " but layer " + a.layer() + " holds " + expected.jsonName() + " arguments");
        }
    }

    private static double checkBias(Argument a, Activation activation) {
        if (a.bias() == null) {
            throw new IllegalArgumentException("argument '" + a.id() + "' of layer " + a.layer() + " has no bias");
        }
        double bias = a.bias();
        if (activation.isElementWise()) {
            // The base score restates φ(bias): a mismatch means the QBAF's activations and base
            // scores contradict each other, and its strengths could not be trusted.
            double expected = activation.apply(bias);
            if (a.baseScore() == null || Double.compare(a.baseScore(), expected) != 0) {
                throw new IllegalArgumentException("argument '" + a.id() + "' has bias " + bias + " and base score "
                        + a.baseScore() + ", but " + activation.jsonName() + "(" + bias + ") = " + expected
                        + "; is " + activation.jsonName() + " the activation of layer " + a.layer() + "?");
            }
        } else if (a.baseScore() != null) {
            throw new IllegalArgumentException("output argument '" + a.id() + "' has base score " + a.baseScore()
                    + " but a softmax output has none");
        }
        return bias;
    }

    // The index itself, for the feature summaries of this package, which walk the same edges:
    // shared, not copied, and not to be changed.

    /** Per argument, in argument order: its layer. */
    int[] layers() {
        return layers;
    }

    /** Per argument: its bias (0 for inputs). */
    double[] biases() {
        return biases;
    }

    /** Per argument: the argument indices of its sources, ascending. */
    int[][] sources() {
        return sources;
    }

    /** Per argument: the weights matching {@link #sources()}. */
    double[][] weights() {
        return weights;
    }

    /** φ of layers 1..d+1, indexed by layer (index 0 unused). */
    Activation[] activations() {
        return activations;
    }

    /** The number of input arguments, i.e. the length {@link #strengths} expects. */
    public int inputCount() {
        return inputCount;
    }

    /**
     * The strength of every argument at one row.
     *
     * @param featureValues one value per input argument, in argument order
     * @return one strength per argument, in argument order (inputs first, outputs last)
     */
    public double[] strengths(double[] featureValues) {
        if (featureValues.length != inputCount) {
            throw new IllegalArgumentException("row has " + featureValues.length + " values, the QBAF has "
                    + inputCount + " input arguments");
        }
        int n = layers.length;
        double[] s = new double[n];
        System.arraycopy(featureValues, 0, s, 0, inputCount);
        int start = inputCount;
        while (start < n) {
            int layer = layers[start];
            int end = start;
            while (end < n && layers[end] == layer) {
                end++;
            }
            double[] z = new double[end - start];
            for (int t = start; t < end; t++) {
                double sum = biases[t];
                for (int k = 0; k < sources[t].length; k++) {
                    sum += weights[t][k] * s[sources[t][k]];
                }
                z[t - start] = sum;
            }
            activations[layer].applyToRow(z);
            System.arraycopy(z, 0, s, start, z.length);
            start = end;
        }
        return s;
    }
}
