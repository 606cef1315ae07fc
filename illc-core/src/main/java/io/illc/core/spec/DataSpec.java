package io.illc.core.spec;

import java.nio.file.Path;
import java.util.Objects;

/** Where the rows come from: a built-in dataset or a CSV file. */
public sealed interface DataSpec {

    /** {@code {"builtin": "breast-cancer"}}: a dataset bundled with illc. */
    record Builtin(String name) implements DataSpec {
        public Builtin {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * {@code {"csv": "rows.csv", "label": "diagnosis"}}.
     *
     * @param file     absolute path (resolved against the spec file's folder)
     * @param label    the label column's name; {@code null} with {@code hasLabel} = the last column
     * @param hasLabel false for {@code "label": null}: the data has no label column
     */
    record Csv(Path file, String label, boolean hasLabel) implements DataSpec {
        public Csv {
            Objects.requireNonNull(file, "file");
        }
    }
}
