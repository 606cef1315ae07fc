package io.illc.core.compress;

import io.illc.api.AggregationFunction;
import io.illc.api.ClusteringStrategy;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import io.illc.core.spec.CompressionSpec.Method;

import java.util.Objects;

/**
 * Every input of one compression, explicitly.
 *
 * @param original      the network to compress
 * @param rows          the data rows the activations are computed on, {@code [N, inputs]}
 * @param method        global (SpArX) or illc
 * @param clusterCounts k_l for each hidden layer, each in [1, n_l]
 * @param clustering    the clustering of each layer's neurons
 * @param aggregation   the merge of each layer
 * @param seed          the run's seed; each layer's clustering gets {@link #layerSeed}
 * @param rowWeights    π̂ for the aggregation, summing to 1 ({@code 1/N} each for a global compression)
 * @param pointWeights  π to scale each row of the clustered activations by (local explanations),
 *                      or {@code null} to cluster the activations as they are
 */
public record CompressionRequest(Mlp original, Matrix rows, Method method, int[] clusterCounts,
                                 ClusteringStrategy clustering, AggregationFunction aggregation, long seed,
                                 Vector rowWeights, Vector pointWeights) {
    public CompressionRequest {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(method, "method");
        clusterCounts = clusterCounts.clone();
        Objects.requireNonNull(clustering, "clustering");
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(rowWeights, "rowWeights");
        checkClusterCounts(original, clusterCounts);
        if (rows.cols() != original.inputCount()) {
            throw new IllegalArgumentException("rows have " + rows.cols() + " features, the model takes " + original.inputCount());
        }
        if (rowWeights.size() != rows.rows() || (pointWeights != null && pointWeights.size() != rows.rows())) {
            throw new IllegalArgumentException("one row weight per row is needed (" + rows.rows() + " rows)");
        }
    }

    /** A global compression's request: uniform row weights, unweighted points. */
    public static CompressionRequest uniform(Mlp original, Matrix rows, Method method, int[] clusterCounts,
                                             ClusteringStrategy clustering, AggregationFunction aggregation, long seed) {
        return new CompressionRequest(original, rows, method, clusterCounts, clustering, aggregation, seed,
                Vector.filled(rows.rows(), 1.0 / rows.rows()), null);
    }

    /** k_l for each hidden layer, each in [1, n_l]. */
    static void checkClusterCounts(Mlp original, int[] clusterCounts) {
        int[] widths = original.hiddenWidths();
        if (clusterCounts.length != widths.length) {
            throw new IllegalArgumentException(clusterCounts.length + " cluster counts for " + widths.length + " hidden layers");
        }
        for (int l = 0; l < widths.length; l++) {
            if (clusterCounts[l] < 1 || clusterCounts[l] > widths[l]) {
                throw new IllegalArgumentException("hidden layer " + (l + 1) + " has " + widths[l]
                        + " neurons; its cluster count must be between 1 and " + widths[l] + ", got " + clusterCounts[l]);
            }
        }
    }

    @Override
    public int[] clusterCounts() {
        return clusterCounts.clone();
    }

    /**
     * The seed of hidden layer l's clustering: the run seed and the layer mixed by SplitMix64, so
     * layers get unrelated streams and the same run seed always gives the same ones.
     */
    public static long layerSeed(long seed, int layer) {
        long z = seed + 0x9E3779B97F4A7C15L * layer;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
