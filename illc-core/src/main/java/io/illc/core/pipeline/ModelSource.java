package io.illc.core.pipeline;

import io.illc.api.Mlp;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The original network of a run and its origin.
 *
 * @param mlp           the network (taking raw feature values)
 * @param file          the file it was loaded from, or {@code null} when trained
 * @param format        the reader that loaded it (weights-json, dl4j, keras, onnx) or "trained"
 * @param sha256        hex digest of the model file, or of the written weights JSON when trained
 * @param trainAccuracy accuracy on the training split when trained, else NaN
 * @param testAccuracy  accuracy on the test split when trained with a test split, else NaN
 * @param namedInputs   true when the inputs carry real feature names (data columns are matched by name)
 */
public record ModelSource(Mlp mlp, Path file, String format, String sha256, double trainAccuracy,
                          double testAccuracy, boolean namedInputs) {
    public ModelSource {
        Objects.requireNonNull(mlp, "mlp");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sha256, "sha256");
    }

    public boolean trained() {
        return file == null;
    }
}
