package io.illc.plugins.metric;

import io.illc.api.DetailKey;
import io.illc.api.Metric;
import io.illc.api.MetricFactory;
import io.illc.api.Parameters;

import java.util.List;

/** The global {@code dead-neurons} metric: {@link DeadNeurons}. */
public final class DeadNeuronsFactory implements MetricFactory {
    /** The permanent name specs use. */
    public static final String NAME = "dead-neurons";

    public DeadNeuronsFactory() {
        // ServiceLoader needs a public no-argument constructor.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "share of the original's hidden neurons whose output is <= 0 on every row";
    }

    @Override
    public Scope scope() {
        return Scope.GLOBAL;
    }

    @Override
    public Direction direction() {
        return Direction.INFORMATIONAL;
    }

    @Override
    public List<DetailKey> detailKeys() {
        return List.of(DetailKey.PER_LAYER, DetailKey.PER_LAYER_COMPRESSED);
    }

    @Override
    public Metric create(Parameters parameters) {
        return DeadNeurons.INSTANCE;
    }
}
