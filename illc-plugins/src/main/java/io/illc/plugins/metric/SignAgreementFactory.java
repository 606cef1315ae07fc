package io.illc.plugins.metric;

import io.illc.api.DetailKey;
import io.illc.api.Metric;
import io.illc.api.MetricFactory;
import io.illc.api.Parameters;

import java.util.List;

/** The global {@code sign-agreement} metric: {@link SignAgreement}. */
public final class SignAgreementFactory implements MetricFactory {
    /** The permanent name specs use. */
    public static final String NAME = "sign-agreement";

    public SignAgreementFactory() {
        // ServiceLoader needs a public no-argument constructor.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "share of the compressed network's weights whose sign equals that of the average aggregation on the same partitions";
    }

    @Override
    public Scope scope() {
        return Scope.GLOBAL;
    }

    @Override
    public Direction direction() {
        return Direction.HIGHER_IS_BETTER;
    }

    @Override
    public List<DetailKey> detailKeys() {
        return List.of(DetailKey.PER_LAYER, SignAgreement.FLIPPED);
    }

    @Override
    public Metric create(Parameters parameters) {
        return SignAgreement.INSTANCE;
    }
}
