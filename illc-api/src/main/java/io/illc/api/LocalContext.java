package io.illc.api;

import java.util.List;
import java.util.Objects;

/**
 * The row a local explanation is about.
 *
 * @param row           0-based row in the data file (or in the file of new rows)
 * @param featureValues the row's feature values, in input order
 * @param prediction    the predicted class name
 * @param trueLabel     the row's label, or {@code null} when the data has none
 */
public record LocalContext(int row, List<Double> featureValues, String prediction, String trueLabel) {
    public LocalContext {
        featureValues = List.copyOf(featureValues);
        Objects.requireNonNull(prediction, "prediction");
    }
}
