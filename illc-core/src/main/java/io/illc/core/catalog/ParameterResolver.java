package io.illc.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.illc.api.Parameter;
import io.illc.api.Parameters;
import io.illc.core.InputException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns the parameter values a user gave for a plugin (a spec's {@code params} object or
 * command-line {@code --param key=value} pairs) into checked, fully defaulted {@link Parameters}:
 * defaults merged in, unknown names rejected with a "did you mean", types, choices and inclusive
 * bounds checked, required parameters demanded, {@code PATH} values resolved against the spec
 * folder. Optional parameters that were not given are absent from the result.
 *
 * <p>Values in the result are {@code Integer}, {@code Double}, {@code Boolean}, {@code String} or an
 * absolute, normalized {@link Path}, in the plugin's declaration order. Stateless and thread-safe.
 */
public final class ParameterResolver {

    public ParameterResolver() {
        // Stateless: one instance can serve every spec.
    }

    /**
     * Resolves a spec's {@code params} object.
     *
     * @param plugin   the plugin the values are for
     * @param params   the {@code params} node, or {@code null} (absent or JSON null) for all defaults
     * @param jsonPath the JSON path of the {@code params} object, e.g. {@code $.compression.clustering.params}
     * @param baseDir  the folder relative {@code PATH} values resolve against
     * @param problems where every problem found is added, as {@code "<json path>: <message>"}
     * @return the resolved values; when problems were added, a best-effort result that must not be used
     */
    public Parameters resolve(PluginDescriptor plugin, JsonNode params, String jsonPath, Path baseDir,
                              List<String> problems) {
        Map<String, Parameter> declared = declared(plugin);
        Map<String, Object> given = new LinkedHashMap<>();
        Set<String> rejected = new HashSet<>();
        if (params != null && !params.isNull()) {
            if (!params.isObject()) {
                problems.add(jsonPath + ": expected an object of parameters, got " + describe(params));
                return Parameters.empty();
            }
            Iterator<Map.Entry<String, JsonNode>> fields = params.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String path = jsonPath + "." + field.getKey();
                Parameter p = declared.get(field.getKey());
                if (p == null) {
                    problems.add(path + ": " + unknownParameter(plugin, field.getKey(), declared));
                    continue;
                }
                JsonNode node = field.getValue();
                if (node.isNull()) {
                    // JSON null = "not given": the default applies, an optional parameter stays unset,
                    // a required one is reported missing below.
                    continue;
                }
                Checked c = fromJson(p, node, baseDir);
                if (c.error() != null) {
                    problems.add(path + ": " + c.error());
                    rejected.add(p.name());
                } else {
                    given.put(p.name(), c.value());
                }
            }
        }
        return merge(plugin, declared, given, rejected, baseDir, missing -> problems.add(jsonPath + ": " + missing));
    }

    /**
     * Resolves command-line {@code --param key=value} pairs.
     *
     * @throws InputException listing every problem, one per line
     */
    public Parameters resolveStrings(PluginDescriptor plugin, Map<String, String> given, Path baseDir) {
        Map<String, Parameter> declared = declared(plugin);
        List<String> problems = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> rejected = new HashSet<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            String where = "--param " + e.getKey() + "=" + e.getValue();
            Parameter p = declared.get(e.getKey());
            if (p == null) {
                problems.add(where + ": " + unknownParameter(plugin, e.getKey(), declared));
                continue;
            }
            Checked c = fromString(p, e.getValue(), baseDir);
            if (c.error() != null) {
                problems.add(where + ": " + c.error());
                rejected.add(p.name());
            } else {
                values.put(p.name(), c.value());
            }
        }
        Parameters result = merge(plugin, declared, values, rejected, baseDir,
                missing -> problems.add(missing + "; give it with --param NAME=VALUE"));
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return result;
    }

    private static Map<String, Parameter> declared(PluginDescriptor plugin) {
        Map<String, Parameter> byName = new LinkedHashMap<>();
        List<Parameter> parameters = PluginException.guard(plugin, "failed to list its parameters",
                () -> plugin.factory().parameters());
        for (Parameter p : parameters) {
            byName.put(p.name(), p);
        }
        return byName;
    }

    /**
     * Given values, then defaults for the rest, in declaration order. A required parameter whose
     * value was {@code rejected} is already reported, so it is not reported missing as well.
     */
    private static Parameters merge(PluginDescriptor plugin, Map<String, Parameter> declared, Map<String, Object> given,
                                    Set<String> rejected, Path baseDir, Consumer<String> missing) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter p : declared.values()) {
            if (given.containsKey(p.name())) {
                values.put(p.name(), given.get(p.name()));
            } else if (p.defaultValue() != null) {
                values.put(p.name(), canonicalDefault(p, baseDir));
            } else if (p.required() && !rejected.contains(p.name())) {
                missing.accept("missing required parameter '" + p.name() + "' of " + plugin.kind().label()
                        + " '" + plugin.name() + "' (" + typeName(p) + ": " + p.description() + ")");
            }
        }
        return Parameters.of(values);
    }

    /** Defaults as declared, in the value types {@link Parameters} promises. */
    private static Object canonicalDefault(Parameter p, Path baseDir) {
        Object d = p.defaultValue();
        return switch (p.type()) {
            case INTEGER -> ((Number) d).intValue();
            case NUMBER -> ((Number) d).doubleValue();
            case PATH -> baseDir.resolve(d.toString()).toAbsolutePath().normalize();
            case BOOLEAN, STRING, CHOICE -> d;
        };
    }

    private static String unknownParameter(PluginDescriptor plugin, String name, Map<String, Parameter> declared) {
        List<String> known = declared.keySet().stream().sorted().toList();
        return "unknown parameter '" + name + "' of " + plugin.kind().label() + " '" + plugin.name() + "'; known: "
                + (known.isEmpty() ? "none (it takes no parameters)" : String.join(", ", known))
                + Suggestions.didYouMean(name, known);
    }

    /** A converted value or the reason it was rejected. */
    private record Checked(Object value, String error) {
        static Checked ok(Object value) {
            return new Checked(value, null);
        }

        static Checked fail(String error) {
            return new Checked(null, error);
        }
    }

    private static Checked fromJson(Parameter p, JsonNode node, Path baseDir) {
        return switch (p.type()) {
            case INTEGER -> node.isIntegralNumber() && node.canConvertToInt()
                    ? bounded(p, node.intValue())
                    : Checked.fail(node.isIntegralNumber() ? "integer " + node + " is out of range"
                    : "expected an integer, got " + describe(node));
            case NUMBER -> node.isNumber() && Double.isFinite(node.doubleValue())
                    ? bounded(p, node.doubleValue())
                    : Checked.fail("expected a number, got " + describe(node));
            case BOOLEAN -> node.isBoolean()
                    ? Checked.ok(node.booleanValue())
                    : Checked.fail("expected true or false, got " + describe(node));
            case STRING -> node.isTextual()
                    ? Checked.ok(node.textValue())
                    : Checked.fail("expected a string, got " + describe(node));
            case CHOICE -> node.isTextual()
                    ? choice(p, node.textValue())
                    : Checked.fail("expected one of " + String.join(", ", p.choices()) + ", got " + describe(node));
            case PATH -> node.isTextual()
                    ? path(node.textValue(), baseDir)
                    : Checked.fail("expected a file path (a string), got " + describe(node));
        };
    }

    private static Checked fromString(Parameter p, String text, Path baseDir) {
        String s = text.strip();
        return switch (p.type()) {
            case INTEGER -> {
                try {
                    yield bounded(p, Integer.parseInt(s));
                } catch (NumberFormatException e) {
                    yield Checked.fail("expected an integer, got '" + text + "'");
                }
            }
            case NUMBER -> {
                try {
                    double v = Double.parseDouble(s);
                    yield Double.isFinite(v) ? bounded(p, v) : Checked.fail("expected a finite number, got '" + text + "'");
                } catch (NumberFormatException e) {
                    yield Checked.fail("expected a number, got '" + text + "'");
                }
            }
            case BOOLEAN -> s.equals("true") || s.equals("false")
                    ? Checked.ok(Boolean.parseBoolean(s))
                    : Checked.fail("expected true or false, got '" + text + "'");
            case STRING -> Checked.ok(text);
            case CHOICE -> choice(p, s);
            case PATH -> path(s, baseDir);
        };
    }

    private static Checked bounded(Parameter p, int v) {
        Checked c = bounds(p, v);
        return c != null ? c : Checked.ok(v);
    }

    private static Checked bounded(Parameter p, double v) {
        Checked c = bounds(p, v);
        return c != null ? c : Checked.ok(v);
    }

    private static Checked bounds(Parameter p, double v) {
        if (v < p.min()) {
            return Checked.fail("must be at least " + formatNumber(p.min()) + ", got " + formatNumber(v));
        }
        if (v > p.max()) {
            return Checked.fail("must be at most " + formatNumber(p.max()) + ", got " + formatNumber(v));
        }
        return null;
    }

    private static Checked choice(Parameter p, String value) {
        return p.choices().contains(value)
                ? Checked.ok(value)
                : Checked.fail("unknown value '" + value + "' for parameter '" + p.name() + "'; allowed: "
                + String.join(", ", p.choices()) + Suggestions.didYouMean(value, p.choices()));
    }

    private static Checked path(String value, Path baseDir) {
        if (value.isBlank()) {
            return Checked.fail("expected a file path, got an empty string");
        }
        try {
            return Checked.ok(baseDir.resolve(value).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            return Checked.fail("'" + value + "' is not a valid path: " + e.getReason());
        }
    }

    private static String typeName(Parameter p) {
        return switch (p.type()) {
            case INTEGER -> "an integer";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case STRING -> "a string";
            case CHOICE -> "one of " + String.join(", ", p.choices());
            case PATH -> "a file path";
        };
    }

    /**
     * How a JSON value is quoted in messages: scalars as JSON text ({@code "zero"}, {@code 2.5},
     * {@code null}), containers by kind ({@code an object}, {@code an array}) so a message stays one
     * short line.
     */
    public static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        return node.toString();
    }

    /** A number as a user would write it: integral values without {@code .0}. */
    public static String formatNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
