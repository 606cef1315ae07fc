package io.illc.core.catalog;

import io.illc.api.AggregationFunction;
import io.illc.api.ClusterAssignment;
import io.illc.api.ClusteringStrategy;
import io.illc.api.DenseLayer;
import io.illc.api.Metric;
import io.illc.api.OutgoingMerge;

/**
 * Plugin instances whose every call turns a failure into a {@link PluginException} naming the
 * plugin and its jar, so a broken third-party plugin never surfaces as a bare stack trace.
 */
public final class GuardedPlugins {
    private GuardedPlugins() {
    }

    public static ClusteringStrategy clustering(PluginCatalog catalog, PluginChoice choice) {
        PluginDescriptor plugin = catalog.require(choice.kind(), choice.name());
        ClusteringStrategy inner = plugin.create(ClusteringStrategy.class, choice.params());
        return (points, k, seed) -> PluginException.guard(plugin, "failed on hidden layer " + points.layer(),
                () -> inner.cluster(points, k, seed));
    }

    public static AggregationFunction aggregation(PluginCatalog catalog, PluginChoice choice) {
        PluginDescriptor plugin = catalog.require(choice.kind(), choice.name());
        AggregationFunction inner = plugin.create(AggregationFunction.class, choice.params());
        return new AggregationFunction() {
            @Override
            public DenseLayer mergeIncoming(DenseLayer halfMerged, ClusterAssignment clusters) {
                return PluginException.guard(plugin, "failed to merge a layer", () -> inner.mergeIncoming(halfMerged, clusters));
            }

            @Override
            public DenseLayer mergeOutgoing(OutgoingMerge merge) {
                return PluginException.guard(plugin, "failed to merge the layer after hidden layer " + merge.layer(),
                        () -> inner.mergeOutgoing(merge));
            }
        };
    }

    /** The metric a choice names, with its parameters; a failure names the plugin. */
    public static Metric metric(PluginCatalog catalog, PluginChoice choice) {
        PluginDescriptor plugin = catalog.require(choice.kind(), choice.name());
        Metric inner = plugin.create(Metric.class, choice.params());
        return input -> PluginException.guard(plugin, "failed", () -> inner.evaluate(input));
    }
}
