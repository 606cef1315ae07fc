package io.illc.api;

/** Partitions the neurons of one hidden layer. Implementations are immutable and thread-safe. */
public interface ClusteringStrategy {

    /**
     * @param points the neurons of one layer
     * @param k      the wanted number of clusters, {@code 1 <= k <= points.neurons()}
     * @param seed   the seed for any randomness, derived by the engine from the spec seed and the
     *               layer; the same seed must give the same partition
     * @return canonical labels; at most {@code k} clusters (fewer when there are fewer distinct points)
     */
    ClusterAssignment cluster(NeuronPoints points, int k, long seed);
}
