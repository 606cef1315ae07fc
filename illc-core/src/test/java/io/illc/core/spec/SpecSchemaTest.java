package io.illc.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.illc.core.catalog.PluginCatalog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/spec.schema.json against the example specs, the effective specs and the parser. */
class SpecSchemaTest {
    /** Surefire runs in the module folder; the docs and examples are siblings of it. */
    private static final Path SCHEMA = Path.of("..", "docs", "spec.schema.json");
    private static final Path EXAMPLES = Path.of("..", "examples", "specs");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(read(SCHEMA));

    private static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> examples() {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theDocumentedExamplesAreThere() {
        List<String> names = examples().stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("demo.json", "golden-bc-tiny.json", "iris.json", "csv-holdout.json")),
                names::toString);
    }

    @Test
    void everyExampleSpecValidatesAgainstTheSchema() {
        for (Path example : examples()) {
            Set<ValidationMessage> errors = schema.validate(read(example));
            assertEquals(Set.of(), errors, example::toString);
        }
    }

    @Test
    void everyEffectiveSpecValidatesAgainstTheSchema() {
        SpecParser parser = new SpecParser(FakePlugins.catalog());
        SpecWriter writer = new SpecWriter();
        for (String spec : SpecWriterTest.VARIED_SPECS) {
            JsonNode effective = writer.tree(parser.parse(spec, SpecParserTest.BASE, "demo"));
            assertEquals(Set.of(), schema.validate(effective), effective::toPrettyString);
            assertEquals(Set.of(), schema.validate(json(spec)), spec);
        }
    }

    @Test
    void theSchemaRejectsWhatTheParserRejectsWithoutPlugins() {
        List<String> invalid = List.of(
                "{\"sed\": 1}",
                "{\"seed\": \"zero\"}",
                "{\"specVersion\": 2}",
                "{\"data\": {\"builtin\": \"iris\", \"label\": \"x\"}}",
                "{\"data\": {\"builtin\": \"iris\", \"csv\": \"a.csv\"}}",
                "{\"model\": {\"train\": {\"epoch\": 3}}}",
                "{\"model\": {\"train\": {}, \"format\": \"onnx\"}}",
                "{\"compression\": {\"shrink\": 1}}",
                "{\"compression\": {\"shrink\": 0.5, \"clusters\": [2]}}",
                "{\"compression\": {\"clusters\": [0]}}",
                "{\"compression\": {\"rows\": {\"holdout\": 0}}}",
                "{\"compression\": {\"method\": \"sparx\"}}",
                "{\"compression\": {\"clustering\": {\"name\": \"kmeans\", \"parms\": {}}}}",
                "{\"compression\": {\"clustering\": \"kmeans\"}}",
                "{\"local\": {}}",
                "{\"local\": {\"instances\": [0], \"csv\": \"n.csv\"}}",
                "{\"local\": {\"instances\": [-1]}}",
                "{\"local\": {\"instances\": [0], \"kernel\": {\"width\": 0}}}",
                "{\"output\": \"\"}");
        SpecParser parser = new SpecParser(FakePlugins.catalog());
        for (String spec : invalid) {
            assertFalse(schema.validate(json(spec)).isEmpty(), () -> "the schema accepts " + spec);
            assertTrue(assertThrowsInput(parser, spec), () -> "the parser accepts " + spec);
        }
    }

    private static boolean assertThrowsInput(SpecParser parser, String spec) {
        try {
            parser.parse(spec, SpecParserTest.BASE, "x");
            return false;
        } catch (io.illc.core.InputException e) {
            return true;
        }
    }

    /** Needs the real plugins (illc-plugins is a test dependency): the examples must run as shipped. */
    @Test
    void everyExampleSpecParsesWithTheInstalledPluginsAndItsEffectiveSpecValidates() {
        SpecParser parser = new SpecParser(PluginCatalog.discover(List.of()));
        SpecWriter writer = new SpecWriter();
        for (Path example : examples()) {
            PipelineSpec spec = parser.parse(example);
            JsonNode effective = writer.tree(spec);
            assertEquals(Set.of(), schema.validate(effective), () -> example + ":\n" + effective.toPrettyString());
            // spec.json is written into the output folder, and its paths are relative to it.
            PipelineSpec again = parser.parse(new String(writer.write(spec), java.nio.charset.StandardCharsets.UTF_8),
                    spec.output(), "again");
            assertEquals(SpecWriterTest.withBase(spec, spec.output()), again, example::toString);
        }
    }
}
