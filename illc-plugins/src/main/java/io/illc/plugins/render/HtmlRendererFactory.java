package io.illc.plugins.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.illc.api.ExplanationRenderer;
import io.illc.api.ExplanationRendererFactory;
import io.illc.api.Parameter;
import io.illc.api.Parameters;

import java.util.List;

/**
 * The {@code html} renderer plugin: one self-contained, offline, interactive page of the QBAF, see
 * {@link HtmlRenderer} and docs/viewer.md.
 *
 * <p>The page can show a summary of the run (spec and metrics), which a renderer cannot see: the
 * engine passes it in the optional {@code summary} parameter, a JSON object
 * {@code {"spec": <the effective spec>, "metrics": <the metrics.json object>}} (either key may be
 * left out). Without it the page leaves the summary panel out.
 */
public final class HtmlRendererFactory implements ExplanationRendererFactory {
    /** The permanent name specs use. */
    public static final String NAME = "html";
    /** The name of the parameter that carries the run summary; the engine fills it in. */
    public static final String SUMMARY = "summary";

    private static final Parameter EDGE_QUANTILE = Parameter.number("edgeQuantile", 0.8, 0, 1,
            "where the page's edge filter starts: show edges with |weight| >= this quantile of |weight| (as the dot"
                    + " renderer); the slider changes it live");
    private static final Parameter TOP_K = Parameter.optionalInteger("topK", 1, Integer.MAX_VALUE,
            "start the page's edge filter at the K edges of largest |weight| instead of edgeQuantile");
    private static final Parameter PER_LAYER = Parameter.bool("perLayer", false,
            "start the page's edge filter per layer: the quantile or K applies to the edges into each layer on its own");
    private static final Parameter SUMMARY_PARAMETER = new Parameter(SUMMARY, Parameter.Type.STRING, null, true, List.of(),
            Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            "a JSON object {\"spec\": ..., \"metrics\": ...} the page shows as the run summary; set by the engine");

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
        return List.of(EDGE_QUANTILE, TOP_K, PER_LAYER, SUMMARY_PARAMETER);
    }

    @Override
    public ExplanationRenderer create(Parameters parameters) {
        Object topK = parameters.asMap().get(TOP_K.name());
        EdgeSelection initial = topK instanceof Number k
                ? new EdgeSelection.TopK(k.intValue())
                : new EdgeSelection.Quantile(parameters.getDouble(EDGE_QUANTILE.name()));
        boolean perLayer = parameters.has(PER_LAYER.name()) && parameters.getBoolean(PER_LAYER.name());
        Object summary = parameters.asMap().get(SUMMARY);
        return new HtmlRenderer(initial, perLayer, summary == null ? null : summaryObject(summary.toString()));
    }

    private static ObjectNode summaryObject(String text) {
        JsonNode node;
        try {
            node = HtmlRenderer.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("summary is not valid JSON (" + e.getOriginalMessage()
                    + "); give a JSON object like {\"spec\": {...}, \"metrics\": {...}}");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("summary is " + (node == null || node.isMissingNode() ? "empty" : "a JSON " + node.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT)) + "; give a JSON object like {\"spec\": {...}, \"metrics\": {...}}");
        }
        return object;
    }
}
