package io.illc.api;

/** The service interface of clustering plugins. */
public interface ClusteringStrategyFactory extends PluginFactory<ClusteringStrategy> {
}
