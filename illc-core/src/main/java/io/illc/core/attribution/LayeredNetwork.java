package io.illc.core.attribution;

import io.illc.api.Activation;
import io.illc.api.Argument;
import io.illc.api.Edge;
import io.illc.api.Qbaf;
import io.illc.core.qbaf.QbafEvaluator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A QBAF indexed for the MLP-based semantics with its weights and biases as explicit inputs, so
 * that strengths can be recomputed with an argument's strength overridden, an edge removed or the
 * weights changed, and differentiated backwards. Sums run over sources in argument order, as
 * {@link QbafEvaluator} does, so an unperturbed forward pass gives its strengths to the last bit.
 * Immutable and thread-safe; the arrays passed in are the caller's.
 */
final class LayeredNetwork {
    final List<String> ids;
    final int size;
    /** The output layer d+1. */
    final int outputLayer;
    /** Per argument: its layer. */
    final int[] layer;
    /** Per layer 0..d+1: the first argument index; {@code start[outputLayer + 1] = size}. */
    final int[] start;
    /** φ per layer, index 0 unused. */
    final Activation[] phi;
    /** Per edge, in the QBAF's edge order: source and target argument indices. */
    final int[] edgeSource;
    final int[] edgeTarget;
    /** Per argument: the indices of its incoming edges, by ascending source. */
    final int[][] incoming;
    /** The QBAF's edge weights and biases (0 for inputs). */
    final double[] weights;
    final double[] biases;

