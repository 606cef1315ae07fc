package io.illc.core.compress;

import io.illc.api.AggregationFunction;
import io.illc.api.ClusteringStrategy;
import io.illc.api.Mlp;
import io.illc.core.spec.CompressionSpec.Method;

import java.util.Objects;

/**
 * Every input of one compression over streamed rows but the rows themselves (passed with them to
 * {@link Compressor#compress(StreamedCompressionRequest, io.illc.core.stream.RowPasses)}): a
 * global compression's setting, uniform row weights and unweighted points.
 *
 * @param original      the network to compress
 * @param method        global (SpArX) or illc
 * @param clusterCounts k_l for each hidden layer, each in [1, n_l]
 * @param clustering    the clustering of each layer's neurons; it gets the Gram matrix only
 *                      ({@link io.illc.api.NeuronPoints#ofGram})
 * @param aggregation   the merge of each layer; it needs a sum-over-rows form
 *                      ({@link AggregationFunction#outgoingSums})
 * @param seed          the run's seed; each layer's clustering gets {@link CompressionRequest#layerSeed}
 */
public record StreamedCompressionRequest(Mlp original, Method method, int[] clusterCounts,
                                         ClusteringStrategy clustering, AggregationFunction aggregation, long seed) {
    public StreamedCompressionRequest {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(method, "method");
        clusterCounts = clusterCounts.clone();
        Objects.requireNonNull(clustering, "clustering");
        Objects.requireNonNull(aggregation, "aggregation");
        CompressionRequest.checkClusterCounts(original, clusterCounts);
    }

    @Override
    public int[] clusterCounts() {
        return clusterCounts.clone();
    }
}
