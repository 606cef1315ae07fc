package io.illc.plugins.metric;

import io.illc.api.ClusterAssignment;
import io.illc.api.Matrix;
import io.illc.api.Metric;
import io.illc.api.MetricInput;
import io.illc.api.MetricResult;
import io.illc.api.MetricSums;
import io.illc.api.Mlp;
import io.illc.api.Vector;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link MetricSums} of a metric that reads the networks and the partitions but no row: no
 * pass, and the result is the metric evaluated on zero rows. Immutable.
 *
 * @param metric a metric that reads no activations, serializable
 */
record NetworksOnly(Metric metric, Mlp original, Mlp compressed, List<ClusterAssignment> clusters)
        implements MetricSums<NetworksOnly.None> {

    /** The accumulator of sums over no rows. */
    enum None {
        NONE
    }

    NetworksOnly {
        if (!(metric instanceof Serializable)) {
            throw new IllegalArgumentException(metric + " must be serializable");
        }
        clusters = List.copyOf(clusters);
    }

    @Override
    public None zero() {
        return None.NONE;
    }

    @Override
    public None add(None sums, MetricInput rows) {
        return sums;
    }

    @Override
    public None combine(None left, None right) {
        return left;
    }

    @Override
    public MetricResult result(None sums) {
        List<Matrix> originalActivations = new ArrayList<>();
        List<Matrix> compressedActivations = new ArrayList<>();
        for (int l = 0; l < original.layers().size(); l++) {
            originalActivations.add(Matrix.zeros(0, original.layers().get(l).outputs()));
            compressedActivations.add(Matrix.zeros(0, compressed.layers().get(l).outputs()));
        }
        return metric.evaluate(new MetricInput(original, compressed, clusters, originalActivations, compressedActivations,
                Vector.of(), -1));
    }

    @Override
    public boolean readsRows() {
        return false;
    }
}
