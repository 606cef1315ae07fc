package io.illc.core.catalog;

import io.illc.api.DenseLayer;
import io.illc.api.MetricInput;
import io.illc.api.MetricResult;
import io.illc.api.MetricSums;
import io.illc.api.OutgoingMerge;
import io.illc.api.OutgoingSums;

import java.io.Serializable;

/**
 * A plugin's sum-over-rows forms whose every call turns a failure into a {@link PluginException}
 * naming the plugin. Serializable like what they wrap: they hold the plugin's description, not its
 * descriptor, so they can travel to other machines.
 */
final class GuardedSums {
    private GuardedSums() {
    }

    static <A extends Serializable> OutgoingSums<A> outgoing(String plugin, int layer, OutgoingSums<A> inner) {
        String after = " the layer after hidden layer " + layer;
        return new OutgoingSums<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public A zero() {
                return PluginException.guard(plugin, "failed to start the sums of" + after, inner::zero);
            }

            @Override
            public A add(A sums, OutgoingMerge rows) {
                return PluginException.guard(plugin, "failed to add rows to the sums of" + after, () -> inner.add(sums, rows));
            }

            @Override
            public A combine(A left, A right) {
                return PluginException.guard(plugin, "failed to combine the sums of" + after, () -> inner.combine(left, right));
            }

            @Override
            public DenseLayer merge(A sums) {
                DenseLayer merged = PluginException.guard(plugin, "failed to merge" + after, () -> inner.merge(sums));
                if (merged == null || !merged.weights().isFinite() || !merged.bias().isFinite()) {
                    throw new PluginException(plugin + " returned no layer or non-finite weights (NaN or infinite) when"
                            + " merging" + after);
                }
                return merged;
            }

            @Override
            public boolean readsRows() {
                return PluginException.guard(plugin, "failed to say whether it reads rows", inner::readsRows);
            }
        };
    }

    static <A extends Serializable> MetricSums<A> metric(String plugin, MetricSums<A> inner) {
        return new MetricSums<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public A zero() {
                return PluginException.guard(plugin, "failed to start its sums", inner::zero);
            }

            @Override
            public A add(A sums, MetricInput rows) {
                return PluginException.guard(plugin, "failed to add rows to its sums", () -> inner.add(sums, rows));
            }

            @Override
            public A combine(A left, A right) {
                return PluginException.guard(plugin, "failed to combine its sums", () -> inner.combine(left, right));
            }

            @Override
            public MetricResult result(A sums) {
                MetricResult result = PluginException.guard(plugin, "failed", () -> inner.result(sums));
                if (result == null) {
                    throw new PluginException(plugin + " returned no result");
                }
                if (!Double.isFinite(result.value())) {
                    throw new PluginException(plugin + " returned the value " + result.value()
                            + "; a metric's value must be finite");
                }
                return result;
            }

            @Override
            public boolean readsRows() {
                return PluginException.guard(plugin, "failed to say whether it reads rows", inner::readsRows);
            }
        };
    }
}
