package io.illc.core.pipeline;

import io.illc.api.Mlp;
import io.illc.core.Workers;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The original network of a run and its origin. Immutable; the digest of a model file may still be
 * computing on another thread when the run starts using the network (only the provenance needs it).
 */
public final class ModelSource {
    private final Mlp mlp;
    private final Path file;
    private final String format;
    private final CompletableFuture<String> sha256;
    private final double trainAccuracy;
    private final double testAccuracy;
    private final boolean namedInputs;

    /**
     * @param mlp           the network (taking raw feature values)
     * @param file          the file it was loaded from, or {@code null} when trained
     * @param format        the reader that loaded it (weights-json, dl4j, keras, onnx) or "trained"
     * @param sha256        hex digest of the model file, or of the written weights JSON when trained
     * @param trainAccuracy accuracy on the training split when trained, else NaN
     * @param testAccuracy  accuracy on the test split when trained with a test split, else NaN
     * @param namedInputs   true when the inputs carry real feature names (data columns are matched by name)
     */
    public ModelSource(Mlp mlp, Path file, String format, String sha256, double trainAccuracy,
                       double testAccuracy, boolean namedInputs) {
        this(mlp, file, format, CompletableFuture.completedFuture(Objects.requireNonNull(sha256, "sha256")),
                trainAccuracy, testAccuracy, namedInputs);
    }

    /** The same, with the digest still computing. */
    ModelSource(Mlp mlp, Path file, String format, CompletableFuture<String> sha256, double trainAccuracy,
                double testAccuracy, boolean namedInputs) {
        this.mlp = Objects.requireNonNull(mlp, "mlp");
        this.file = file;
        this.format = Objects.requireNonNull(format, "format");
        this.sha256 = Objects.requireNonNull(sha256, "sha256");
        this.trainAccuracy = trainAccuracy;
        this.testAccuracy = testAccuracy;
        this.namedInputs = namedInputs;
    }

    public Mlp mlp() {
        return mlp;
    }

    public Path file() {
        return file;
    }

    public String format() {
        return format;
    }

    /**
     * The hex digest, waiting for it if it is still computing.
     *
     * @throws io.illc.core.InputException when the file could not be read for it
     */
    public String sha256() {
        return Workers.join(sha256);
    }

    public double trainAccuracy() {
        return trainAccuracy;
    }

    public double testAccuracy() {
        return testAccuracy;
    }

    public boolean namedInputs() {
        return namedInputs;
    }

    public boolean trained() {
        return file == null;
    }
}
