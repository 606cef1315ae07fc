package io.illc.plugins.aggregation;

import io.illc.api.AggregationFunction;
import io.illc.api.AggregationFunctionFactory;
import io.illc.api.Parameter;
import io.illc.api.Parameters;

import java.util.List;

/** The {@code local} aggregation: {@link LocalAggregation}, with its zero-activation guard as a parameter. */
public final class LocalAggregationFactory implements AggregationFunctionFactory {
    /** The permanent name specs use. */
    public static final String NAME = "local";

    /** The guard for a cluster-neuron whose output is 0 on a row; see {@link LocalAggregation.ZeroActivation}. */
    static final String ZERO_ACTIVATION = "zeroActivation";

    public LocalAggregationFactory() {
        // ServiceLoader needs a public no-argument constructor.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Definition 10: outgoing weights scaled by each member's share of its cluster-neuron's output, weighted by π̂";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.choice(ZERO_ACTIVATION, LocalAggregation.ZeroActivation.ONE.jsonName(),
                List.of(LocalAggregation.ZeroActivation.ONE.jsonName(), LocalAggregation.ZeroActivation.SKIP.jsonName()),
                "where a cluster-neuron outputs 0 on a row: 'one' divides by 1 instead (reference behaviour), 'skip' drops the row's term"));
    }

    @Override
    public AggregationFunction create(Parameters parameters) {
        return new LocalAggregation(LocalAggregation.ZeroActivation.fromJsonName(parameters.getString(ZERO_ACTIVATION)));
    }
}
