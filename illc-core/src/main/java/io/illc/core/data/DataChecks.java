package io.illc.core.data;

import io.illc.api.Matrix;
import io.illc.core.InputException;
import io.illc.core.catalog.Suggestions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks that a dataset fits a model or a training run; every failure is an {@link InputException}. */
public final class DataChecks {
    /** Up to this many missing inputs and extra columns each are taken for typos and paired by name. */
    private static final int MAX_TYPOS = 3;
    private static final Pattern WHOLE = Pattern.compile("\\d+");

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
        if (modelHasNames && modelInputs.size() != modelInputCount) {
            throw new IllegalArgumentException(modelInputs.size() + " input names for " + modelInputCount + " inputs");
        }
        List<String> problems = inputProblems(data.name(), data.featureNames(), modelInputs, modelHasNames, modelInputCount);
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        List<String> columns = data.featureNames();
        if (!modelHasNames || columns.equals(modelInputs)) {
            return data;
        }
        Matrix features = data.features();
        Map<String, Integer> columnOfName = new HashMap<>(); // by name, not indexOf: data may have 100 000 columns
        for (int c = 0; c < columns.size(); c++) {
            columnOfName.put(columns.get(c), c);
        }
        double[] reordered = new double[features.rows() * modelInputCount];
        for (int j = 0; j < modelInputCount; j++) {
            double[] column = features.column(columnOfName.get(modelInputs.get(j)));
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

    /**
     * What keeps the feature columns {@code columns} of data {@code dataName} from being matched to a
     * model's inputs, as {@link #alignToModel} matches them (by name when {@code modelHasNames}, else
     * by position); empty when they match. {@code illc validate} says the same as a run.
     */
    public static List<String> inputProblems(String dataName, List<String> columns, List<String> modelInputs,
                                             boolean modelHasNames, int modelInputCount) {
        if (!modelHasNames) {
            return columns.size() == modelInputCount ? List.of() : List.of("data '" + dataName + "' has " + columns.size()
                    + " feature columns but the model takes " + modelInputCount + " inputs");
        }
        Set<String> present = new HashSet<>(columns);
        List<String> missing = modelInputs.stream().filter(input -> !present.contains(input)).toList();
        Set<String> inputs = new HashSet<>(modelInputs);
        List<String> extra = columns.stream().filter(column -> !inputs.contains(column)).toList();
        if (missing.isEmpty() && extra.isEmpty()) {
            return List.of();
        }
        // A few typos show up as missing inputs and extra columns: each suggests from the other, on a
        // line of its own. Many (a model of other data, say) or the rest are one line each way.
        boolean typos = missing.size() <= MAX_TYPOS && extra.size() <= MAX_TYPOS;
        List<String> problems = new ArrayList<>(unmatched(missing, extra, typos,
                input -> "data '" + dataName + "' has no column '" + input + "', an input of the model",
                all -> "data '" + dataName + "' has no column for " + all.size() + " inputs of the model: " + quoted(all)));
        problems.addAll(unmatched(extra, missing, typos,
                column -> "data '" + dataName + "' has column '" + column
                        + "', which is not an input of the model; remove it or make it the label",
                all -> "data '" + dataName + "' has " + all.size() + " columns that are not inputs of the model: "
                        + quoted(all) + "; remove them or make one the label"));
        // Both lists in full: a renamed or reordered export is easiest to see side by side.
        problems.add("the model's inputs: " + String.join(", ", modelInputs));
        problems.add("the data's feature columns: " + String.join(", ", columns));
        if (looksLikeARowOfData(columns)) {
            problems.add("every column name of '" + dataName + "' is a number: the file seems to have no header row,"
                    + " and its first row was read as one; add a header naming the model's inputs");
        }
        if (!columns.isEmpty() && columns.get(0).startsWith("#") && !inputs.contains(columns.get(0))) {
            problems.add("the first column of '" + dataName + "' is named '" + columns.get(0) + "': numpy's savetxt"
                    + " starts its header with '# ' unless given comments=''");
        }
        return problems;
    }

    /**
     * Whether column names read from a CSV header are all numbers, one at least not a whole number
     * ({@code 1.25,-2.5,0}): most likely a file without a header row (numpy's savetxt writes none),
     * whose first row was read as one. pandas' names for the columns of a bare array ({@code 0,1,2})
     * are whole numbers.
     */
    public static boolean looksLikeARowOfData(List<String> names) {
        return !names.isEmpty() && names.stream().allMatch(CsvLoader::isDecimal)
                && !names.stream().allMatch(n -> WHOLE.matcher(n).matches());
    }

    /**
     * A line for each of {@code names} that suggests one of {@code others} (with {@code typos}), then
     * one for the rest: {@code one} of a single name, {@code many} of several.
     */
    private static List<String> unmatched(List<String> names, List<String> others, boolean typos,
                                          Function<String, String> one, Function<List<String>, String> many) {
        List<String> lines = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String name : names) {
            String suggestion = typos ? Suggestions.didYouMean(name, others) : "";
            if (suggestion.isEmpty()) {
                rest.add(name);
            } else {
                lines.add(one.apply(name) + suggestion);
            }
        }
        if (rest.size() == 1) {
            lines.add(one.apply(rest.get(0)));
        } else if (!rest.isEmpty()) {
            lines.add(many.apply(rest));
        }
        return lines;
    }

    private static String quoted(List<String> names) {
        return names.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
    }
}
