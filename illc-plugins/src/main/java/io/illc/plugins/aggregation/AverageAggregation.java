package io.illc.plugins.aggregation;

import io.illc.api.AggregationFunction;
import io.illc.api.DenseLayer;
import io.illc.api.OutgoingMerge;

import java.util.Arrays;

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
        double[] ones = new double[merge.clusters().neurons()];
        Arrays.fill(ones, 1.0);
        return ColumnMerge.weightedColumnSums(merge.next(), merge.clusters(), ones);
    }
}
