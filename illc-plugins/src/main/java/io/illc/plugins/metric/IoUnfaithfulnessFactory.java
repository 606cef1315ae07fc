package io.illc.plugins.metric;

import io.illc.api.DetailKey;
import io.illc.api.Metric;
import io.illc.api.MetricFactory;
import io.illc.api.Parameters;

import java.util.List;

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
    public Direction direction() {
        return Direction.LOWER_IS_BETTER;
    }

    @Override
    public List<DetailKey> detailKeys() {
        return List.of(IoUnfaithfulness.SUM);
    }

    @Override
    public Metric create(Parameters parameters) {
        return new IoUnfaithfulness(Scope.GLOBAL);
    }
}
