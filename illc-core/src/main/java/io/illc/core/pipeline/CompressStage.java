package io.illc.core.pipeline;

import io.illc.api.AggregationFunction;
import io.illc.api.ClusteringStrategy;
import io.illc.api.Mlp;
import io.illc.core.compress.ClusterBudget;
import io.illc.core.compress.CompressionRequest;
import io.illc.core.compress.CompressionResult;
import io.illc.core.compress.Compressor;
import io.illc.core.spec.CompressionSpec;
import jakarta.inject.Inject;

/**
 * The compress stage: SpArX global or ILLC over the fitting rows, with given cluster counts or
 * counts allocated within a complexity budget. Stateless and thread-safe.
 */
public final class CompressStage {
    private final Compressor compressor;

    @Inject
    public CompressStage(Compressor compressor) {
        this.compressor = compressor;
    }

    /**
     * Compresses {@code original} with {@code clusterCounts[l]} clusters in hidden layer l+1, each
     * layer's products and Gram matrix on {@code threads} threads (the same result for any count).
     */
    public CompressionResult compress(Mlp original, FittingRows rows, CompressionSpec.Method method, int[] clusterCounts,
                                      ClusteringStrategy clustering, AggregationFunction aggregation, long seed,
                                      int threads) {
        return compressor.compress(CompressionRequest.uniform(original, rows.fit(), method, clusterCounts, clustering,
                aggregation, seed), rows.fitActivations(), threads);
    }

    /**
     * The cluster count of every hidden layer within a cognitive-complexity budget Ω, allocated on
     * the original network's activations over the fitting rows.
     */
    public ClusterBudget.Allocation allocate(Mlp original, FittingRows rows, ClusteringStrategy clustering,
                                             double complexity, long seed) {
        return ClusterBudget.allocate(rows.fitActivations().subList(0, original.hiddenLayerCount()), clustering,
                complexity, seed);
    }
}
