package io.illc.core.spec;

import java.nio.file.Path;
import java.util.Objects;

/** Where the model comes from: a file to load, or a training recipe. */
public sealed interface ModelSpec {

    /**
     * {@code {"load": "model.json", "format": "weights-json"}}.
     *
     * @param file   absolute path (resolved against the spec file's folder)
     * @param format a forced reader, or {@code null} to pick one by content and extension
     */
    record Load(Path file, String format) implements ModelSpec {
        public Load {
            Objects.requireNonNull(file, "file");
        }
    }

    /** {@code {"train": {...}}}. */
    record Train(TrainSpec train) implements ModelSpec {
        public Train {
            Objects.requireNonNull(train, "train");
        }
    }
}
