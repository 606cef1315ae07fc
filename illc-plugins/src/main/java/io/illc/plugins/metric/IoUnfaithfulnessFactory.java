package io.illc.plugins.metric;

import io.illc.api.Metric;
import io.illc.api.MetricFactory;
import io.illc.api.Parameters;

/** The global {@code io-unfaithfulness} metric: {@link IoUnfaithfulness} with row weights 1/N. */
public final class IoUnfaithfulnessFactory implements MetricFactory {
    /** The permanent name specs use. */
    public static final String NAME = "io-unfaithfulness";

    public IoUnfaithfulnessFactory() {
        // ServiceLoader needs a public no-argument constructor.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Definition 6: mean over rows of the squared output difference between original and compressed network";
    }

    @Override
    public Scope scope() {
        return Scope.GLOBAL;
    }

    @Override
    public Metric create(Parameters parameters) {
        return new IoUnfaithfulness(Scope.GLOBAL);
    }
}
