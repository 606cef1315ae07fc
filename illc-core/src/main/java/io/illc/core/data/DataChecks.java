package io.illc.core.data;

import io.illc.api.Matrix;
import io.illc.core.InputException;
import io.illc.core.catalog.Suggestions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Checks that a dataset fits a model or a training run; every failure is an {@link InputException}. */
public final class DataChecks {
    private DataChecks() {
    }

    /**
     * The dataset with its feature columns in the order of the model's inputs.
     *
     * <p>When the model knows its input names, columns are matched by name, so a CSV may list
     * the features in any order; every model input must be a column and every feature column
     * must be a model input. Otherwise columns are matched by position and only the count is
     * checked. Rows, labels, classes, name and sha256 are kept.
     *
     * @param modelInputs     the model's input names, one per input (used only with {@code modelHasNames})
     * @param modelHasNames   whether the names came from the model file (not generated)
     * @param modelInputCount the number of inputs of the model's first layer
     * @throws InputException naming the missing or extra column, or both counts
     */
    public static Dataset alignToModel(Dataset data, List<String> modelInputs, boolean modelHasNames,
                                       int modelInputCount) {
        Objects.requireNonNull(data, "data");
        if (!modelHasNames) {
            requireCount(data, modelInputCount);
            return data;
        }
        if (modelInputs.size() != modelInputCount) {
            throw new IllegalArgumentException(modelInputs.size() + " input names for " + modelInputCount + " inputs");
        }
        List<String> columns = data.featureNames();
        List<String> missing = modelInputs.stream().filter(input -> !columns.contains(input)).toList();
        Set<String> inputs = new HashSet<>(modelInputs);
        List<String> extra = columns.stream().filter(column -> !inputs.contains(column)).toList();
        // A typo shows up as one missing input and one extra column, so each suggests from the other.
        List<String> problems = new ArrayList<>();
        for (String input : missing) {
            problems.add("data '" + data.name() + "' has no column '" + input + "', an input of the model"
                    + Suggestions.didYouMean(input, extra));
        }
        for (String column : extra) {
            problems.add("data '" + data.name() + "' has column '" + column
                    + "', which is not an input of the model; remove it or make it the label"
                    + Suggestions.didYouMean(column, missing));
        }
        if (!problems.isEmpty()) {
            // Both lists in full: a renamed or reordered export is easiest to see side by side.
            problems.add("the model's inputs: " + String.join(", ", modelInputs));
            problems.add("the data's feature columns: " + String.join(", ", columns));
            throw new InputException(problems);
        }
        if (columns.equals(modelInputs)) {
            return data;
        }
        Matrix features = data.features();
        double[] reordered = new double[features.rows() * modelInputCount];
        for (int j = 0; j < modelInputCount; j++) {
            double[] column = features.column(columns.indexOf(modelInputs.get(j)));
            for (int r = 0; r < column.length; r++) {
                reordered[r * modelInputCount + j] = column[r];
            }
        }
        return new Dataset(data.name(), modelInputs, Matrix.ofRowMajor(features.rows(), modelInputCount, reordered),
                data.labelName(), data.classNames(), data.labels(), data.sha256());
    }

    /**
     * Training needs a label with at least two classes.
     *
     * @throws InputException when the data has no label or a single class
     */
    public static void requireTwoClasses(Dataset data) {
        if (!data.hasLabels()) {
            throw new InputException("data '" + data.name() + "' has no label column; training needs one");
        }
        if (data.classNames().isEmpty()) {
            throw new InputException("label column '" + data.labelName() + "' of data '" + data.name() + "' has more than "
                    + CsvChunks.MAX_CLASSES + " distinct values; training needs class labels");
        }
        if (data.classNames().size() < 2) {
            throw new InputException("label column '" + data.labelName() + "' of data '" + data.name()
                    + "' has a single class '" + data.classNames().get(0) + "'; training needs at least two classes");
        }
    }

    private static void requireCount(Dataset data, int modelInputCount) {
        int columns = data.featureNames().size();
        if (columns != modelInputCount) {
            throw new InputException("data '" + data.name() + "' has " + columns + " feature columns but the model takes "
                    + modelInputCount + " inputs");
        }
    }
}
