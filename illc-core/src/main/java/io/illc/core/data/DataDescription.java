package io.illc.core.data;

import java.util.List;
import java.util.Objects;

/**
 * What a run's output says about its data: everything of a {@link Dataset} but the rows, for an
 * engine that never holds them all in one place (the Spark engine).
 *
 * @param name         where it came from ({@code breast-cancer}, a file name)
 * @param featureNames one per feature column, in the model's input order
 * @param labelName    the label column's name, or {@code null}
 * @param classNames   the classes in the order of the model's outputs; empty without labels
 * @param rows         N, the number of rows
 * @param sha256       hex digest of the source bytes, for provenance
 */
public record DataDescription(String name, List<String> featureNames, String labelName, List<String> classNames,
                              long rows, String sha256) {
    public DataDescription {
        Objects.requireNonNull(name, "name");
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
        Objects.requireNonNull(sha256, "sha256");
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be at least 0, got " + rows);
        }
    }

    /** The description of rows held in memory. */
    public static DataDescription of(Dataset data) {
        return new DataDescription(data.name(), data.featureNames(), data.labelName(), data.classNames(), data.rows(),
                data.sha256());
    }
}
