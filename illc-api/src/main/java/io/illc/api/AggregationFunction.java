package io.illc.api;

import java.nio.DoubleBuffer;

/**
 * Turns a partition of a hidden layer into the compressed network's weights (the paper's
 * Definition 9 and its variants). The compressor owns the layer loop and calls, for each hidden
 * layer l in order: {@link #mergeIncoming} on layer l (whose input side is already merged), then
 * {@link #mergeOutgoing} on layer l+1. An aggregation never knows which compressor calls it.
 * Implementations are immutable and thread-safe.
 */
public interface AggregationFunction {

    /**
     * Merges the neurons of layer l into its clusters.
     *
     * @param halfMerged layer l with its input side already merged: weights {@code [n_l, K_{l-1}]}
     * @param clusters   the partition of layer l's {@code n_l} neurons
     * @return the cluster-neurons of layer l: weights {@code [K_l, K_{l-1}]}, bias {@code [K_l]};
     *         by default the means over each cluster (Definition 9)
     */
    default DenseLayer mergeIncoming(DenseLayer halfMerged, ClusterAssignment clusters) {
        int k = clusters.clusterCount();
        int in = halfMerged.inputs();
        int[] sizes = clusters.sizes();
        double[] w = new double[k * in];
        double[] b = new double[k];
        // Each neuron's row read in place into one array, and added by a method called once per
        // neuron, which the JIT compiles early: the loop inline here made a large compilation.
        DoubleBuffer weights = halfMerged.weights().readOnlyValues();
        double[] row = new double[in];
        for (int j = 0; j < clusters.neurons(); j++) {
            int c = clusters.label(j);
            weights.get(j * in, row);
            addRow(w, c * in, row);
            b[c] += halfMerged.bias().get(j);
        }
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < in; i++) {
                w[c * in + i] /= sizes[c];
            }
            b[c] /= sizes[c];
        }
        return new DenseLayer(Matrix.wrap(k, in, w), Vector.of(b), halfMerged.activation());
    }

    /** {@code into[at + i] += row[i]} for every i. */
    private static void addRow(double[] into, int at, double[] row) {
        for (int i = 0; i < row.length; i++) {
            into[at + i] += row[i];
        }
    }

    /**
     * Merges the input side of layer l+1 over the clusters of layer l.
     *
     * @return layer l+1 with weights {@code [n_{l+1}, K_l]}, its bias and activation
     */
    DenseLayer mergeOutgoing(OutgoingMerge merge);

    /**
     * The same merge of layer l+1's input side as sums over rows (see {@link OutgoingSums}), for
     * data that is streamed instead of held. When present the engine uses it on every path, streamed
     * or not, so both give the same network; {@link #mergeOutgoing} must then equal
     * {@code merge(add(zero(), m))}.
     *
     * @param layer    l, the hidden layer just clustered (1-based)
     * @param next     the original layer l+1, weights {@code [n_{l+1}, n_l]}
     * @param clusters the partition of layer l
     * @return by default empty: the merge needs every row at once, so it runs only on data held in memory
     */
    default java.util.Optional<OutgoingSums<?>> outgoingSums(int layer, DenseLayer next, ClusterAssignment clusters) {
        return java.util.Optional.empty();
    }
}
