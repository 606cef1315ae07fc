package io.illc.plugins.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.illc.api.Activation;
import io.illc.api.Argument;
import io.illc.api.Edge;
import io.illc.api.Qbaf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonRendererTest {
    /** Surefire runs in the module folder; the schema is published with the docs. */
    private static final Path SCHEMA = Path.of("../docs/qbaf.schema.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    private static String render(Qbaf qbaf) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonRenderer.INSTANCE.render(qbaf, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Set<ValidationMessage> validate(JsonNode document) {
        return schema.validate(document);
    }

    @Test
    void writesAParameterisedActivationAsAnObjectTheSchemaAccepts() throws IOException {
        Qbaf relu = HandQbaf.global();
        List<Argument> arguments = new ArrayList<>();
        for (Argument a : relu.arguments()) {
            Double beta = a.baseScore();
            if (a.kind() == Argument.Kind.CLUSTER) {
                beta = (a.layer() == 1 ? Activation.leakyRelu(0.2) : Activation.GELU).apply(a.bias());
            }
            arguments.add(new Argument(a.id(), a.layer(), a.kind(), a.label(), a.members(), a.bias(), beta, a.strength()));
        }
        Qbaf qbaf = new Qbaf(arguments, relu.edges(), List.of(Activation.leakyRelu(0.2), Activation.GELU, Activation.SOFTMAX), null);

        String json = render(qbaf);

        assertTrue(json.contains("\"activations\": [{\"name\": \"leaky-relu\", \"slope\": 0.2}, \"gelu\", \"softmax\"]"), json);
        assertEquals(Set.of(), validate(new ObjectMapper().readTree(json)));
    }

    @Test
    void writesTheGlobalHandQbafExactly() throws IOException {
        String expected = """
                {
                  "format": "illc-qbaf",
                  "version": 1,
                  "activations": ["relu", "relu", "softmax"],
                  "arguments": [
                    {"id": "a", "layer": 0, "kind": "input", "label": "a"},
                    {"id": "b", "layer": 0, "kind": "input", "label": "b"},
                    {"id": "C1.0", "layer": 1, "kind": "cluster", "label": "C1.0 (2 neurons)", "members": [0, 2], "bias": 0.5, "baseScore": 0.5},
                    {"id": "C1.1", "layer": 1, "kind": "cluster", "label": "C1.1 (2 neurons)", "members": [1, 3], "bias": -1.0, "baseScore": 0.0},
                    {"id": "C2.0", "layer": 2, "kind": "cluster", "label": "C2.0 (1 neuron)", "members": [0], "bias": 0.0, "baseScore": 0.0},
                    {"id": "C2.1", "layer": 2, "kind": "cluster", "label": "C2.1 (2 neurons)", "members": [1, 2], "bias": 0.25, "baseScore": 0.25},
                    {"id": "no", "layer": 3, "kind": "output", "label": "no", "bias": 0.0},
                    {"id": "yes", "layer": 3, "kind": "output", "label": "yes", "bias": 0.5}
                  ],
                  "edges": [
                    {"source": "a", "target": "C1.0", "weight": 1.0, "relation": "support"},
                    {"source": "b", "target": "C1.0", "weight": -2.0, "relation": "attack"},
                    {"source": "b", "target": "C1.1", "weight": 0.5, "relation": "support"},
                    {"source": "C1.0", "target": "C2.0", "weight": 2.0, "relation": "support"},
                    {"source": "C1.0", "target": "C2.1", "weight": -1.0, "relation": "attack"},
                    {"source": "C1.1", "target": "C2.1", "weight": 3.0, "relation": "support"},
                    {"source": "C2.0", "target": "no", "weight": 1.0, "relation": "support"},
                    {"source": "C2.1", "target": "yes", "weight": -1.0, "relation": "attack"}
                  ]
                }
                """;
        assertEquals(expected, render(HandQbaf.global()));
    }

    @Test
    void writesTheExplainedRowAndEveryStrength() throws IOException {
        String json = render(HandQbaf.local());
        JsonNode doc = MAPPER.readTree(json);

        assertTrue(json.contains("""
                  "local": {
                    "row": 7,
                    "featureValues": [2.0, 0.5],
                    "prediction": "no",
                    "trueLabel": "yes"
                  },
                """), json);
        JsonNode arguments = doc.get("arguments");
        for (int i = 0; i < HandQbaf.STRENGTHS.length; i++) {
            assertEquals(HandQbaf.STRENGTHS[i], arguments.get(i).get("strength").doubleValue(), 0, "argument " + i);
        }
        assertEquals(List.of("format", "version", "activations", "local", "arguments", "edges"), fieldNames(doc));
        assertEquals(List.of("id", "layer", "kind", "label", "members", "bias", "baseScore", "strength"),
                fieldNames(arguments.get(2)));
        assertEquals(List.of("source", "target", "weight", "relation"), fieldNames(doc.get("edges").get(0)));
        assertEquals(Set.of(), validate(doc));
    }

    @Test
    void givesElementWiseOutputsTheirBaseScore() throws IOException {
        JsonNode yes = MAPPER.readTree(render(HandQbaf.sigmoidOutput())).get("arguments").get(6);

        assertEquals("yes", yes.get("id").asText());
        assertEquals(1 / (1 + Math.exp(-0.5)), yes.get("baseScore").doubleValue(), 0);
    }

    @Test
    void writesDoublesInTheirShortestRoundTripForm() throws IOException {
        // JDK 17's Double.toString writes these as 2.82879384806159008E17 and 9.999999999999999E22.
        Qbaf qbaf = new Qbaf(List.of(new Argument("x", 0, Argument.Kind.INPUT, "x", List.of(), null, null, null),
                new Argument("y", 1, Argument.Kind.OUTPUT, "y", List.of(), 1.0E23, 1.0E23, 0.1 + 0.2)),
                List.of(new Edge("x", "y", 2.82879384806159E17)), List.of(Activation.LINEAR), null);

        String json = render(qbaf);

        assertTrue(json.contains("\"bias\": 1.0E23, \"baseScore\": 1.0E23, \"strength\": 0.30000000000000004}"), json);
        assertTrue(json.contains("\"weight\": 2.82879384806159E17"), json);
        assertEquals(2.82879384806159E17, MAPPER.readTree(json).get("edges").get(0).get("weight").doubleValue(), 0);
    }

    @Test
    void everyRenderedDocumentSatisfiesThePublishedSchema() throws IOException {
        Random random = new Random(11);
        List<Qbaf> qbafs = List.of(HandQbaf.global(), HandQbaf.local(), HandQbaf.sigmoidOutput(),
                DotRendererTest.randomQbaf(random), DotRendererTest.randomQbaf(random),
                new Qbaf(List.of(), List.of(), List.of(Activation.SOFTMAX), null));
        for (Qbaf qbaf : qbafs) {
            assertEquals(Set.of(), validate(MAPPER.readTree(render(qbaf))));
        }
    }

    @Test
    void thePublishedSchemaIsAValidDraft202012Schema() throws IOException {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of(SchemaId.V202012));
        assertEquals(Set.of(), meta.validate(MAPPER.readTree(SCHEMA.toFile())));
    }

    @Test
    void theSchemaRejectsDocumentsThatBreakTheFormat() throws IOException {
        assertRejected(doc -> doc.put("version", 2));
        assertRejected(doc -> doc.put("extra", true));
        assertRejected(doc -> edge(doc, 0).put("relation", "attack"));
        assertRejected(doc -> edge(doc, 1).put("weight", 0.0));
        assertRejected(doc -> argument(doc, 2).remove("members"));
        assertRejected(doc -> argument(doc, 0).put("bias", 1.0));
        assertRejected(doc -> argument(doc, 6).put("baseScore", 0.5));
        assertRejected(doc -> argument(doc, 3).put("kind", "hidden"));
        assertRejected(doc -> doc.remove("activations"));
        assertRejected(doc -> doc.putArray("activations"));
        assertRejected(doc -> doc.putArray("activations").add("relu").add("swish"));
        assertRejected(doc -> doc.putArray("activations").add("softmax").add("relu").add("softmax"));
        assertRejected(doc -> doc.put("outputActivation", "softmax"));
    }

    private void assertRejected(Consumer<ObjectNode> breakIt) throws IOException {
        ObjectNode doc = (ObjectNode) MAPPER.readTree(render(HandQbaf.global()));
        breakIt.accept(doc);
        assertFalse(validate(doc).isEmpty(), "the schema accepted " + doc);
    }

    private static ObjectNode edge(ObjectNode doc, int i) {
        return (ObjectNode) ((ArrayNode) doc.get("edges")).get(i);
    }

    private static ObjectNode argument(ObjectNode doc, int i) {
        return (ObjectNode) ((ArrayNode) doc.get("arguments")).get(i);
    }

    @Test
    void theDocumentAloneIsEnoughToReEvaluateEveryStrength() throws IOException {
        JsonNode doc = MAPPER.readTree(render(HandQbaf.local()));

        double[] strengths = evaluate(doc);

        assertArrayEquals(HandQbaf.STRENGTHS, strengths, 1e-15);
    }

    /**
     * The semantics docs/qbaf.md gives a reader, using nothing but the document: the inputs (listed
     * first) take the explained row's feature values; the arguments of layer l take
     * φ_l(bias + Σ weight × source strength), φ_l = {@code activations[l - 1]} applied across the
     * layer (softmax normalises over it).
     */
    private static double[] evaluate(JsonNode doc) {
        JsonNode arguments = doc.get("arguments");
        JsonNode activations = doc.get("activations");
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < arguments.size(); i++) {
            index.put(arguments.get(i).get("id").asText(), i);
        }
        double[] s = new double[arguments.size()];
        JsonNode row = doc.get("local").get("featureValues");
        for (int i = 0; i < row.size(); i++) {
            s[i] = row.get(i).doubleValue();
        }
        for (int layer = 1; layer <= activations.size(); layer++) {
            List<Integer> inLayer = new ArrayList<>();
            for (int i = 0; i < arguments.size(); i++) {
                if (arguments.get(i).get("layer").intValue() == layer) {
                    inLayer.add(i);
                }
            }
            double[] z = inLayer.stream().mapToDouble(i -> arguments.get(i).get("bias").doubleValue()).toArray();
            for (JsonNode e : doc.get("edges")) {
                int k = inLayer.indexOf(index.get(e.get("target").asText()));
                if (k >= 0) {
                    z[k] += e.get("weight").doubleValue() * s[index.get(e.get("source").asText())];
                }
            }
            Activation.fromName(activations.get(layer - 1).asText()).applyToRow(z);
            for (int k = 0; k < z.length; k++) {
                s[inLayer.get(k)] = z[k];
            }
        }
        return s;
    }

    @Test
    void rendersTheSameBytesEveryTimeAndLeavesTheStreamOpen() throws IOException {
        DotRendererTest.CloseTrackingStream first = new DotRendererTest.CloseTrackingStream();
        JsonRenderer.INSTANCE.render(HandQbaf.local(), first);
        DotRendererTest.CloseTrackingStream second = new DotRendererTest.CloseTrackingStream();
        JsonRenderer.INSTANCE.render(HandQbaf.local(), second);

        assertArrayEquals(first.toByteArray(), second.toByteArray());
        assertFalse(first.closed);
        assertEquals("json", JsonRenderer.INSTANCE.fileExtension());
    }

    @Test
    void refusesNumbersJsonCannotHoldBeforeWritingAnything() {
        Qbaf qbaf = new Qbaf(List.of(new Argument("x", 0, Argument.Kind.INPUT, "x", List.of(), null, null, Double.NaN),
                new Argument("y", 1, Argument.Kind.OUTPUT, "y", List.of(), 0.0, 0.0, null)),
                List.of(), List.of(Activation.LINEAR), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonRenderer.INSTANCE.render(qbaf, out));
        assertEquals("a number of argument 'x' is NaN, which JSON cannot hold", e.getMessage());
        assertEquals(0, out.size());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
