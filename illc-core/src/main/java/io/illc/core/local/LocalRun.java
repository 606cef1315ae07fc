package io.illc.core.local;

import io.illc.api.Mlp;
import io.illc.core.InputException;
import io.illc.core.Setting;
import io.illc.core.SettingException;
import io.illc.core.Workers;
import io.illc.core.data.CsvLoader;
import io.illc.core.data.DataChecks;
import io.illc.core.data.Dataset;
import io.illc.core.spec.LocalSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows a spec's {@code local} section asks to explain, explained one after the other: listed data
 * rows, every data row, or the rows of a CSV of new rows. Stateless.
 */
public final class LocalRun {
    private LocalRun() {
    }

    /** Told how far the explanation of the rows has come. */
    @FunctionalInterface
    public interface RowProgress {
        /** {@code done} of {@code total} rows are explained; called before each row and once at the end. */
        void rowsDone(int done, int total);
    }

    /**
     * @param spec         the {@code local} section
     * @param explainer    the explainer over {@code data}
     * @param data         the data set, aligned to the model (the neighbourhood and the rows to pick from)
     * @param modelHasNames whether the model's input names came from its file (new rows are then aligned by name)
     * @param progress     told (rows done, rows in all) before the first row and after each
     * @param threads      rows explained at once; the results are the same for every count
     * @throws SettingException for a row number beyond the data, or a problem with the file of new rows
     */
    public static List<ExplainedRow> explain(LocalSpec spec, LocalExplainer explainer, Dataset data,
                                             boolean modelHasNames, RowProgress progress, int threads) {
        Mlp original = explainer.settings().original();
        if (spec.newRows() != null) {
            Dataset rows = loadNewRows(spec.newRows(), data, original, modelHasNames);
            progress.rowsDone(0, rows.rows());
            return Workers.map(threads, rows.rows(), i -> {
                LocalExplanation e;
                try {
                    e = explainer.explainNew(i, rows.features().row(i));
                } catch (IllegalArgumentException tooFar) {
                    throw new SettingException(Setting.KERNEL_WIDTH, "row " + i + " of " + spec.newRows() + ": "
                            + tooFar.getMessage() + " (w = " + explainer.settings().kernel().width() + "); set a larger width");
                }
                return row(e, original, data, trueLabel(rows, i), true);
            }, progress::rowsDone);
        }
        List<Integer> wanted = spec.all() ? allRows(data.rows()) : spec.instances();
        checkRows(spec, data.rows());
        progress.rowsDone(0, wanted.size());
        boolean render = !spec.all() || spec.renderAll();
        return Workers.map(threads, wanted.size(), i -> {
            int row = wanted.get(i);
            return row(explainer.explain(row), original, data, trueLabel(data, row), render);
        }, progress::rowsDone);
    }

    /** A row not rendered keeps only the summary of its explanation: all rows of a large data set fit in memory. */
    private static ExplainedRow row(LocalExplanation e, Mlp original, Dataset data, String trueLabel, boolean render) {
        return new ExplainedRow(render ? e : e.summary(),
                Predictions.className(e.originalOutput().toArray(), original, data.classNames()), trueLabel, render);
    }

    private static String trueLabel(Dataset data, int row) {
        return data.hasLabels() ? data.classNames().get(data.labels()[row]) : null;
    }

    private static void checkRows(LocalSpec spec, int rows) {
        if (spec.all()) {
            return;
        }
        List<SettingException.Problem> problems = new ArrayList<>();
        for (int i = 0; i < spec.instances().size(); i++) {
            int row = spec.instances().get(i);
            if (row >= rows) {
                problems.add(new SettingException.Problem(Setting.LOCAL_INSTANCES, i, "row " + row
                        + " does not exist; the data has " + rows + " rows, numbered 0.." + (rows - 1)));
            }
        }
        if (!problems.isEmpty()) {
            throw new SettingException(problems);
        }
    }

    private static List<Integer> allRows(int rows) {
        List<Integer> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            out.add(r);
        }
        return out;
    }

    /**
     * The new rows, aligned to the model. A column named like the data's label column is read as the
     * label (its values become the rows' true labels); without one the file has features only. Every
     * problem is the setting's ({@code $.local.csv} in a spec).
     */
    private static Dataset loadNewRows(Path file, Dataset data, Mlp original, boolean modelHasNames) {
        try {
            String label = labelIn(file, data.labelName());
            Dataset rows = CsvLoader.load(file, label, label != null);
            return DataChecks.alignToModel(rows, original.inputNames(), modelHasNames, original.inputCount());
        } catch (InputException e) {
            throw SettingException.of(Setting.LOCAL_CSV, e);
        }
    }

    /**
     * The feature columns of a file of new rows, from its header alone: every column but the data's
     * label column ({@code dataLabel}, {@code null} for none), when the file has it.
     *
     * @throws InputException for a missing or unreadable file and a bad header
     */
    public static List<String> newRowsFeatures(Path file, String dataLabel) {
        List<String> columns = new ArrayList<>(CsvLoader.columns(file));
        columns.remove(dataLabel); // when it has it
        return columns;
    }

    /** {@code dataLabel} when the file of new rows has that column, else {@code null}. */
    private static String labelIn(Path file, String dataLabel) {
        return dataLabel != null && CsvLoader.columns(file).contains(dataLabel) ? dataLabel : null;
    }
}
