package io.illc.plugins.metric;

import io.illc.api.Metric;
import io.illc.api.MetricFactory;
import io.illc.api.Parameters;

/** The local {@code local-io-unfaithfulness} metric: {@link IoUnfaithfulness} with row weights π̂. */
public final class LocalIoUnfaithfulnessFactory implements MetricFactory {
    /** The permanent name specs use. */
    public static final String NAME = "local-io-unfaithfulness";

    public LocalIoUnfaithfulnessFactory() {
        // ServiceLoader needs a public no-argument constructor.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "π̂-weighted sum over the neighbourhood of the squared output difference between original and compressed network";
    }

    @Override
    public Scope scope() {
        return Scope.LOCAL;
    }

    @Override
    public Direction direction() {
        return Direction.LOWER_IS_BETTER;
    }

    @Override
    public Metric create(Parameters parameters) {
        return new IoUnfaithfulness(Scope.LOCAL);
    }
}
