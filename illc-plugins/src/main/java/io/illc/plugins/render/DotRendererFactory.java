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
            "draw only edges whose unit-free strength s is >= this quantile of s (linear interpolation at"
                    + " position q·(E−1) of the sorted list, as numpy), over the edges into each layer or, without"
                    + " perLayer, over all edges; 0 draws every edge");
    private static final Parameter TOP_K = Parameter.optionalInteger("topK", 1, Integer.MAX_VALUE,
            "draw only the K edges of largest s (ties: earlier edge first), into each layer or, without perLayer,"
                    + " over all; replaces edgeQuantile when set");
    private static final Parameter PER_LAYER = Parameter.bool("perLayer", true,
            "apply edgeQuantile or topK to the edges into each layer on its own, so every layer keeps its strongest"
                    + " edges; false applies them to all edges at once");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Graphviz DOT picture of the QBAF: layers left to right, supports green, attacks red, the strongest edges of every layer";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(EDGE_QUANTILE, TOP_K, PER_LAYER);
    }

    @Override
    public ExplanationRenderer create(Parameters parameters) {
        Object topK = parameters.asMap().get(TOP_K.name());
        EdgeSelection selection = topK instanceof Number k
                ? new EdgeSelection.TopK(k.intValue())
                : new EdgeSelection.Quantile(parameters.getDouble(EDGE_QUANTILE.name()));
        boolean perLayer = !parameters.has(PER_LAYER.name()) || parameters.getBoolean(PER_LAYER.name());
        return new DotRenderer(new Thinning(selection, perLayer));
    }
}
