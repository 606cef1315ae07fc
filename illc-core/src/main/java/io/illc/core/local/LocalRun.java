package io.illc.core.local;

import io.illc.api.Mlp;
import io.illc.core.Setting;
import io.illc.core.SettingException;
import io.illc.core.Workers;
import io.illc.core.data.CsvLoader;
import io.illc.core.data.DataChecks;
import io.illc.core.data.Dataset;
import io.illc.core.spec.LocalSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
     * label (its values become the rows' true labels); without one the file has features only.
     */
    private static Dataset loadNewRows(Path file, Dataset data, Mlp original, boolean modelHasNames) {
        String label = data.labelName();
        boolean hasLabel = label != null && header(file).contains(label);
        Dataset rows = CsvLoader.load(file, hasLabel ? label : null, hasLabel);
        return DataChecks.alignToModel(rows, original.inputNames(), modelHasNames, original.inputCount());
    }

    /**
     * The column names of the header line, unquoted and trimmed: enough to see whether the label
     * column is there; {@link CsvLoader} checks the file properly.
     */
    private static List<String> header(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            if (line == null) {
                return List.of();
            }
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            List<String> names = new ArrayList<>();
            for (String field : line.split(",", -1)) {
                String name = field.trim();
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
                }
                names.add(name);
            }
            return names;
        } catch (NoSuchFileException e) {
            throw new SettingException(Setting.LOCAL_CSV, "file " + file + " does not exist");
        } catch (IOException e) {
            throw new SettingException(Setting.LOCAL_CSV, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
