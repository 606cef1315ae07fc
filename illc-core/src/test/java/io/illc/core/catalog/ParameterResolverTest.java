package io.illc.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.illc.api.ClusteringStrategy;
import io.illc.api.ClusteringStrategyFactory;
import io.illc.api.Parameter;
import io.illc.api.Parameters;
import io.illc.api.PluginKind;
import io.illc.core.InputException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterResolverTest {
    private static final Path BASE = Path.of("").toAbsolutePath().resolve("spec-folder").normalize();
    private static final String AT = "$.compression.clustering.params";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ParameterResolver resolver = new ParameterResolver();

    /** A clustering plugin with one parameter of every type. */
    private static final PluginDescriptor ALL_TYPES = plugin("every-type", List.of(
            Parameter.integer("restarts", 10, 1, 100, "seeded restarts"),
            Parameter.number("tolerance", 1e-4, 0, 1, "relative change to stop"),
            Parameter.bool("verbose", false, "log each restart"),
            new Parameter("label", Parameter.Type.STRING, "none", false, List.of(), Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY, "a free text"),
            Parameter.choice("linkage", "ward", List.of("ward", "average", "complete"), "linkage"),
            new Parameter("cache", Parameter.Type.PATH, "cache/dir", false, List.of(), Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY, "a folder"),
            Parameter.optionalNumber("cap", 0, Double.POSITIVE_INFINITY, "an optional cap"),
            Parameter.optionalInteger("limit", 1, 5, "an optional limit")));

    private static final PluginDescriptor NEEDS_FILE = plugin("labels",
            List.of(Parameter.requiredPath("file", "a JSON file of labels")));

    private static PluginDescriptor plugin(String name, List<Parameter> parameters) {
        ClusteringStrategyFactory f = new ClusteringStrategyFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "test plugin";
            }

            @Override
            public List<Parameter> parameters() {
                return parameters;
            }

            @Override
            public ClusteringStrategy create(Parameters p) {
                return (points, k, seed) -> {
                    throw new UnsupportedOperationException("test");
                };
            }
        };
        return new PluginDescriptor(PluginKind.CLUSTERING, name, f, "test");
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Parameters resolveOk(PluginDescriptor p, String params) {
        List<String> problems = new ArrayList<>();
        Parameters result = resolver.resolve(p, params == null ? null : json(params), AT, BASE, problems);
        assertEquals(List.of(), problems);
        return result;
    }

    private List<String> problems(PluginDescriptor p, String params) {
        List<String> problems = new ArrayList<>();
        resolver.resolve(p, json(params), AT, BASE, problems);
        return problems;
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void mergesEveryDefaultInDeclarationOrderAndLeavesOptionalsOut() {
        Parameters p = resolveOk(ALL_TYPES, null);
        assertEquals(map("restarts", 10, "tolerance", 1e-4, "verbose", false, "label", "none", "linkage", "ward",
                "cache", BASE.resolve("cache/dir")), p.asMap());
        assertEquals(List.of("restarts", "tolerance", "verbose", "label", "linkage", "cache"), List.copyOf(p.asMap().keySet()));
    }

    @Test
    void givenValuesReplaceDefaultsWithTheDeclaredValueTypes() {
        Parameters p = resolveOk(ALL_TYPES, """
                {"linkage": "average", "restarts": 3, "tolerance": 1, "verbose": true, "label": "x",
                 "cache": "../c", "cap": 2, "limit": 5}
                """);
        assertEquals(map("restarts", 3, "tolerance", 1.0, "verbose", true, "label", "x", "linkage", "average",
                "cache", BASE.getParent().resolve("c"), "cap", 2.0, "limit", 5), p.asMap());
        assertTrue(p.asMap().get("tolerance") instanceof Double, "an integral JSON number is a Double for NUMBER");
    }

    @Test
    void jsonNullLeavesAParameterAtItsDefaultOrUnset() {
        assertEquals(map("restarts", 10, "tolerance", 1e-4, "verbose", false, "label", "none", "linkage", "ward",
                "cache", BASE.resolve("cache/dir")), resolveOk(ALL_TYPES, "{\"restarts\": null, \"cap\": null}").asMap());
    }

    @Test
    void noParamsObjectAndAnEmptyOneMeanTheSame() {
        assertEquals(resolveOk(ALL_TYPES, null), resolveOk(ALL_TYPES, "{}"));
        assertEquals(resolveOk(ALL_TYPES, null), resolveOk(ALL_TYPES, "null"));
    }

    @Test
    void anUnknownParameterNamesThePluginTheKnownOnesAndTheClosest() {
        assertEquals(List.of(AT + ".restart: unknown parameter 'restart' of clustering 'every-type'; known: cache, cap,"
                        + " label, limit, linkage, restarts, tolerance, verbose; did you mean 'restarts'?"),
                problems(ALL_TYPES, "{\"restart\": 3}"));
    }

    @Test
    void aPluginWithoutParametersSaysSo() {
        assertEquals(List.of(AT + ".k: unknown parameter 'k' of clustering 'none'; known: none (it takes no parameters)"),
                problems(plugin("none", List.of()), "{\"k\": 3}"));
    }

    @Test
    void paramsMustBeAnObject() {
        assertEquals(List.of(AT + ": expected an object of parameters, got an array"), problems(ALL_TYPES, "[1]"));
    }

    @Test
    void wrongTypesNameTheExpectedTypeAndTheValue() {
        assertEquals(List.of(
                AT + ".restarts: expected an integer, got 2.5",
                AT + ".tolerance: expected a number, got \"small\"",
                AT + ".verbose: expected true or false, got \"true\"",
                AT + ".label: expected a string, got 4",
                AT + ".linkage: expected one of ward, average, complete, got true",
                AT + ".cache: expected a file path (a string), got an object"),
                problems(ALL_TYPES, """
                        {"restarts": 2.5, "tolerance": "small", "verbose": "true", "label": 4, "linkage": true,
                         "cache": {}}
                        """));
    }

    @Test
    void anIntegerWrittenWithAFractionPartIsNotAnInteger() {
        assertEquals(List.of(AT + ".restarts: expected an integer, got 3.0"), problems(ALL_TYPES, "{\"restarts\": 3.0}"));
    }

    @Test
    void anIntegerBeyondIntRangeIsOutOfRange() {
        assertEquals(List.of(AT + ".restarts: integer 3000000000 is out of range"),
                problems(ALL_TYPES, "{\"restarts\": 3000000000}"));
    }

    @Test
    void boundsAreInclusive() {
        Parameters p = resolveOk(ALL_TYPES, "{\"restarts\": 100, \"tolerance\": 0, \"limit\": 1}");
        assertEquals(100, p.getInt("restarts"));
        assertEquals(0.0, p.getDouble("tolerance"));
        assertEquals(1, p.getInt("limit"));
        assertEquals(List.of(
                AT + ".restarts: must be at least 1, got 0",
                AT + ".tolerance: must be at most 1, got 1.5",
                AT + ".cap: must be at least 0, got -0.25",
                AT + ".limit: must be at most 5, got 6"),
                problems(ALL_TYPES, "{\"restarts\": 0, \"tolerance\": 1.5, \"cap\": -0.25, \"limit\": 6}"));
    }

    @Test
    void aChoiceOutsideTheChoicesListsThemAndTheClosest() {
        assertEquals(List.of(AT + ".linkage: unknown value 'wrd' for parameter 'linkage'; allowed: ward, average, complete;"
                + " did you mean 'ward'?"), problems(ALL_TYPES, "{\"linkage\": \"wrd\"}"));
    }

    @Test
    void aMissingRequiredParameterIsReportedAtTheParamsObject() {
        assertEquals(List.of(AT + ": missing required parameter 'file' of clustering 'labels' (a file path: a JSON file of labels)"),
                problems(NEEDS_FILE, "{}"));
        assertEquals(List.of(AT + ": missing required parameter 'file' of clustering 'labels' (a file path: a JSON file of labels)"),
                problems(NEEDS_FILE, "{\"file\": null}"));
    }

    @Test
    void pathsResolveAgainstTheBaseFolderAndAbsolutePathsStay() {
        assertEquals(BASE.resolve("labels.json"), resolveOk(NEEDS_FILE, "{\"file\": \"./x/../labels.json\"}").getPath("file"));
        Path absolute = BASE.getRoot().resolve("tmp").resolve("labels.json");
        assertEquals(absolute, resolveOk(NEEDS_FILE, "{\"file\": " + MAPPER.valueToTree(absolute.toString()) + "}")
                .getPath("file"));
        assertEquals(List.of(AT + ".file: expected a file path, got an empty string"), problems(NEEDS_FILE, "{\"file\": \"\"}"));
    }

    @Test
    void reportsEveryProblemOfOneParamsObject() {
        assertEquals(3, problems(ALL_TYPES, "{\"restarts\": 0, \"linkage\": \"x\", \"foo\": 1}").size());
    }

    // ---- command-line values ----

    @Test
    void commandLineValuesAreParsedByTheDeclaredType() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("restarts", "7");
        given.put("tolerance", " 0.5 ");
        given.put("verbose", "true");
        given.put("label", " spaced ");
        given.put("linkage", "complete");
        given.put("cache", "out");
        given.put("limit", "2");
        Parameters p = resolver.resolveStrings(ALL_TYPES, given, BASE);
        assertEquals(map("restarts", 7, "tolerance", 0.5, "verbose", true, "label", " spaced ", "linkage", "complete",
                "cache", BASE.resolve("out"), "limit", 2), p.asMap());
    }

    @Test
    void commandLineProblemsAreAllThrownTogether() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("restarts", "many");
        given.put("tolerance", "NaN");
        given.put("verbose", "yes");
        given.put("linkage", "wrd");
        given.put("restart", "2");
        given.put("limit", "9");
        InputException e = assertThrows(InputException.class, () -> resolver.resolveStrings(ALL_TYPES, given, BASE));
        assertEquals(List.of(
                "--param restarts=many: expected an integer, got 'many'",
                "--param tolerance=NaN: expected a finite number, got 'NaN'",
                "--param verbose=yes: expected true or false, got 'yes'",
                "--param linkage=wrd: unknown value 'wrd' for parameter 'linkage'; allowed: ward, average, complete;"
                        + " did you mean 'ward'?",
                "--param restart=2: unknown parameter 'restart' of clustering 'every-type'; known: cache, cap, label,"
                        + " limit, linkage, restarts, tolerance, verbose; did you mean 'restarts'?",
                "--param limit=9: must be at most 5, got 9"), e.problems());
    }

    @Test
    void commandLineRequiredParametersMustBeGiven() {
        InputException e = assertThrows(InputException.class, () -> resolver.resolveStrings(NEEDS_FILE, Map.of(), BASE));
        assertEquals(List.of("missing required parameter 'file' of clustering 'labels' (a file path: a JSON file of labels);"
                + " give it with --param NAME=VALUE"), e.problems());
        assertEquals(BASE.resolve("l.json"), resolver.resolveStrings(NEEDS_FILE, Map.of("file", "l.json"), BASE).getPath("file"));
    }
}
