package io.illc.core.catalog;

import io.illc.api.Activation;
import io.illc.api.ActivationInverse;
import io.illc.api.AggregationFunction;
import io.illc.api.ClusterAssignment;
import io.illc.api.ClusteringStrategy;
import io.illc.api.DenseLayer;
import io.illc.api.Metric;
import io.illc.api.OutgoingMerge;
import io.illc.api.PluginKind;

import java.util.EnumMap;
import java.util.Map;

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

    /**
     * Every installed activation inverse, by the activation it inverts.
     *
     * @throws PluginException when two plugins invert the same activation, naming both
     */
    public static Map<Activation, ActivationInverse> activationInverses(PluginCatalog catalog) {
        Map<Activation, ActivationInverse> out = new EnumMap<>(Activation.class);
        Map<Activation, PluginDescriptor> from = new EnumMap<>(Activation.class);
        for (PluginDescriptor plugin : catalog.plugins(PluginKind.ACTIVATION_INVERSE)) {
            ActivationInverse inner = plugin.create(ActivationInverse.class, plugin.defaults());
            Activation activation = PluginException.guard(plugin, "failed to name its activation", inner::activation);
            PluginDescriptor earlier = from.put(activation, plugin);
            if (earlier != null) {
                throw new PluginException("two activation inverses invert " + activation.jsonName() + ": "
                        + earlier.describe() + " and " + plugin.describe() + "; remove one of the jars");
            }
            out.put(activation, new ActivationInverse() {
                @Override
                public Activation activation() {
                    return activation;
                }

                @Override
                public boolean isInvertible(double baseScore) {
                    return PluginException.guard(plugin, "failed to tell whether " + baseScore + " is invertible",
                            () -> inner.isInvertible(baseScore));
                }

                @Override
                public double invert(double baseScore) {
                    return PluginException.guard(plugin, "failed to invert " + baseScore, () -> inner.invert(baseScore));
                }

                @Override
                public String domain() {
                    return PluginException.guard(plugin, "failed to state its domain", inner::domain);
                }
            });
        }
        return out;
    }
}
