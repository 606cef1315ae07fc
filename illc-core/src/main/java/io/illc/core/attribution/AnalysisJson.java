package io.illc.core.attribution;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.illc.core.attribution.AttributionSettings.Method;
import io.illc.core.io.JsonOutput;

import java.util.Map;

/**
 * {@code attribution.json} and {@code contestability.json}, in the run's document layout
 * ({@link JsonOutput#document}). Non-finite numbers are written as {@code null}. Stateless.
 */
public final class AnalysisJson {
    private AnalysisJson() {
    }

    /**
     * {@code {"target": id, "methods": {"gradient": {id: v}, "removal": {...}, "shapley": {...}},
     * "shapley": {"samples": n | null, "standardErrors": {id: se}}, "relations": {"removal":
     * {"<source>-><target>": v}}}}; a method not computed is left out, and so are {@code "shapley"}
     * without Shapley values and {@code "relations"} without removal.
     */
    public static byte[] attribution(Attributions.Result r) {
        ObjectNode root = JsonOutput.object();
        root.put("target", r.target());
        ObjectNode methods = root.putObject("methods");
        r.methods().forEach((m, values) -> put(methods.putObject(m.jsonName()), values));
        if (r.methods().containsKey(Method.SHAPLEY)) {
            ObjectNode shapley = root.putObject("shapley");
            if (r.shapleySamples() == null) {
                shapley.putNull("samples");
            } else {
                shapley.put("samples", r.shapleySamples());
            }
            put(shapley.putObject("standardErrors"), r.standardErrors());
        }
        if (r.methods().containsKey(Method.REMOVAL)) {
            put(root.putObject("relations").putObject("removal"), r.relationRemoval());
        }
        return JsonOutput.document(root);
    }

    /**
     * {@code {"predicted", "found", "scope", "layer"?, "what", and when found: "newPrediction", "exact",
     * "norm", "changes": [{"edge" | "argument", "from", "to"}], "strengths": {id: s},
     * "search": {"steps", "bracket": [keeps, changes], "scanned": top}; when not: "note"}}.
     */
    public static byte[] contest(Contestability.Result r, ContestSettings settings) {
        ObjectNode root = JsonOutput.object();
        root.put("predicted", r.predicted());
        root.put("found", r.found());
        root.put("scope", settings.scope().jsonName());
        if (settings.scope() == ContestSettings.Scope.LAYER) {
            root.put("layer", settings.layer());
        }
        root.put("what", settings.what().jsonName());
        if (!r.found()) {
            root.put("note", r.note());
            return JsonOutput.document(root);
        }
        root.put("newPrediction", r.newDecision());
        root.put("exact", r.exact());
        number(root, "norm", r.norm());
        ArrayNode changes = root.putArray("changes");
        r.weights().forEach((edge, change) -> change(changes.addObject(), "edge", edge, change));
        r.biases().forEach((argument, change) -> change(changes.addObject(), "argument", argument, change));
        put(root.putObject("strengths"), r.strengths());
        ObjectNode search = root.putObject("search");
        search.put("steps", r.steps());
        ArrayNode bracket = search.putArray("bracket");
        bracket.add(r.bracket()[0]);
        bracket.add(r.bracket()[1]);
        search.put("scanned", r.bracket()[2]);
        return JsonOutput.document(root);
    }

    private static void change(ObjectNode n, String kind, String name, double[] change) {
        n.put(kind, name);
        number(n, "from", change[0]);
        number(n, "to", change[1]);
    }

    private static void put(ObjectNode n, Map<String, Double> values) {
        values.forEach((k, v) -> number(n, k, v));
    }

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }
}