    /** @throws IllegalArgumentException when the QBAF is not layered like an MLP (see {@link QbafEvaluator}) */
    LayeredNetwork(Qbaf qbaf) {
        new QbafEvaluator(qbaf); // the shape checks
        List<Argument> arguments = qbaf.arguments();
        size = arguments.size();
        outputLayer = qbaf.activations().size();
        layer = new int[size];
        biases = new double[size];
        start = new int[outputLayer + 2];
        phi = new Activation[outputLayer + 1];
        for (int l = 1; l <= outputLayer; l++) {
            phi[l] = qbaf.activation(l);
        }
        List<String> names = new ArrayList<>(size);
        Map<String, Integer> index = new HashMap<>();
        for (int i = size - 1; i >= 0; i--) {
            start[arguments.get(i).layer()] = i;
        }
        start[outputLayer + 1] = size;
        for (int i = 0; i < size; i++) {
            Argument a = arguments.get(i);
            names.add(a.id());
            index.put(a.id(), i);
            layer[i] = a.layer();
            biases[i] = a.bias() == null ? 0 : a.bias();
        }
        ids = List.copyOf(names);
        List<Edge> edges = qbaf.edges();
        edgeSource = new int[edges.size()];
        edgeTarget = new int[edges.size()];
        weights = new double[edges.size()];
        List<List<Integer>> in = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            in.add(new ArrayList<>());
        }
        for (int e = 0; e < edges.size(); e++) {
            edgeSource[e] = index.get(edges.get(e).source());
            edgeTarget[e] = index.get(edges.get(e).target());
            weights[e] = edges.get(e).weight();
            in.get(edgeTarget[e]).add(e);
        }
        incoming = new int[size][];
        for (int t = 0; t < size; t++) {
            incoming[t] = in.get(t).stream().sorted((a, b) -> Integer.compare(edgeSource[a], edgeSource[b]))
                    .mapToInt(Integer::intValue).toArray();
        }
    }

    int inputCount() {
        return start[1];
    }

    /** The output arguments' indices: {@code start[outputLayer] .. size-1}. */
    int firstOutput() {
        return start[outputLayer];
    }

    /**
     * Recomputes layers {@code from..d+1} of {@code s} from the layers before it, with the given weights
     * and biases; {@code z}, when not null, receives the pre-activations of the recomputed arguments.
     *
     * @param s strengths in argument order; layers below {@code from} are read, the rest overwritten
     */
    void forward(double[] w, double[] b, double[] s, double[] z, int from) {
        for (int l = Math.max(1, from); l <= outputLayer; l++) {
            int lo = start[l];
            int hi = start[l + 1];
            double[] pre = new double[hi - lo];
            for (int t = lo; t < hi; t++) {
                double sum = b[t];
                for (int e : incoming[t]) {
                    sum += w[e] * s[edgeSource[e]];
                }
                pre[t - lo] = sum;
            }
            if (z != null) {
                System.arraycopy(pre, 0, z, lo, pre.length);
            }
            phi[l].applyToRow(pre);
            System.arraycopy(pre, 0, s, lo, pre.length);
        }
    }

    /** Every argument's strength at {@code inputs} with the QBAF's own weights and biases. */
    double[] strengths(double[] inputs) {
        return strengths(inputs, weights, biases, null);
    }

    /** Every argument's strength at {@code inputs} with weights {@code w} and biases {@code b}. */
    double[] strengths(double[] inputs, double[] w, double[] b, double[] z) {
        double[] s = new double[size];
        System.arraycopy(inputs, 0, s, 0, inputCount());
        forward(w, b, s, z, 1);
        return s;
    }

    /**
     * Reverse-mode derivatives of {@code Σ_k outputAdjoint[k] · s_k} (k over the outputs) at the strengths
     * {@code s} with pre-activations {@code z}, every strength treated as a free variable of the layers
     * after it.
     *
     * @return {@code [0]}: ∂/∂ strength per argument; {@code [1]}: ∂/∂ pre-activation per non-input argument
     *         (0 for inputs), which is also ∂/∂ bias, and times a source's strength ∂/∂ weight of that edge
     */
    double[][] backward(double[] w, double[] s, double[] z, double[] outputAdjoint) {
        return backward(w, s, z, outputAdjoint, false);
    }

    /**
     * As {@link #backward(double[], double[], double[], double[])}, differentiating
     * {@code Σ_k outputAdjoint[k] · z_k} over the outputs' pre-activations instead when
     * {@code preActivations} is set.
     */
    double[][] backward(double[] w, double[] s, double[] z, double[] outputAdjoint, boolean preActivations) {
        double[] ds = new double[size];
        double[] dz = new double[size];
        System.arraycopy(outputAdjoint, 0, preActivations ? dz : ds, firstOutput(), size - firstOutput());
        for (int l = outputLayer; l >= 1; l--) {
            int lo = start[l];
            int hi = start[l + 1];
            if (preActivations && l == outputLayer) {
                // dz of the outputs is given
            } else if (phi[l].isElementWise()) {
                for (int t = lo; t < hi; t++) {
                    dz[t] = ds[t] * phi[l].derivative(z[t]);
                }
            } else {
                // softmax: ∂s_k/∂z_j = s_k (δ_kj − s_j)
                double dot = 0;
                for (int t = lo; t < hi; t++) {
                    dot += ds[t] * s[t];
                }
                for (int t = lo; t < hi; t++) {
                    dz[t] = s[t] * (ds[t] - dot);
                }
            }
            for (int t = lo; t < hi; t++) {
                for (int e : incoming[t]) {
                    ds[edgeSource[e]] += w[e] * dz[t];
                }
            }
        }
        return new double[][] {ds, dz};
    }

    /**
     * The index of the decision a row's output strengths stand for, as {@code illc} predicts: with
     * several outputs the largest (the first on ties), with one output 0 when its strength is at
     * least 0.5, else 1 (the other class).
     */
    int decision(double[] s) {
        int first = firstOutput();
        if (size - first == 1) {
            return s[first] >= 0.5 ? 0 : 1;
        }
        int best = first;
        for (int t = first + 1; t < size; t++) {
            if (s[t] > s[best]) {
                best = t;
            }
        }
        return best - first;
    }

    /**
     * How a decision reads, as illc names predictions: the output's id; for one output and the other
     * class, the data's first class when the data has two, else {@code not <id>}.
     *
     * @param dataClasses the data's class names in class order; empty when not known
     */
    String decisionName(int decision, List<String> dataClasses) {
        int first = firstOutput();
        if (size - first == 1 && decision == 1) {
            return dataClasses.size() == 2 ? dataClasses.get(0) : "not " + ids.get(first);
        }
        return ids.get(first + decision);
    }
}
