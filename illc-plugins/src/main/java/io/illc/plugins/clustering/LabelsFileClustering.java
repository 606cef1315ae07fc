package io.illc.plugins.clustering;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.illc.api.ClusterAssignment;
import io.illc.api.ClusteringStrategy;
import io.illc.api.NeuronPoints;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A fixed partition per hidden layer, read from a {@code clusters.json} file of the form
 * {@code {"layers": [[labels of hidden layer 1], [labels of hidden layer 2], ...]}} (other keys are
 * ignored). Hidden layer {@code l} takes {@code layers[l-1]}; its labels are non-negative integers,
 * one per neuron, neurons with equal labels forming a cluster. The file alone decides the number of
 * clusters: {@code k} is ignored (and {@code K <= n} holds since there is one label per neuron).
 *
 * <p>The file is read and checked once, when the strategy is created, so a broken file is reported
 * before the run starts; the labels are copied into private arrays that are never handed out, which
 * makes the strategy immutable and thread-safe. Whether a layer's label count fits its neurons can
 * only be checked in {@link #cluster}.
 */
final class LabelsFileClustering implements ClusteringStrategy {
    /*
     * The rules of illc's one reader (io.illc.core.io.StrictJson), which a plugin cannot depend on:
     * duplicate keys and content after the document are malformed JSON; NaN and Infinity are parsed
     * only so that the label check below names the layer and neuron that holds one.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .build();

    private final Path file;
    /** {@code labels[l-1]}: the raw labels of hidden layer l. */
    private final int[][] labels;

    private LabelsFileClustering(Path file, int[][] labels) {
        this.file = file;
        this.labels = labels;
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws IllegalArgumentException naming the file (and the layer, where there is one) when the
     *                                  file is missing, unreadable, not JSON, or not of the form above
     */
    static LabelsFileClustering read(Path file) {
        Objects.requireNonNull(file, "file");
        JsonNode root = parse(file);
        JsonNode layers = root.isObject() ? root.get("layers") : null;
        if (layers == null || !layers.isArray()) {
            throw problem(file, "needs a JSON object with a \"layers\" array of label arrays, one per hidden layer, "
                    + "e.g. {\"layers\": [[0, 1, 0], [1, 0]]}");
        }
        int[][] labels = new int[layers.size()][];
        for (int l = 1; l <= layers.size(); l++) {
            JsonNode layer = layers.get(l - 1);
            if (!layer.isArray()) {
                throw problem(file, "layer " + l + ": expected an array of labels, got " + describe(layer));
            }
            int[] row = new int[layer.size()];
            for (int i = 0; i < row.length; i++) {
                JsonNode label = layer.get(i);
                if (!label.isIntegralNumber() || !label.canConvertToInt() || label.intValue() < 0) {
                    throw problem(file, "layer " + l + ": the label of neuron " + i + " is " + describe(label)
                            + "; labels must be non-negative integers");
                }
                row[i] = label.intValue();
            }
            labels[l - 1] = row;
        }
        return new LabelsFileClustering(file, labels);
    }

    private static JsonNode parse(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw problem(file, "does not exist; give the path of a clusters.json file");
        } catch (AccessDeniedException e) {
            throw problem(file, "cannot be read: permission denied");
        } catch (IOException e) {
            throw problem(file, "cannot be read: " + e.getMessage());
        }
        try (JsonParser parser = MAPPER.createParser(content)) {
            JsonNode root = MAPPER.readTree(parser);
            if (root == null || root.isMissingNode()) {
                throw problem(file, "is empty; it is a JSON object such as {\"layers\": [[0, 1, 0], [1, 0]]}");
            }
            if (parser.nextToken() != null) {
                throw malformed(file, parser.currentTokenLocation(),
                        "more content after the end of the JSON document; a file holds one JSON value");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw malformed(file, e.getLocation(), firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw problem(file, "cannot be read: " + e.getMessage());
        }
    }

    private static IllegalArgumentException malformed(Path file, JsonLocation where, String what) {
        String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
        return new IllegalArgumentException("clusters file " + file + ": malformed JSON" + at + ": " + what);
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static IllegalArgumentException problem(Path file, String what) {
        return new IllegalArgumentException("clusters file " + file + " " + what);
    }

    /** The file the labels came from. */
    Path file() {
        return file;
    }

    /** The number of hidden layers the file has labels for. */
    int layers() {
        return labels.length;
    }

    /**
     * The file's partition of {@code points.layer()}; {@code k} and {@code seed} are ignored.
     *
     * @throws IllegalArgumentException when the file has no labels for this layer or a label count
     *                                  that differs from the number of neurons
     */
    @Override
    public ClusterAssignment cluster(NeuronPoints points, int k, long seed) {
        int layer = points.layer();
        if (layer > labels.length) {
            throw new IllegalArgumentException("clusters file " + file + " has labels for " + labels.length
                    + " hidden layer(s), but hidden layer " + layer + " needs labels too");
        }
        int[] row = labels[layer - 1];
        if (row.length != points.neurons()) {
            throw new IllegalArgumentException("clusters file " + file + ": layer " + layer + " has " + row.length
                    + " labels, but the layer has " + points.neurons() + " neurons");
        }
        // fromLabels only reads the array, so the private labels are not exposed.
        return ClusterAssignment.fromLabels(row);
    }

    @Override
    public String toString() {
        return "labels(file=" + file + ")";
    }
}
