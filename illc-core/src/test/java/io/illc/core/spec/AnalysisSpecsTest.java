package io.illc.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.illc.core.InputException;
import io.illc.core.attribution.AttributionSettings;
import io.illc.core.attribution.AttributionSettings.Method;
import io.illc.core.attribution.AttributionSettings.Target;
import io.illc.core.attribution.ContestSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The spec's "attribution" and "contest" fields: defaults, strict errors at their paths, the effective spec and the schema. */
class AnalysisSpecsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final SpecParser parser = new SpecParser(FakePlugins.catalog());
    private final JsonSchema schema;

    AnalysisSpecsTest() throws IOException {
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(MAPPER.readTree(Path.of("..", "docs", "spec.schema.json").toFile()));
    }

    private PipelineSpec parse(String json) {
        return parser.parse(json, SpecParserTest.BASE, "demo.json");
    }

    private List<String> problems(String json) {
        return assertThrows(InputException.class, () -> parse(json)).problems();
    }

    @Test
    void anEmptyObjectMeansEveryMethodOfThePredictedOutputAndTheEdgesIntoTheOutputs() {
        PipelineSpec s = parse("{\"attribution\": {}, \"contest\": {}}");

        assertEquals(new AttributionSettings(List.of(Method.GRADIENT, Method.REMOVAL, Method.SHAPLEY), Target.PREDICTED, 1000),
                s.analysis().attribution());
        assertEquals(ContestSettings.DEFAULT, s.analysis().contest());
        assertEquals(AnalysisSpec.NONE, parse("{}").analysis());
    }

    @Test
    void theLocalSectionHasItsOwnFieldsAndATargetMayBeANameOrAnIndex() {
        PipelineSpec s = parse("""
                {"attribution": {"target": "malignant"},
                 "local": {"instances": [0], "attribution": {"methods": ["shapley"], "target": 1, "samples": 50},
                           "contest": {"scope": "layer", "layer": 2, "what": "bias"}}}""");

        assertEquals(new Target("malignant", null), s.analysis().attribution().target());
        assertNull(s.analysis().contest());
        assertEquals(new AttributionSettings(List.of(Method.SHAPLEY), new Target(null, 1), 50), s.local().analysis().attribution());
        assertEquals(new ContestSettings(ContestSettings.Scope.LAYER, 2, ContestSettings.What.BIAS), s.local().analysis().contest());
    }

    @Test
    void everyProblemIsReportedAtItsJsonPath() {
        assertEquals(List.of(
                        "$.attribution.methods[1]: unknown attribution method 'lime'; allowed: gradient, removal, shapley",
                        "$.attribution.target: expected \"predicted\", an output's name or its index (an integer ≥ 0), got true",
                        "$.attribution.samples: must be at least 2, got 1",
                        "$.contest.layer: only allowed with \"scope\": \"layer\" (the scope is \"all\")"),
                problems("""
                        {"attribution": {"methods": ["removal", "lime"], "target": true, "samples": 1},
                         "contest": {"scope": "all", "layer": 1}}"""));
        assertEquals(List.of("$.local.attribution.methods[1]: 'removal' is listed twice; list each method once",
                        "$.local.contest: missing \"layer\": with \"scope\": \"layer\" give the layer whose incoming"
                        + " edges or biases may change (1 = the first hidden layer; the output layer is d+1)"),
                problems("{\"local\": {\"instances\": [0], \"contest\": {\"scope\": \"layer\"},"
                        + " \"attribution\": {\"methods\": [\"removal\", \"removal\"]}}}"));
        assertEquals(List.of("$.contest.wat: unknown field 'wat'; allowed: scope, layer, what; did you mean 'what'?"),
                problems("{\"contest\": {\"wat\": \"bias\"}}"));
    }

    @Test
    void theEffectiveSpecWritesEveryFieldReadsBackEqualAndValidatesAgainstTheSchema() throws IOException {
        String json = """
                {"attribution": {"methods": ["removal"], "target": 2}, "contest": {"what": "bias"},
                 "local": {"instances": [3], "attribution": {}, "contest": {"scope": "layer", "layer": 1}}}""";
        PipelineSpec spec = parse(json);
        SpecWriter writer = new SpecWriter();

        JsonNode effective = writer.tree(spec);

        assertEquals("{\"methods\":[\"removal\"],\"target\":2,\"samples\":1000}", effective.get("attribution").toString());
        assertEquals("{\"scope\":\"output\",\"what\":\"bias\"}", effective.get("contest").toString());
        assertEquals("{\"scope\":\"layer\",\"layer\":1,\"what\":\"weights\"}", effective.get("local").get("contest").toString());
        PipelineSpec again = parser.parse(new String(writer.write(spec), StandardCharsets.UTF_8), spec.output(), "again");
        assertEquals(SpecWriterTest.withBase(spec, spec.output()), again);
        assertEquals(Set.of(), schema.validate(effective));
        assertEquals(Set.of(), schema.validate(MAPPER.readTree(json)));
    }

    @Test
    void theSchemaRejectsWhatTheParserRejects() throws IOException {
        for (String bad : List.of("{\"attribution\": {\"methods\": []}}", "{\"attribution\": {\"methods\": [\"lime\"]}}",
                "{\"contest\": {\"scope\": \"layer\"}}", "{\"contest\": {\"layer\": 1}}", "{\"contest\": {\"what\": \"edges\"}}",
                "{\"attribution\": {\"samples\": 1}}")) {
            assertFalse(schema.validate(MAPPER.readTree(bad)).isEmpty(), bad);
            assertFalse(problems(bad).isEmpty(), bad);
        }
    }
}
