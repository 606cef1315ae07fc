package io.illc.plugins.render;

import io.illc.api.ExplanationRenderer;
import io.illc.api.ExplanationRendererFactory;
import io.illc.api.Parameter;
import io.illc.api.Parameters;

import java.util.List;

/**
 * The {@code html} renderer plugin: one self-contained, offline, interactive page of the QBAF, see
 * {@link HtmlRenderer} and docs/viewer.md.
 *
 * <p>The page shows the run summary (spec and metrics) of the {@link io.illc.api.RenderContext} the
 * engine renders with; without one it leaves the summary panel out.
 */
public final class HtmlRendererFactory implements ExplanationRendererFactory {
    /** The permanent name specs use. */
    public static final String NAME = "html";

    private static final Parameter EDGE_QUANTILE = Parameter.number("edgeQuantile", 0.8, 0, 1,
            "where the page's edge filter starts: show edges whose unit-free strength s is >= this quantile of s (as"
                    + " the dot renderer); the slider changes it live");
    private static final Parameter TOP_K = Parameter.optionalInteger("topK", 1, Integer.MAX_VALUE,
            "start the page's edge filter at the K edges of largest s instead of edgeQuantile");
    private static final Parameter PER_LAYER = Parameter.bool("perLayer", true,
            "start the page's edge filter per layer: the quantile or K applies to the edges into each layer on its own"
                    + " (as the dot renderer); false applies it to all edges at once");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "one self-contained interactive HTML page of the QBAF: zoom, filter edges live, inspect arguments; works offline";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(EDGE_QUANTILE, TOP_K, PER_LAYER);
    }

    @Override
    public ExplanationRenderer create(Parameters parameters) {
        Object topK = parameters.asMap().get(TOP_K.name());
        EdgeSelection initial = topK instanceof Number k
                ? new EdgeSelection.TopK(k.intValue())
                : new EdgeSelection.Quantile(parameters.getDouble(EDGE_QUANTILE.name()));
        boolean perLayer = !parameters.has(PER_LAYER.name()) || parameters.getBoolean(PER_LAYER.name());
        return new HtmlRenderer(initial, perLayer);
    }
}
