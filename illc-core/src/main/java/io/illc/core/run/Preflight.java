package io.illc.core.run;

import io.illc.core.InputException;
import io.illc.core.SettingException;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.data.CsvLoader;
import io.illc.core.model.ModelShape;
import io.illc.core.pipeline.ModelReadAhead;
import io.illc.core.spec.DataSpec;
import io.illc.core.spec.ExecutionSpec;
import io.illc.core.spec.ModelSpec;
import io.illc.core.spec.PipelineSpec;
import io.illc.core.spec.SparkLimits;
import io.illc.core.spec.SpecFiles;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything about a parsed spec that can be known without running it: the settings its engine
 * refuses ({@link SparkLimits}), the files it reads exist and are not inside its output folder, the
 * label column is in the CSV header (only the header is read), a loaded model's inputs match the
 * data's feature columns, and explicit cluster counts fit the model's hidden layers (trained or
 * loaded). Stateless and thread-safe.
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
        List<String> features = null;
        try {
            features = featureColumns(spec.data());
        } catch (InputException e) {
            e.problems().forEach(p -> problems.add("$.data: " + p));
        }
        int[] widths;
        if (spec.model() instanceof ModelSpec.Load load) {
            ModelShape shape;
            try {
                // The shape only: a weights JSON model is checked without converting its weights.
                shape = ModelReadAhead.shape(load.file(), load.format()); // read since the command line named the spec
            } catch (InputException e) {
                e.problems().forEach(p -> problems.add("$.model.load: " + p));
                return problems;
            }
            if (features != null) {
                problems.addAll(inputProblems(shape, features));
            }
            widths = shape.hiddenWidths().stream().mapToInt(Integer::intValue).toArray();
        } else {
            widths = ((ModelSpec.Train) spec.model()).train().hidden().stream().mapToInt(Integer::intValue).toArray();
        }
        for (SettingException.Problem p : PipelineRunner.clusterProblems(spec.compression().clusters(), widths)) {
            problems.addAll(new SettingException(List.of(p)).locatedAt(PipelineSpec.SETTING_PATHS).problems());
        }
        return problems;
    }

    private static List<String> featureColumns(DataSpec data) {
        if (data instanceof DataSpec.Builtin builtin) {
            return BuiltinDatasets.featureNames(builtin.name());
        }
        DataSpec.Csv csv = (DataSpec.Csv) data;
        return CsvLoader.featureColumns(csv.file(), csv.label(), csv.hasLabel());
    }

    /** A named model needs every input among the columns; an unnamed one as many columns as inputs. */
    private static List<String> inputProblems(ModelShape shape, List<String> features) {
        if (shape.namedInputs()) {
            List<String> absent = shape.inputNames().stream().filter(n -> !features.contains(n)).toList();
            return absent.isEmpty() ? List.of() : List.of("$.model.load: the model's inputs " + String.join(", ", absent)
                    + " are not columns of the data; the data's feature columns are " + String.join(", ", features));
        }
        return shape.inputCount() == features.size() ? List.of() : List.of("$.model.load: the model takes "
                + shape.inputCount() + " inputs but the data has " + features.size() + " feature columns");
    }
}
