package io.illc.api;

import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link Metric} may look at: both networks, the partitions, and both networks'
 * post-activation outputs of every layer over the same N rows.
 *
 * @param original              the original network M (d hidden layers)
 * @param compressed            the compressed network μ, same depth
 * @param clusters              P_1..P_d, one partition per hidden layer of M
 * @param originalActivations   O^M per layer 1..d+1 (index 0 = layer 1), each {@code [N, n_l]}
 * @param compressedActivations O^μ per layer 1..d+1, each {@code [N, K_l]} ({@code [N, n_out]} last)
 * @param rowWeights            one weight per row, summing to 1: {@code 1/N} each for global
 *                              metrics, π̂ for local ones
 * @param instance              for a local explanation, the index among the N rows of the explained
 *                              row; -1 when there is none (then it is not among the rows)
 */
public record MetricInput(Mlp original, Mlp compressed, List<ClusterAssignment> clusters,
                          List<Matrix> originalActivations, List<Matrix> compressedActivations,
                          Vector rowWeights, int instance) {
    public MetricInput {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(compressed, "compressed");
        clusters = List.copyOf(clusters);
        originalActivations = List.copyOf(originalActivations);
        compressedActivations = List.copyOf(compressedActivations);
        Objects.requireNonNull(rowWeights, "rowWeights");
        int d = original.hiddenLayerCount();
        if (compressed.hiddenLayerCount() != d || clusters.size() != d
                || originalActivations.size() != d + 1 || compressedActivations.size() != d + 1) {
            throw new IllegalArgumentException("need " + d + " partitions and " + (d + 1)
                    + " activation matrices per network for " + d + " hidden layers");
        }
        int rows = rowWeights.size();
        for (int l = 0; l <= d; l++) {
            int n = original.layers().get(l).outputs();
            int k = compressed.layers().get(l).outputs();
            check(originalActivations.get(l), rows, n, "original", l + 1);
            check(compressedActivations.get(l), rows, k, "compressed", l + 1);
            if (l < d && clusters.get(l).neurons() != n) {
                throw new IllegalArgumentException("partition of layer " + (l + 1) + " covers "
                        + clusters.get(l).neurons() + " neurons, the layer has " + n);
            }
        }
        if (instance < -1 || instance >= rows) {
            throw new IllegalArgumentException("instance " + instance + " is not among the " + rows + " rows");
        }
    }

    private static void check(Matrix m, int rows, int cols, String which, int layer) {
        if (m.rows() != rows || m.cols() != cols) {
            throw new IllegalArgumentException(which + " activations of layer " + layer + " are [" + m.rows() + ", "
                    + m.cols() + "], expected [" + rows + ", " + cols + "]");
        }
    }

    /** N, the number of rows. */
    public int rows() {
        return rowWeights.size();
    }

    /** d, the number of hidden layers. */
    public int hiddenLayerCount() {
        return original.hiddenLayerCount();
    }
}
