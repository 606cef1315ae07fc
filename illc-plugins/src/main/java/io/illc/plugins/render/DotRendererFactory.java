package io.illc.plugins.render;

import io.illc.api.ExplanationRenderer;
import io.illc.api.ExplanationRendererFactory;
import io.illc.api.Parameter;
import io.illc.api.Parameters;

import java.util.List;

/** The {@code dot} renderer plugin: a Graphviz picture of the QBAF, see {@link DotRenderer}. */
public final class DotRendererFactory implements ExplanationRendererFactory {
    /** The permanent name specs use. */
    public static final String NAME = "dot";

    private static final Parameter EDGE_QUANTILE = Parameter.number("edgeQuantile", 0.8, 0, 1,
            "draw only edges with |weight| >= this quantile of |weight| over all edges (linear interpolation at"
                    + " position q·(E−1) of the sorted list, as numpy); 0 draws every edge");
    private static final Parameter TOP_K = Parameter.optionalInteger("topK", 1, Integer.MAX_VALUE,
            "draw only the K edges of largest |weight| (ties: earlier edge first); replaces edgeQuantile when set");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Graphviz DOT picture of the QBAF: layers left to right, supports green, attacks red, strongest edges only";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(EDGE_QUANTILE, TOP_K);
    }

    @Override
    public ExplanationRenderer create(Parameters parameters) {
        Object topK = parameters.asMap().get(TOP_K.name());
        EdgeSelection selection = topK instanceof Number k
                ? new EdgeSelection.TopK(k.intValue())
                : new EdgeSelection.Quantile(parameters.getDouble(EDGE_QUANTILE.name()));
        return new DotRenderer(selection);
    }
}
