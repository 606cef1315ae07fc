package io.illc.plugins.aggregation;

import io.illc.api.AggregationFunction;
import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.OutgoingMerge;
import io.illc.api.OutgoingSums;

import java.util.Arrays;
import java.util.Optional;

/**
 * Definition 9 (SpArX): a cluster-neuron's incoming weights and bias are the means over its
 * members (the interface default); its outgoing weight to neuron t of layer l+1 is the sum of its
 * members' weights, {@code W̃[t, C] = Σ_{i∈C} W_{l+1}[t, i]}. Summing (not averaging) the outgoing
 * side is what makes a cluster of identical neurons reproduce the original network exactly.
 * Stateless and thread-safe.
 */
final class AverageAggregation implements AggregationFunction {
    static final AverageAggregation INSTANCE = new AverageAggregation();

    private AverageAggregation() {
    }

    @Override
    public DenseLayer mergeOutgoing(OutgoingMerge merge) {
        return summed(merge.next(), merge.clusters());
    }

    /** The merge reads no rows: its sums are empty and no pass over the data is needed. */
    @Override
    public Optional<OutgoingSums<?>> outgoingSums(int layer, DenseLayer next, ClusterAssignment clusters) {
        return Optional.of(new NoSums(next, clusters));
    }

    private static DenseLayer summed(DenseLayer next, ClusterAssignment clusters) {
        double[] ones = new double[clusters.neurons()];
        Arrays.fill(ones, 1.0);
        return ColumnMerge.weightedColumnSums(next, clusters, ones);
    }

    /** No sums at all: the accumulator is a placeholder. */
    private record NoSums(DenseLayer next, ClusterAssignment clusters) implements OutgoingSums<Nothing> {
        @Override
        public Nothing zero() {
            return Nothing.NOTHING;
        }

        @Override
        public Nothing add(Nothing sums, OutgoingMerge rows) {
            return sums;
        }

        @Override
        public Nothing combine(Nothing left, Nothing right) {
            return left;
        }

        @Override
        public DenseLayer merge(Nothing sums) {
            return summed(next, clusters);
        }

        @Override
        public boolean readsRows() {
            return false;
        }
    }

    /** The accumulator of a merge that sums nothing. */
    private enum Nothing {
        NOTHING
    }
}
