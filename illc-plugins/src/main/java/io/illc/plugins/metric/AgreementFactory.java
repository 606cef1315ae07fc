package io.illc.plugins.metric;

import io.illc.api.Metric;
import io.illc.api.MetricFactory;
import io.illc.api.Parameters;

/** The global {@code agreement} metric: {@link Agreement}. */
public final class AgreementFactory implements MetricFactory {
    /** The permanent name specs use. */
    public static final String NAME = "agreement";

    public AgreementFactory() {
        // ServiceLoader needs a public no-argument constructor.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "share of rows on which both networks predict the same class (argmax; one output: p >= 0.5 is class 1)";
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
    public Metric create(Parameters parameters) {
        return Agreement.INSTANCE;
    }
}
