package io.illc.plugins.aggregation;

import io.illc.api.AggregationFunction;
import io.illc.api.AggregationFunctionFactory;
import io.illc.api.Parameters;

/** The {@code average} aggregation: {@link AverageAggregation}. No parameters. */
public final class AverageAggregationFactory implements AggregationFunctionFactory {
    /** The permanent name specs use. */
    public static final String NAME = "average";

    public AverageAggregationFactory() {
        // ServiceLoader needs a public no-argument constructor.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Definition 9 (SpArX): mean incoming weights and biases, summed outgoing weights per cluster";
    }

    @Override
    public AggregationFunction create(Parameters parameters) {
        return AverageAggregation.INSTANCE;
    }
}
