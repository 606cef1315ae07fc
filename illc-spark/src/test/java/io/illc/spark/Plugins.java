package io.illc.spark;

import io.illc.api.AggregationFunction;
import io.illc.api.ClusteringStrategy;
import io.illc.api.PluginKind;
import io.illc.core.catalog.GuardedPlugins;
import io.illc.core.catalog.ParameterResolver;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.catalog.PluginChoice;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The built-in plugins the tests compress with, from the class path. */
final class Plugins {
    static final PluginCatalog CATALOG = PluginCatalog.discover(List.of());

    private Plugins() {
    }

    static ClusteringStrategy ward() {
        return GuardedPlugins.clustering(CATALOG, choice(PluginKind.CLUSTERING, "agglomerative", Map.of("linkage", "ward")));
    }

    static AggregationFunction aggregation(String name) {
        return GuardedPlugins.aggregation(CATALOG, choice(PluginKind.AGGREGATION, name, Map.of()));
    }

    private static PluginChoice choice(PluginKind kind, String name, Map<String, String> params) {
        return new PluginChoice(kind, name, new ParameterResolver().resolveStrings(CATALOG.require(kind, name), params,
                Path.of(".")));
    }
}
