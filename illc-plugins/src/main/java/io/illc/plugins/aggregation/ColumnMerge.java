package io.illc.plugins.aggregation;

import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;

import java.nio.DoubleBuffer;

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
        // The neurons of each cluster in increasing order (members of cluster c at
        // order[start[c] .. start[c+1])), so each sum runs over its members in neuron order.
        int[] sizes = clusters.sizes();
        int[] start = new int[k + 1];
        for (int c = 0; c < k; c++) {
            start[c + 1] = start[c] + sizes[c];
        }
        int[] order = new int[n];
        int[] fill = start.clone();
        for (int i = 0; i < n; i++) {
            order[fill[clusters.label(i)]++] = i;
        }
        double[] merged = new double[out * k];
        DoubleBuffer weights = next.weights().readOnlyValues();
        double[] row = new double[n];
        for (int t = 0; t < out; t++) {
            // One row at a time, into the same array: it stays in cache while the sums gather from it.
            weights.get(t * n, row);
            clusterSums(row, coefficients, order, start, merged, t * k);
        }
        return new DenseLayer(Matrix.wrap(out, k, merged), next.bias(), next.activation());
    }

    /**
     * {@code merged[at + c] = Σ c_i · row[i]} over the members i of each cluster c, in neuron order.
     * A method of its own, called once per row: the JIT compiles it early and cheaply, where the
     * loops inline in the caller made one large compilation per run.
     */
    private static void clusterSums(double[] row, double[] coefficients, int[] order, int[] start, double[] merged, int at) {
        for (int c = 0; c < start.length - 1; c++) {
            double sum = 0.0;
            for (int m = start[c]; m < start[c + 1]; m++) {
                int i = order[m];
                sum += coefficients[i] * row[i];
            }
            merged[at + c] = sum;
        }
    }
}
