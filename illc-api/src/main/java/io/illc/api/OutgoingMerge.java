package io.illc.api;

import java.util.Objects;

/**
 * What an {@link AggregationFunction} knows when it merges the input side of layer {@code l+1}
 * after hidden layer {@code l} has been clustered.
 *
 * @param layer                  l, the hidden layer just clustered (1-based)
 * @param next                   the original layer l+1 (a hidden layer or the output layer),
 *                               weights {@code [n_{l+1}, n_l]}
 * @param clusters               the partition P_l of layer l's {@code n_l} neurons
 * @param originalActivations    {@code O^M_l}: layer l's outputs in the original network, {@code [N, n_l]}
 * @param compressedActivations  {@code h_l}: the cluster-neurons' outputs in the partially
 *                               compressed network (layers 1..l merged), {@code [N, K_l]}
 * @param rowWeights             π̂, one weight per row, summing to 1 ({@code 1/N} each for a global compression)
 */
public record OutgoingMerge(int layer, DenseLayer next, ClusterAssignment clusters, Matrix originalActivations,
                            Matrix compressedActivations, Vector rowWeights) {
    public OutgoingMerge {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(clusters, "clusters");
        Objects.requireNonNull(originalActivations, "originalActivations");
        Objects.requireNonNull(compressedActivations, "compressedActivations");
        Objects.requireNonNull(rowWeights, "rowWeights");
        int n = clusters.neurons();
        int rows = rowWeights.size();
        if (next.inputs() != n) {
            throw new IllegalArgumentException("layer " + (layer + 1) + " takes " + next.inputs()
                    + " inputs but layer " + layer + " has " + n + " neurons");
        }
        if (originalActivations.rows() != rows || originalActivations.cols() != n) {
            throw new IllegalArgumentException("original activations must be [" + rows + ", " + n + "]");
        }
        if (compressedActivations.rows() != rows || compressedActivations.cols() != clusters.clusterCount()) {
            throw new IllegalArgumentException("compressed activations must be [" + rows + ", "
                    + clusters.clusterCount() + "]");
        }
    }
}
