package io.illc.cli;

import io.illc.api.ClusteringStrategy;
import io.illc.api.ClusteringStrategyFactory;
import io.illc.api.Parameters;

/**
 * A clustering plugin that fails whenever it is asked to cluster, as a buggy third-party plugin
 * would. Not registered on the test class path: {@link PluginFailureTest} lists it in the service
 * file of a plugin jar it builds, so only runs given that jar see it.
 */
public final class ThrowingClusteringFactory implements ClusteringStrategyFactory {
    @Override
    public String name() {
        return "throwing";
    }

    @Override
    public String description() {
        return "fails on every layer";
    }

    @Override
    public ClusteringStrategy create(Parameters parameters) {
        return (points, k, seed) -> {
            throw new IllegalStateException("deliberately broken");
        };
    }
}
