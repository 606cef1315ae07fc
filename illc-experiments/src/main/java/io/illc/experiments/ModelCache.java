package io.illc.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.illc.api.Mlp;
import io.illc.core.InputException;
import io.illc.core.io.JsonOutput;
import io.illc.core.io.StrictJson;
import io.illc.core.model.WeightsJson;
import io.illc.core.run.Json;
import io.illc.core.spec.TrainSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Trained models of an experiment folder, keyed by what determines them: the SHA-256 of the
 * canonical training recipe ({@link #recipe}: data digest, hidden widths, activations, optimiser
 * settings and training seed). The trainer is deterministic, so a model found under its key is the
 * model that training would produce again. {@code models/<key>.json} holds the weights (weights
 * JSON, which round-trips every double exactly), {@code models/<key>.training.json} the recipe and
 * the accuracies and the test rows; the latter is written first, so a weights file always has its
 * companion. An entry without test rows (written before local explanations were part of experiments)
 * counts as unreadable and is retrained.
 */
final class ModelCache {
    /**
     * A model from the cache or from training.
     *
     * @param testRows the data row indices the trainer held out, ascending (see {@link io.illc.core.model.TrainingResult})
     */
    record Model(String key, Mlp mlp, double trainAccuracy, double testAccuracy, double trainingSeconds,
                 List<Integer> testRows) {
        Model {
            testRows = List.copyOf(testRows);
        }
    }

    private final ExperimentFolder folder;

    ModelCache(ExperimentFolder folder) {
        this.folder = folder;
    }

    /** The canonical recipe: compact JSON with a fixed field order. */
    static ObjectNode recipe(String dataSha256, TrainSpec spec, long seed) {
        ObjectNode r = Json.object();
        r.put("data", dataSha256);
        ArrayNode hidden = r.putArray("hidden");
        spec.hidden().forEach(hidden::add);
        r.put("activation", spec.activation().jsonName());
        r.put("output", spec.output().jsonName());
        r.put("epochs", spec.epochs());
        r.put("batchSize", spec.batchSize());
        r.put("learningRate", spec.learningRate());
        r.put("testFraction", spec.testFraction());
        r.put("seed", seed);
        return r;
    }

    /** The lower-case hex SHA-256 of the recipe's compact JSON text. */
    static String key(ObjectNode recipe) {
        try {
            byte[] text = JsonOutput.compact(recipe).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a JSON tree built in memory", e);
        }
    }

    /** The cached model of {@code key}, or empty when there is none or it cannot be read. */
    Optional<Model> load(String key) {
        Optional<byte[]> weights = folder.read(weightsFile(key));
        Optional<byte[]> training = folder.read(trainingFile(key));
        if (weights.isEmpty() || training.isEmpty()) {
            return Optional.empty();
        }
        try {
            Mlp mlp = WeightsJson.parse(weights.get(), weightsFile(key)).mlp();
            JsonNode t = StrictJson.readTree(training.get(), trainingFile(key), "{\"testRows\": []}");
            JsonNode rows = t.get("testRows");
            if (rows == null || !rows.isArray()) {
                throw new IOException("no testRows");
            }
            List<Integer> testRows = new ArrayList<>();
            for (JsonNode r : rows) {
                if (!r.isInt()) {
                    throw new IOException("testRows holds " + r);
                }
                testRows.add(r.intValue());
            }
            return Optional.of(new Model(key, mlp, number(t, "trainAccuracy"), number(t, "testAccuracy"),
                    number(t, "trainingSeconds"), testRows));
        } catch (InputException | IOException e) {
            // A damaged cache entry is retrained and overwritten, not an error.
            return Optional.empty();
        }
    }

    /** Stores a trained model under its key. */
    void store(ObjectNode recipe, Model model) {
        ObjectNode t = Json.object();
        t.set("recipe", recipe);
        putNumber(t, "trainAccuracy", model.trainAccuracy());
        putNumber(t, "testAccuracy", model.testAccuracy());
        putNumber(t, "trainingSeconds", model.trainingSeconds());
        model.testRows().forEach(t.putArray("testRows")::add);
        folder.write(trainingFile(model.key()), Json.bytes(t));
        folder.write(weightsFile(model.key()), WeightsJson.toBytes(model.mlp()));
    }

    static String weightsFile(String key) {
        return "models/" + key + ".json";
    }

    static String trainingFile(String key) {
        return "models/" + key + ".training.json";
    }

    private static double number(JsonNode n, String field) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !(v.isNumber() || v.isNull())) {
            throw new IOException("no number " + field);
        }
        return v.isNull() ? Double.NaN : v.doubleValue();
    }

    private static void putNumber(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.putNull(field);
        }
    }
}
