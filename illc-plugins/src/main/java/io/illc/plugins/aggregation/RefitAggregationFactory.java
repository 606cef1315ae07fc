package io.illc.plugins.aggregation;

import io.illc.api.AggregationFunction;
import io.illc.api.AggregationFunctionFactory;
import io.illc.api.Parameter;
import io.illc.api.Parameters;

import java.util.List;

/** The {@code refit} aggregation: {@link RefitAggregation}, with its ridge strength and bias switch as parameters. */
public final class RefitAggregationFactory implements AggregationFunctionFactory {
    /** The permanent name specs use. */
    public static final String NAME = "refit";

    /** The relative ridge strength λ / (mean diagonal entry of the weighted Gram matrix). */
    static final String RIDGE = "ridge";
    /** Whether layer l+1's bias is fitted as well as its weights. */
    static final String FIT_BIAS = "fitBias";
    static final double DEFAULT_RIDGE = 1e-3;

    public RefitAggregationFactory() {
        // ServiceLoader needs a public no-argument constructor.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "mean incoming weights; outgoing weights and bias refitted by weighted ridge regression to the original"
                + " pre-activations of the next layer, pulled towards the summed (SpArX) weights";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.number(RIDGE, DEFAULT_RIDGE, 0, Double.POSITIVE_INFINITY,
                        "ridge strength relative to the mean diagonal of the weighted Gram matrix; larger pulls harder"
                                + " towards the summed weights and original bias (0 = plain least squares, may be singular)"),
                Parameter.bool(FIT_BIAS, true,
                        "fit the next layer's bias too; false keeps the original bias and fits the weights only"));
    }

    @Override
    public AggregationFunction create(Parameters parameters) {
        return new RefitAggregation(parameters.getDouble(RIDGE), parameters.getBoolean(FIT_BIAS));
    }
}
