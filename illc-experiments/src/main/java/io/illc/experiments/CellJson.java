package io.illc.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.illc.api.MetricResult;
import io.illc.core.InputException;
import io.illc.core.io.StrictJson;
import io.illc.core.run.Json;
import io.illc.experiments.CellResult.Outcome;
import io.illc.experiments.ExperimentGrid.Cell;
import io.illc.experiments.ExperimentGrid.Variant;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of a finished cell, {@code cells/<cell id>.json}:
 * <pre>{@code
 * {"cell": "d5-w100-s0", "depth": 5, "width": 100, "trainingSeed": 0, "model": "<sha256>",
 *  "trainAccuracy": 0.98, "testAccuracy": 0.96, "trainingSeconds": 3.1,
 *  "processor": "Intel(R) Xeon(R) Processor (avx512f)",
 *  "compressions": [{"method": "global", "clustering": "kmeans", "aggregation": "average", "shrink": 0.8,
 *                    "clusters": [20, ...], "timings": {"activations": ..., ...},
 *                    "metrics": {"<label>": {"value": ..., "details": {...}}, ...}}, ...]}
 * }</pre>
 * The cell of a loaded model is named after its file ({@code "cell": "bc_tiny.model"}, training seed 0)
 * and its {@code "model"} is the file's sha256. A fine-tuned compression also holds {@code "finetune": true}; with held-out rows the metrics also
 * hold every label followed by {@code " (in-sample)"}. A compression explained locally also holds
 * {@code "local": {"<key>": <mean over the explained rows>, ...}} with the keys of
 * {@link Outcome#LOCAL_KEYS}; a stored cell without it, read for a spec with {@code localRows > 0},
 * does not fit and is recomputed (cells of other variants and of {@code localRows = 0} read as before).
 * A fine-tuned compression also holds {@code "tuning": {"<key>": <value>, ...}} with the keys of
 * {@link Outcome#TUNING_KEYS}; a stored cell without it does not fit and is recomputed.
 * Non-finite numbers are written as {@code null} and read back as NaN. Thread-safe.
 */
final class CellJson {
    private CellJson() {
    }

    static byte[] write(CellResult r) {
        ObjectNode root = Json.object();
        root.put("cell", r.cell().id());
        root.put("depth", r.cell().depth());
        root.put("width", r.cell().width());
        root.put("trainingSeed", r.cell().trainingSeed());
        root.put("model", r.modelKey());
        number(root, "trainAccuracy", r.trainAccuracy());
        number(root, "testAccuracy", r.testAccuracy());
        number(root, "trainingSeconds", r.trainingSeconds());
        if (!r.processor().isEmpty()) {
            root.put("processor", r.processor());
        }
        ArrayNode compressions = root.putArray("compressions");
        for (Outcome o : r.outcomes()) {
            ObjectNode c = compressions.addObject();
            c.put("method", o.variant().method().jsonName());
            c.put("clustering", o.variant().setting().clustering().label());
            c.put("aggregation", o.variant().setting().aggregation().label());
            c.put("shrink", o.variant().setting().shrink());
            if (o.variant().finetuned()) {
                c.put("finetune", true);
            }
            ArrayNode clusters = c.putArray("clusters");
            o.clusters().forEach(clusters::add);
            ObjectNode timings = c.putObject("timings");
            o.timings().forEach((k, v) -> number(timings, k, v));
            c.set("metrics", Json.metrics(o.metrics()));
            if (!o.local().isEmpty()) {
                ObjectNode local = c.putObject("local");
                o.local().forEach((k, v) -> number(local, k, v));
            }
            if (!o.tuning().isEmpty()) {
                ObjectNode tuning = c.putObject("tuning");
                o.tuning().forEach((k, v) -> number(tuning, k, v));
            }
        }
        return Json.bytes(root);
    }

    /**
     * Reads a stored cell and checks that it holds exactly the compressions and metrics the spec asks for.
     *
     * @throws IllegalArgumentException saying why the file does not fit (malformed, another cell,
     *                                  other compressions or metrics)
     */
    static CellResult read(byte[] json, Cell expected, ExperimentSpec spec) {
        JsonNode root;
        try {
            root = StrictJson.readTree(json, "cell " + expected.id(), "{\"cell\": \"" + expected.id() + "\"}");
        } catch (InputException e) {
            throw new IllegalArgumentException("it is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        if (root == null || !root.isObject() || !expected.id().equals(text(root, "cell"))) {
            throw new IllegalArgumentException("it does not hold cell " + expected.id());
        }
        List<Variant> variants = spec.grid().variants();
        List<String> labels = spec.metricKeys();
        JsonNode compressions = root.get("compressions");
        if (compressions == null || !compressions.isArray() || compressions.size() != variants.size()) {
            throw new IllegalArgumentException("it holds " + (compressions == null ? 0 : compressions.size())
                    + " compressions, the spec asks for " + variants.size());
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            JsonNode c = compressions.get(i);
            if (!v.method().jsonName().equals(text(c, "method"))
                    || !v.setting().clustering().label().equals(text(c, "clustering"))
                    || !v.setting().aggregation().label().equals(text(c, "aggregation"))
                    || !c.path("shrink").isNumber() || c.path("shrink").doubleValue() != v.setting().shrink()
                    || c.path("finetune").asBoolean(false) != v.finetuned()) {
                throw new IllegalArgumentException("its compression " + i + " is not " + v.label() + " with "
                        + v.setting().describe());
            }
            List<Integer> clusters = new ArrayList<>();
            c.path("clusters").forEach(k -> clusters.add(k.intValue()));
            if (clusters.size() != expected.depth()) {
                throw new IllegalArgumentException("its compression " + i + " has " + clusters.size()
                        + " cluster counts for " + expected.depth() + " hidden layers");
            }
            Map<String, Double> timings = new LinkedHashMap<>();
            c.path("timings").fields().forEachRemaining(e -> timings.put(e.getKey(), number(e.getValue())));
            JsonNode metrics = c.path("metrics");
            Map<String, MetricResult> results = new LinkedHashMap<>();
            for (String label : labels) {
                JsonNode m = metrics.get(label);
                if (m == null || !m.isObject()) {
                    throw new IllegalArgumentException("its compression " + i + " lacks metric '" + label + "'");
                }
                results.put(label, MetricResult.of(number(m.get("value")), details(m.get("details"))));
            }
            Map<String, Double> local = new LinkedHashMap<>();
            if (spec.grid().explainedLocally(v)) {
                JsonNode l = c.path("local");
                for (String key : Outcome.LOCAL_KEYS) {
                    if (!l.has(key)) {
                        throw new IllegalArgumentException("its compression " + i + " lacks the local mean '" + key + "'");
                    }
                    local.put(key, number(l.get(key)));
                }
            }
            Map<String, Double> tuning = new LinkedHashMap<>();
            if (v.finetuned()) {
                JsonNode t = c.path("tuning");
                for (String key : Outcome.TUNING_KEYS) {
                    if (!t.has(key)) {
                        throw new IllegalArgumentException("its compression " + i + " lacks the fine-tuning record '" + key + "'");
                    }
                    tuning.put(key, number(t.get(key)));
                }
            }
            outcomes.add(new Outcome(v, clusters, results, timings, local, tuning));
        }
        String model = text(root, "model");
        if (model == null) {
            throw new IllegalArgumentException("it names no model");
        }
        String processor = text(root, "processor");
        return new CellResult(expected, model, number(root.get("trainAccuracy")), number(root.get("testAccuracy")),
                number(root.get("trainingSeconds")), outcomes, processor == null ? "" : processor);
    }

    private static Map<String, Object> details(JsonNode details) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (details == null || !details.isObject()) {
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = details.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            JsonNode v = e.getValue();
            if (v.isArray()) {
                List<Object> list = new ArrayList<>();
                v.forEach(x -> list.add(x.isTextual() ? x.textValue() : x.isIntegralNumber() ? (Object) x.longValue() : number(x)));
                out.put(e.getKey(), list);
            } else if (v.isIntegralNumber()) {
                out.put(e.getKey(), v.longValue());
            } else if (v.isNumber() || v.isNull()) {
                out.put(e.getKey(), number(v));
            } else if (v.isBoolean()) {
                out.put(e.getKey(), v.booleanValue());
            } else {
                out.put(e.getKey(), v.asText());
            }
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    /** A number, or NaN for null (how non-finite values are stored). */
    private static double number(JsonNode n) {
        if (n == null || n.isNull()) {
            return Double.NaN;
        }
        if (!n.isNumber()) {
            throw new IllegalArgumentException("expected a number, found " + n);
        }
        return n.doubleValue();
    }

    private static void number(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }
}
