package io.illc.plugins.metric;

import io.illc.api.DetailKey;
import io.illc.api.Metric;
import io.illc.api.MetricFactory;
import io.illc.api.Parameter;
import io.illc.api.Parameters;

import java.util.List;

/** The local {@code local-structural-unfaithfulness} metric: {@link StructuralUnfaithfulness} with row weights π̂. */
public final class LocalStructuralUnfaithfulnessFactory implements MetricFactory {
    /** The permanent name specs use. */
    public static final String NAME = "local-structural-unfaithfulness";

    public LocalStructuralUnfaithfulnessFactory() {
        // ServiceLoader needs a public no-argument constructor.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "π̂-weighted distance between each cluster-neuron's output and the mean output of its members, over all layers";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Norm.parameter());
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
    public List<DetailKey> detailKeys() {
        return List.of(DetailKey.AT_INSTANCE);
    }

    @Override
    public Metric create(Parameters parameters) {
        return new StructuralUnfaithfulness(Norm.fromJsonName(parameters.getString(Norm.PARAMETER)), Scope.LOCAL);
    }
}
