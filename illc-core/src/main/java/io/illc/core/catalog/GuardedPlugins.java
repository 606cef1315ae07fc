package io.illc.core.catalog;

import io.illc.api.Activation;
import io.illc.api.ActivationInverse;
import io.illc.api.AggregationFunction;
import io.illc.api.ClusterAssignment;
import io.illc.api.ClusteringStrategy;
import io.illc.api.DenseLayer;
import io.illc.api.Metric;
import io.illc.api.MetricInput;
import io.illc.api.MetricResult;
import io.illc.api.MetricSums;
import io.illc.api.Mlp;
import io.illc.api.OutgoingMerge;
import io.illc.api.OutgoingSums;
import io.illc.api.PluginKind;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        boolean decidesCount = plugin.factory() instanceof io.illc.api.ClusteringStrategyFactory f
                && PluginException.guard(plugin, "failed to say whether it decides the cluster count", f::decidesClusterCount);
        return (points, k, seed) -> {
            ClusterAssignment result = PluginException.guard(plugin, "failed on hidden layer " + points.layer(),
                    () -> inner.cluster(points, k, seed));
            String where = " for the " + points.neurons() + " neurons of hidden layer " + points.layer();
            if (result == null) {
                throw PluginException.returned(plugin, "returned no clustering" + where);
            }
            if (result.neurons() != points.neurons()) {
                throw PluginException.returned(plugin, "returned " + result.neurons() + " labels" + where);
            }
            if (!decidesCount && result.clusterCount() > k) {
                throw PluginException.returned(plugin, "returned " + result.clusterCount() + " clusters" + where
                        + ", more than the " + k + " asked for");
            }
            return result;
        };
    }

    public static AggregationFunction aggregation(PluginCatalog catalog, PluginChoice choice) {
        PluginDescriptor plugin = catalog.require(choice.kind(), choice.name());
        AggregationFunction inner = plugin.create(AggregationFunction.class, choice.params());
        return new AggregationFunction() {
            @Override
            public DenseLayer mergeIncoming(DenseLayer halfMerged, ClusterAssignment clusters) {
                return finite(plugin, "merging a layer", PluginException.guard(plugin, "failed to merge a layer",
                        () -> inner.mergeIncoming(halfMerged, clusters)));
            }

            @Override
            public DenseLayer mergeOutgoing(OutgoingMerge merge) {
                return finite(plugin, "merging the layer after hidden layer " + merge.layer(),
                        PluginException.guard(plugin, "failed to merge the layer after hidden layer " + merge.layer(),
                                () -> inner.mergeOutgoing(merge)));
            }

            @Override
            public Optional<OutgoingSums<?>> outgoingSums(int layer, DenseLayer next, ClusterAssignment clusters) {
                Optional<OutgoingSums<?>> sums = PluginException.guard(plugin, "failed to give the sums of the layer after"
                        + " hidden layer " + layer, () -> inner.outgoingSums(layer, next, clusters));
                if (sums == null) {
                    throw PluginException.returned(plugin, "returned null instead of an Optional of its sums");
                }
                return sums.map(s -> guardedOutgoing(plugin.describe(), layer, s));
            }
        };
    }

    private static <A extends java.io.Serializable> OutgoingSums<?> guardedOutgoing(String plugin, int layer,
                                                                                   OutgoingSums<A> inner) {
        return GuardedSums.outgoing(plugin, layer, inner);
    }

    private static <A extends java.io.Serializable> MetricSums<?> guardedMetric(String plugin, MetricSums<A> inner) {
        return GuardedSums.metric(plugin, inner);
    }

    private static DenseLayer finite(PluginDescriptor plugin, String what, DenseLayer layer) {
        if (layer == null) {
            throw PluginException.returned(plugin, "returned no layer when " + what);
        }
        if (!layer.weights().isFinite() || !layer.bias().isFinite()) {
            throw PluginException.returned(plugin, "returned non-finite weights (NaN or infinite) when " + what);
        }
        return layer;
    }

    /** The metric a choice names, with its parameters; a failure names the plugin. */
    public static Metric metric(PluginCatalog catalog, PluginChoice choice) {
        PluginDescriptor plugin = catalog.require(choice.kind(), choice.name());
        Metric inner = plugin.create(Metric.class, choice.params());
        return new Metric() {
            @Override
            public MetricResult evaluate(MetricInput input) {
                MetricResult result = PluginException.guard(plugin, "failed", () -> inner.evaluate(input));
                if (result == null) {
                    throw PluginException.returned(plugin, "returned no result");
                }
                if (!Double.isFinite(result.value())) {
                    throw PluginException.returned(plugin, "returned the value " + result.value()
                            + "; a metric's value must be finite");
                }
                return result;
            }

            @Override
            public Optional<MetricSums<?>> sums(Mlp original, Mlp compressed, List<ClusterAssignment> clusters) {
                Optional<MetricSums<?>> sums = PluginException.guard(plugin, "failed to give its sums",
                        () -> inner.sums(original, compressed, clusters));
                if (sums == null) {
                    throw PluginException.returned(plugin, "returned null instead of an Optional of its sums");
                }
                return sums.map(s -> guardedMetric(plugin.describe(), s));
            }
        };
    }

    /**
     * Every installed activation inverse, by the kind of activation it inverts (an inverse of a
     * kind with a parameter serves every parameter through {@link ActivationInverse#forActivation}).
     *
     * @throws PluginException when two plugins invert the same activation, naming both
     */
    public static Map<Activation.Kind, ActivationInverse> activationInverses(PluginCatalog catalog) {
        Map<Activation.Kind, ActivationInverse> out = new EnumMap<>(Activation.Kind.class);
        Map<Activation.Kind, PluginDescriptor> from = new EnumMap<>(Activation.Kind.class);
        for (PluginDescriptor plugin : catalog.plugins(PluginKind.ACTIVATION_INVERSE)) {
            ActivationInverse inner = plugin.create(ActivationInverse.class, plugin.defaults());
            Activation activation = PluginException.guard(plugin, "failed to name its activation", inner::activation);
            PluginDescriptor earlier = from.put(activation.kind(), plugin);
            if (earlier != null) {
                throw new PluginException("two activation inverses invert " + activation.jsonName() + ": "
                        + earlier.describe() + " and " + plugin.describe() + "; remove one of the jars");
            }
            out.put(activation.kind(), guarded(plugin, inner));
        }
        return out;
    }

    private static ActivationInverse guarded(PluginDescriptor plugin, ActivationInverse inner) {
        Activation activation = inner.activation();
        return new ActivationInverse() {
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

            @Override
            public ActivationInverse forActivation(Activation other) {
                if (other.equals(activation)) {
                    return this;
                }
                return guarded(plugin, PluginException.guard(plugin, "failed to invert " + other, () -> inner.forActivation(other)));
            }
        };
    }
}
