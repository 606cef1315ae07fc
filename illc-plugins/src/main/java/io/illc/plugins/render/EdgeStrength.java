package io.illc.plugins.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.illc.api.Argument;
import io.illc.api.Edge;
import io.illc.api.Qbaf;
import io.illc.api.RenderContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The unit-free strength s ≥ 0 by which pictures rank, thin and size edges (docs/qbaf.md). The
 * weight of an edge out of an input carries the feature's units (training folds the standardisation
 * into the first layer, so a feature measured in larger units gets a smaller weight); s takes them
 * out:
 * <ul>
 *   <li>a global QBAF: s = |weight × σ| for an edge out of input feature f, σ its standard deviation
 *       over the data (from {@code features.json}); s = |weight| for every other edge;</li>
 *   <li>a local QBAF: s = |weight × x_f| for an edge out of input f, x_f the feature's value at the
 *       explained row (the edge's contribution to its target's pre-activation); s = |weight| for every
 *       other edge;</li>
 *   <li>without σ (a global QBAF rendered with no {@code features.json}): s = |weight| for every edge.</li>
 * </ul>
 * Multiplying a feature by c and its weights by 1/c leaves every s unchanged. Immutable.
 */
final class EdgeStrength {
    private final double[] values;
    private final String measure;

    private EdgeStrength(double[] values, String measure) {
        this.values = values;
        this.measure = measure;
    }

    /** The strengths of {@code qbaf}'s edges, with the standard deviations {@code context}'s features.json gives. */
    static EdgeStrength of(Qbaf qbaf, RenderContext context) {
        return of(qbaf, standardDeviations(context));
    }

    /**
     * @param std σ by input feature id; empty when not known
     */
    static EdgeStrength of(Qbaf qbaf, Map<String, Double> std) {
        Map<String, Double> scale = new HashMap<>();
        String measure;
        if (qbaf.local() != null) {
            List<Double> values = qbaf.local().featureValues();
            List<Argument> inputs = qbaf.arguments().stream().filter(a -> a.kind() == Argument.Kind.INPUT).toList();
            for (int i = 0; i < inputs.size() && i < values.size(); i++) {
                scale.put(inputs.get(i).id(), Math.abs(values.get(i)));
            }
            measure = "|weight × value| (input edges), |weight| (others)";
        } else if (!std.isEmpty()) {
            std.forEach((id, sigma) -> scale.put(id, Math.abs(sigma)));
            measure = "|weight × σ| (input edges), |weight| (others)";
        } else {
            measure = "|weight|";
        }
        List<Edge> edges = qbaf.edges();
        double[] values = new double[edges.size()];
        for (int i = 0; i < values.length; i++) {
            Edge e = edges.get(i);
            values[i] = Math.abs(e.weight()) * scale.getOrDefault(e.source(), 1.0);
        }
        return new EdgeStrength(values, measure);
    }

    /** σ by feature from the {@code "std"} object of features.json; empty without one. */
    static Map<String, Double> standardDeviations(RenderContext context) {
        JsonNode features = HtmlRenderer.document(context, RenderContext.FEATURES);
        Map<String, Double> std = new HashMap<>();
        JsonNode node = features == null ? null : features.get("std");
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(f -> {
                if (f.getValue().isNumber()) {
                    std.put(f.getKey(), f.getValue().doubleValue());
                }
            });
        }
        return std;
    }

    /** s of edge {@code i} (QBAF edge order). */
    double get(int i) {
        return values[i];
    }

    /** s of the edges with the given indices. */
    double[] of(int[] edges) {
        double[] out = new double[edges.length];
        for (int j = 0; j < edges.length; j++) {
            out[j] = values[edges[j]];
        }
        return out;
    }

    /** How s was computed, for a comment or a legend. */
    String measure() {
        return measure;
    }
}
