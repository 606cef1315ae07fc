package io.illc.plugins.metric;

import io.illc.api.DetailKey;
import io.illc.api.Metric;
import io.illc.api.MetricFactory;
import io.illc.api.Parameter;
import io.illc.api.Parameters;

import java.util.List;

/** The global {@code structural-unfaithfulness} metric: {@link StructuralUnfaithfulness} with row weights 1/N. */
public final class StructuralUnfaithfulnessFactory implements MetricFactory {
    /** The permanent name specs use. */
    public static final String NAME = "structural-unfaithfulness";

    public StructuralUnfaithfulnessFactory() {
        // ServiceLoader needs a public no-argument constructor.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "mean distance between each cluster-neuron's output and the mean output of its members, over all layers and rows";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Norm.parameter());
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
        return List.of(DetailKey.PER_LAYER);
    }

    @Override
    public Metric create(Parameters parameters) {
        return new StructuralUnfaithfulness(Norm.fromJsonName(parameters.getString(Norm.PARAMETER)), Scope.GLOBAL);
    }
}
