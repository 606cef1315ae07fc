package io.illc.api;

/** The service interface of clustering plugins. */
public interface ClusteringStrategyFactory extends PluginFactory<ClusteringStrategy> {
    /**
     * Whether the strategy decides the number of clusters itself and ignores {@code k} (a fixed
     * partition read from a file). Otherwise the engine treats more than {@code k} clusters as the
     * plugin's fault, since nothing would be compressed. Default: false.
     */
    default boolean decidesClusterCount() {
        return false;
    }
}
