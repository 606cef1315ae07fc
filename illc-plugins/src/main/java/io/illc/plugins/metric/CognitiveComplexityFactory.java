package io.illc.plugins.metric;

import io.illc.api.DetailKey;
import io.illc.api.Metric;
import io.illc.api.MetricFactory;
import io.illc.api.Parameters;

import java.util.List;

/** The global {@code cognitive-complexity} metric: {@link CognitiveComplexity}. */
public final class CognitiveComplexityFactory implements MetricFactory {
    /** The permanent name specs use. */
    public static final String NAME = "cognitive-complexity";

    public CognitiveComplexityFactory() {
        // ServiceLoader needs a public no-argument constructor.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the product of the hidden layers' cluster counts (paths through the compressed network)";
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
        return List.of(CognitiveComplexity.EXACT, CognitiveComplexity.LOG10);
    }

    @Override
    public Metric create(Parameters parameters) {
        return CognitiveComplexity.INSTANCE;
    }
}
