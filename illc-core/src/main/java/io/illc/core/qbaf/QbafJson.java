package io.illc.core.qbaf;

import com.fasterxml.jackson.databind.JsonNode;
import io.illc.api.Activation;
import io.illc.api.Argument;
import io.illc.api.Edge;
import io.illc.api.LocalContext;
import io.illc.api.Qbaf;
import io.illc.core.InputException;
import io.illc.core.io.ActivationJson;
import io.illc.core.io.StrictJson;

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
    private QbafJson() {
    }

    /** @throws InputException for a missing, malformed or foreign document, naming the file and field */
    public static Qbaf read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + " does not exist; a run writes qbaf.json when the 'json' renderer is on");
        } catch (IOException e) {
            throw new InputException(file + " is not a readable QBAF document: " + e.getMessage(), e);
        }
        JsonNode root = StrictJson.readTree(bytes, file.toString(), "{\"format\": \"illc-qbaf\", \"version\": 1, ...}");
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
        JsonNode activationNodes = required(root, "activations");
        for (int i = 0; i < activationNodes.size(); i++) {
            try {
                activations.add(ActivationJson.parse(activationNodes.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("$.activations[" + i + "]: " + e.getMessage(), e);
            }
        }
        List<Argument> arguments = new ArrayList<>();
        JsonNode argumentNodes = required(root, "arguments");
        for (int i = 0; i < argumentNodes.size(); i++) {
            JsonNode a = argumentNodes.get(i);
            String at = "$.arguments[" + i + "]";
            List<Integer> members = new ArrayList<>();
            JsonNode memberNodes = a.path("members");
            for (int m = 0; m < memberNodes.size(); m++) {
                members.add(integer(memberNodes.get(m), at + ".members[" + m + "]"));
            }
            arguments.add(new Argument(text(a.get("id"), at + ".id"), integer(a.get("layer"), at + ".layer"),
                    kind(text(a.get("kind"), at + ".kind"), at + ".kind"),
                    text(a.get("label"), at + ".label"), members,
                    number(a, "bias", at), number(a, "baseScore", at), number(a, "strength", at)));
        }
        List<Edge> edges = new ArrayList<>();
        JsonNode edgeNodes = required(root, "edges");
        for (int i = 0; i < edgeNodes.size(); i++) {
            JsonNode e = edgeNodes.get(i);
            String at = "$.edges[" + i + "]";
            edges.add(new Edge(text(e.get("source"), at + ".source"), text(e.get("target"), at + ".target"),
                    requiredNumber(e.get("weight"), at + ".weight")));
        }
        LocalContext local = null;
        JsonNode l = root.get("local");
        if (l != null && !l.isNull()) {
            List<Double> values = new ArrayList<>();
            JsonNode valueNodes = l.path("featureValues");
            for (int i = 0; i < valueNodes.size(); i++) {
                values.add(requiredNumber(valueNodes.get(i), "$.local.featureValues[" + i + "]"));
            }
            local = new LocalContext(integer(l.get("row"), "$.local.row"), values, text(l.get("prediction"), "$.local.prediction"),
                    l.hasNonNull("trueLabel") ? text(l.get("trueLabel"), "$.local.trueLabel") : null);
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

    private static Argument.Kind kind(String name, String at) {
        for (Argument.Kind kind : Argument.Kind.values()) {
            if (kind.jsonName().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(at + ": unknown kind '" + name + "'; allowed: input, cluster, output");
    }

    private static String text(JsonNode node, String at) {
        if (node == null || !node.isTextual()) {
            throw wrongType(node, at, "a string");
        }
        return node.textValue();
    }

    private static int integer(JsonNode node, String at) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType(node, at, "an integer");
        }
        return node.intValue();
    }

    private static double requiredNumber(JsonNode node, String at) {
        if (node == null || !node.isNumber()) {
            throw wrongType(node, at, "a number");
        }
        return node.doubleValue();
    }

    /** The number, or null when absent (fields that are not known are left out). */
    private static Double number(JsonNode node, String field, String at) {
        return node.hasNonNull(field) ? requiredNumber(node.get(field), at + "." + field) : null;
    }

    private static IllegalArgumentException wrongType(JsonNode node, String at, String expected) {
        return new IllegalArgumentException(at + ": " + (node == null ? "missing; expected " + expected
                : "expected " + expected + ", found " + StrictJson.describe(node)));
    }
}
