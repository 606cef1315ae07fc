package io.illc.core.run;

import io.illc.core.InputException;
import io.illc.core.SettingException;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.data.CsvLoader;
import io.illc.core.data.DataChecks;
import io.illc.core.local.LocalRun;
import io.illc.core.model.ModelShape;
import io.illc.core.pipeline.ModelReadAhead;
import io.illc.core.spec.DataSpec;
import io.illc.core.spec.ExecutionSpec;
import io.illc.core.spec.ModelSpec;
import io.illc.core.spec.PipelineSpec;
import io.illc.core.spec.SparkLimits;
import io.illc.core.spec.SpecFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything about a parsed spec that can be known without running it: the settings its engine
 * refuses ({@link SparkLimits}), the files it reads exist and are not inside its output folder, the
 * label column is in the CSV header (only the header is read), a loaded model's inputs match the
 * data's feature columns, a file of new rows' columns match the model's inputs, and explicit cluster
 * counts fit the model's hidden layers (trained or loaded). Stateless and thread-safe.
 */
public final class Preflight {
    private Preflight() {
    }

    /** Every problem found, each with the JSON path of the spec field it concerns; empty when none. */
    public static List<String> problems(PipelineSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec.execution().engine().equals(ExecutionSpec.SPARK)) {
            problems.addAll(SparkLimits.problems(spec));
        }
        List<String> missing = SpecFiles.missing(spec);
        if (!missing.isEmpty()) {
            problems.addAll(missing);
            return problems; // what follows would only repeat that a file is missing
        }
        problems.addAll(SpecFiles.insideOutput(SpecFiles.read(spec), spec.output()));
        problems.addAll(fit(spec));
        return problems;
    }

    /**
     * What the CSV headers and the model's shape show of a spec whose files exist: the label column, a
     * loaded model's inputs against the data's columns and a local.csv's, and the cluster counts
     * against the hidden layers. A run checks this before it reads every row (streamed, or into Spark).
     */
    public static List<String> fit(PipelineSpec spec) {
        List<String> problems = new ArrayList<>();
        List<String> features = featureColumns(spec.data(), problems);
        int[] widths;
        ModelShape shape;
        if (spec.model() instanceof ModelSpec.Load load) {
            shape = shape(load.file(), load.format(), "$.model.load", spec.data(), features, problems);
            if (shape == null) {
                return problems;
            }
            widths = shape.hiddenWidths().stream().mapToInt(Integer::intValue).toArray();
        } else {
            // A trained model's inputs are the data's columns, by name.
            shape = features == null ? null : new ModelShape(features, true, List.of());
            widths = ((ModelSpec.Train) spec.model()).train().hidden().stream().mapToInt(Integer::intValue).toArray();
        }
        if (shape != null && spec.local() != null && spec.local().newRows() != null) {
            problems.addAll(newRowsProblems(spec.local().newRows(), spec.data(), shape));
        }
        for (SettingException.Problem p : PipelineRunner.clusterProblems(spec.compression().clusters(), widths)) {
            problems.addAll(new SettingException(List.of(p)).locatedAt(PipelineSpec.SETTING_PATHS).problems());
        }
        return problems;
    }

    /**
     * The data's feature columns, from a CSV's header alone; {@code null} when they cannot be read,
     * with the problems added to {@code problems} at {@code $.data}.
     */
    public static List<String> featureColumns(DataSpec data, List<String> problems) {
        try {
            if (data instanceof DataSpec.Builtin builtin) {
                return BuiltinDatasets.featureNames(builtin.name());
            }
            DataSpec.Csv csv = (DataSpec.Csv) data;
            return CsvLoader.featureColumns(csv.file(), csv.label(), csv.hasLabel());
        } catch (InputException e) {
            e.problems().forEach(p -> problems.add("$.data: " + p));
            return null;
        }
    }

    /**
     * The shape of a model file (a weights JSON model's weights are checked without being converted)
     * and, when {@code features} is not null, the data's columns matched to its inputs as a run matches
     * them; each problem is added to {@code problems} after {@code where}. {@code null} when the file
     * cannot be read.
     */
    public static ModelShape shape(Path file, String format, String where, DataSpec data, List<String> features,
                                   List<String> problems) {
        ModelShape shape;
        try {
            shape = ModelReadAhead.shape(file, format); // the read the command line started, if it did
        } catch (InputException e) {
            e.problems().forEach(p -> problems.add(where + ": " + p));
            return null;
        }
        if (features != null) {
            DataChecks.inputProblems(dataName(data), features, shape.inputNames(), shape.namedInputs(), shape.inputCount())
                    .forEach(p -> problems.add(where + ": " + p));
        }
        return shape;
    }

    /** The file of new rows to explain against the model's inputs, as the run reads it, at {@code $.local.csv}. */
    private static List<String> newRowsProblems(Path file, DataSpec data, ModelShape shape) {
        List<String> problems;
        try {
            List<String> columns = LocalRun.newRowsFeatures(file, labelName(data));
            problems = DataChecks.inputProblems(file.getFileName().toString(), columns, shape.inputNames(),
                    shape.namedInputs(), shape.inputCount());
        } catch (InputException e) {
            problems = e.problems();
        }
        return problems.stream().map(p -> "$.local.csv: " + p).toList();
    }

    /** The data's label column, {@code null} for none: a CSV names it or has it last. */
    private static String labelName(DataSpec data) {
        if (data instanceof DataSpec.Builtin builtin) {
            return BuiltinDatasets.labelName(builtin.name());
        }
        DataSpec.Csv csv = (DataSpec.Csv) data;
        if (!csv.hasLabel() || csv.label() != null) {
            return csv.label();
        }
        List<String> columns = CsvLoader.columns(csv.file());
        return columns.get(columns.size() - 1);
    }

    /** The name a run gives the data in its messages (a CSV's file name). */
    private static String dataName(DataSpec data) {
        if (data instanceof DataSpec.Builtin builtin) {
            return builtin.name();
        }
        return ((DataSpec.Csv) data).file().getFileName().toString();
    }
}
