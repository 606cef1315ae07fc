package io.illc.plugins.aggregation;

import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;

/** The column merge both aggregations share. Stateless. */
final class ColumnMerge {
    private ColumnMerge() {
    }

    /**
     * Layer l+1 with its input side merged over the clusters of layer l:
     * {@code W̃[t, C] = Σ_{i∈C} c_i · W[t, i]}; bias and activation are kept.
     *
     * @param next         the original layer l+1, weights {@code [n_{l+1}, n_l]}
     * @param clusters     the partition of layer l's {@code n_l} neurons into {@code K_l} clusters
     * @param coefficients {@code c_i}, one per neuron of layer l ({@code [n_l]})
     * @return weights {@code [n_{l+1}, K_l]}
     */
    static DenseLayer weightedColumnSums(DenseLayer next, ClusterAssignment clusters, double[] coefficients) {
        int out = next.outputs();
        int n = next.inputs();
        int k = clusters.clusterCount();
        int[] labels = clusters.labels();
        double[] w = next.weights().toRowMajor();
        double[] merged = new double[out * k];
        for (int t = 0; t < out; t++) {
            for (int i = 0; i < n; i++) {
                merged[t * k + labels[i]] += coefficients[i] * w[t * n + i];
            }
        }
        return new DenseLayer(Matrix.ofRowMajor(out, k, merged), next.bias(), next.activation());
    }
}
