package io.illc.core.qbaf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.illc.api.Activation;
import io.illc.core.model.WeightsJson;
import io.illc.api.Argument;
import io.illc.api.Edge;
import io.illc.api.LocalContext;
import io.illc.api.Qbaf;
import io.illc.core.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code illc-qbaf} JSON document that the {@code json} renderer writes
 * ({@code docs/qbaf.schema.json}), so an existing run can be re-rendered without recomputing it.
 */
public final class QbafJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private QbafJson() {
    }

    /** @throws InputException for a missing, malformed or foreign document, naming the file and field */
    public static Qbaf read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InputException(file + " does not exist; a run writes qbaf.json when the 'json' renderer is on");
        } catch (IOException e) {
            throw new InputException(file + " is not a readable QBAF document: " + e.getMessage(), e);
        }
        try {
            return parse(root);
        } catch (RuntimeException e) {
            throw new InputException(file + ": " + e.getMessage(), e);
        }
    }

    private static Qbaf parse(JsonNode root) {
        if (root == null || !"illc-qbaf".equals(root.path("format").asText()) || root.path("version").asInt() != 1) {
            throw new IllegalArgumentException("not an illc-qbaf version 1 document ($.format must be \"illc-qbaf\", $.version 1)");
        }
        List<Activation> activations = new ArrayList<>();
        for (JsonNode a : required(root, "activations")) {
            try {
                activations.add(WeightsJson.parseActivation(a));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("$.activations: " + e.getMessage(), e);
            }
        }
        List<Argument> arguments = new ArrayList<>();
        for (JsonNode a : required(root, "arguments")) {
            List<Integer> members = new ArrayList<>();
            a.path("members").forEach(m -> members.add(m.asInt()));
            arguments.add(new Argument(a.path("id").asText(), a.path("layer").asInt(),
                    Argument.Kind.valueOf(a.path("kind").asText().toUpperCase(java.util.Locale.ROOT)),
                    a.path("label").asText(), members, number(a, "bias"), number(a, "baseScore"), number(a, "strength")));
        }
        List<Edge> edges = new ArrayList<>();
        for (JsonNode e : required(root, "edges")) {
            edges.add(new Edge(e.path("source").asText(), e.path("target").asText(), e.path("weight").asDouble()));
        }
        LocalContext local = null;
        JsonNode l = root.get("local");
        if (l != null && !l.isNull()) {
            List<Double> values = new ArrayList<>();
            l.path("featureValues").forEach(v -> values.add(v.asDouble()));
            local = new LocalContext(l.path("row").asInt(), values, l.path("prediction").asText(),
                    l.hasNonNull("trueLabel") ? l.get("trueLabel").asText() : null);
        }
        return new Qbaf(arguments, edges, activations, local);
    }

    private static JsonNode required(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("$." + field + " must be an array");
        }
        return node;
    }

    private static Double number(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asDouble() : null;
    }
}
