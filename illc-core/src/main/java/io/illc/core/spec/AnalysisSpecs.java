package io.illc.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.illc.core.attribution.AttributionSettings;
import io.illc.core.attribution.AttributionSettings.Method;
import io.illc.core.attribution.AttributionSettings.Target;
import io.illc.core.attribution.ContestSettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and writes the {@code "attribution"} and {@code "contest"} fields of a spec object (the
 * top level or {@code "local"}), see {@code docs/attribution.md}:
 *
 * <pre>{@code
 * "attribution": {"methods": ["gradient", "removal", "shapley"], "target": "predicted", "samples": 1000},
 * "contest": {"scope": "output" | "layer" | "all", "layer": L, "what": "weights" | "bias"}
 * }</pre>
 *
 * Every field may be left out ({@code {}}: all methods of the predicted output; the edges into the
 * outputs). Stateless.
 */
final class AnalysisSpecs {
    /** The two field names, for the lists of allowed fields. */
    static final List<String> FIELDS = List.of("attribution", "contest");

    private static final List<String> ATTRIBUTION_FIELDS = List.of("methods", "target", "samples");
    private static final List<String> CONTEST_FIELDS = List.of("scope", "layer", "what");
    private static final List<String> METHODS = Arrays.stream(Method.values()).map(Method::jsonName).toList();
    private static final List<String> SCOPES = Arrays.stream(ContestSettings.Scope.values())
            .map(ContestSettings.Scope::jsonName).toList();
    private static final List<String> WHATS = Arrays.stream(ContestSettings.What.values())
            .map(ContestSettings.What::jsonName).toList();

    private AnalysisSpecs() {
    }

    /** The two fields of {@code parent} (at {@code path}), problems reported to {@code checks}; null members when absent or bad. */
    static AnalysisSpec read(SpecChecks checks, JsonNode parent, String path) {
        JsonNode a = parent.get("attribution");
        JsonNode c = parent.get("contest");
        return new AnalysisSpec(a == null || a.isNull() ? null : attribution(checks, a, path + ".attribution"),
                c == null || c.isNull() ? null : contest(checks, c, path + ".contest"));
    }

    private static AttributionSettings attribution(SpecChecks checks, JsonNode n, String path) {
        if (!checks.expectObject(n, path)) {
            return null;
        }
        checks.onlyFields(n, path, ATTRIBUTION_FIELDS);
        int before = checks.problemCount();
        Set<Method> methods = EnumSet.allOf(Method.class);
        JsonNode m = n.get("methods");
        if (m != null) {
            methods = EnumSet.noneOf(Method.class);
            for (SpecChecks.Element e : checks.array(m, path + ".methods")) {
                String name = checks.choice(e.node(), e.path(), "attribution method", METHODS);
                if (name != null && !methods.add(Method.valueOf(name.toUpperCase(Locale.ROOT)))) {
                    checks.report(e.path() + ": '" + name + "' is listed twice; list each method once");
                }
            }
            if (m.isArray() && m.isEmpty()) {
                checks.report(path + ".methods: give at least one of " + String.join(", ", METHODS)
                        + ", or leave \"methods\" out for all of them");
            }
        }
        Target target = n.has("target") ? target(checks, n.get("target"), path + ".target") : Target.PREDICTED;
        Integer samples = n.has("samples") ? checks.intAtLeast(n.get("samples"), path + ".samples", 2)
                : Integer.valueOf(AttributionSettings.DEFAULT_SAMPLES);
        if (checks.problemCount() > before) {
            return null;
        }
        return new AttributionSettings(new ArrayList<>(methods), target, samples);
    }

    /** {@code "predicted"}, an output's id, or its 0-based index; whether it is an output is checked once the model is read. */
    private static Target target(SpecChecks checks, JsonNode n, String path) {
        if (n.isTextual()) {
            return n.textValue().equals("predicted") ? Target.PREDICTED : new Target(n.textValue(), null);
        }
        if (n.isIntegralNumber()) {
            Integer index = checks.intAtLeast(n, path, 0);
            return index == null ? null : new Target(null, index);
        }
        checks.report(path + ": expected \"predicted\", an output's name or its index (an integer ≥ 0), got "
                + checks.describe(n));
        return null;
    }

    private static ContestSettings contest(SpecChecks checks, JsonNode n, String path) {
        if (!checks.expectObject(n, path)) {
            return null;
        }
        checks.onlyFields(n, path, CONTEST_FIELDS);
        int before = checks.problemCount();
        String scope = n.has("scope") ? checks.choice(n.get("scope"), path + ".scope", "scope", SCOPES) : "output";
        String what = n.has("what") ? checks.choice(n.get("what"), path + ".what", "kind of parameter", WHATS) : "weights";
        Integer layer = 0;
        if ("layer".equals(scope)) {
            if (n.has("layer")) {
                layer = checks.intAtLeast(n.get("layer"), path + ".layer", 1);
            } else {
                checks.report(path + ": missing \"layer\": with \"scope\": \"layer\" give the layer whose incoming"
                        + " edges or biases may change (1 = the first hidden layer; the output layer is d+1)");
            }
        } else if (scope != null && n.has("layer")) {
            checks.report(path + ".layer: only allowed with \"scope\": \"layer\" (the scope is \"" + scope + "\")");
        }
        if (checks.problemCount() > before) {
            return null;
        }
        return new ContestSettings(ContestSettings.Scope.valueOf(scope.toUpperCase(Locale.ROOT)), layer,
                ContestSettings.What.valueOf(what.toUpperCase(Locale.ROOT)));
    }

    /** Writes the fields that are set into {@code parent}, every sub-field with its value. */
    static void write(ObjectNode parent, AnalysisSpec analysis) {
        AttributionSettings a = analysis.attribution();
        if (a != null) {
            ObjectNode n = parent.putObject("attribution");
            ArrayNode methods = n.putArray("methods");
            a.methods().forEach(m -> methods.add(m.jsonName()));
            Object target = a.target().jsonValue();
            if (target instanceof Integer i) {
                n.put("target", i);
            } else {
                n.put("target", (String) target);
            }
            n.put("samples", a.samples());
        }
        ContestSettings c = analysis.contest();
        if (c != null) {
            ObjectNode n = parent.putObject("contest");
            n.put("scope", c.scope().jsonName());
            if (c.scope() == ContestSettings.Scope.LAYER) {
                n.put("layer", c.layer());
            }
            n.put("what", c.what().jsonName());
        }
    }
}
