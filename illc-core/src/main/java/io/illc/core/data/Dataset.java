package io.illc.core.data;

import io.illc.api.Matrix;

import java.util.List;
import java.util.Objects;

/**
 * A table of numeric features with an optional class label per row.
 *
 * @param name         where it came from, for messages ({@code breast-cancer}, a file name)
 * @param featureNames one per feature column, in file order
 * @param features     {@code [rows, features]}, all finite
 * @param labelName    the label column's name, or {@code null} when the data has no label
 * @param classNames   the distinct labels in sorted order (numbers numerically, else as strings);
 *                     output neuron i stands for class i; empty without labels
 * @param labels       the class index of each row, or {@code null} without labels
 * @param sha256       hex digest of the source bytes, for provenance
 */
public record Dataset(String name, List<String> featureNames, Matrix features, String labelName,
                      List<String> classNames, int[] labels, String sha256) {
    public Dataset {
        Objects.requireNonNull(name, "name");
        featureNames = List.copyOf(featureNames);
        Objects.requireNonNull(features, "features");
        classNames = List.copyOf(classNames);
        labels = labels == null ? null : labels.clone();
        Objects.requireNonNull(sha256, "sha256");
        if (features.cols() != featureNames.size()) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + features.cols() + " columns");
        }
        if (labels != null && labels.length != features.rows()) {
            throw new IllegalArgumentException(labels.length + " labels for " + features.rows() + " rows");
        }
    }

    /** A copy of the class index of each row, or {@code null} without labels. */
    @Override
    public int[] labels() {
        return labels == null ? null : labels.clone();
    }

    public int rows() {
        return features.rows();
    }

    public boolean hasLabels() {
        return labels != null;
    }
}
