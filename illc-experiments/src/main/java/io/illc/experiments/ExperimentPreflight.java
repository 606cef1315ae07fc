package io.illc.experiments;

import io.illc.core.model.ModelShape;
import io.illc.core.run.Preflight;
import io.illc.core.spec.SpecFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code illc validate} finds in a parsed experiment spec without running it, as the run finds
 * it before writing anything: the files it reads exist, the label column is in the CSV header, and
 * every loaded model has a hidden layer and inputs that the data's columns match. Stateless.
 */
public final class ExperimentPreflight {
    private ExperimentPreflight() {
    }

    /** Every problem found, each at the JSON path of the spec field it concerns; empty when none. */
    public static List<String> problems(ExperimentSpec spec) {
        List<String> missing = SpecFiles.missing(spec.filesRead());
        if (!missing.isEmpty()) {
            return missing; // what follows would only repeat that a file is missing
        }
        List<String> problems = new ArrayList<>();
        List<String> features = Preflight.featureColumns(spec.data(), problems);
        if (spec.models() != null) {
            List<Path> files = spec.models().files();
            for (int i = 0; i < files.size(); i++) {
                String where = ExperimentRunner.where(i, files.get(i));
                ModelShape shape = Preflight.shape(files.get(i), spec.models().format(), where, spec.data(), features, problems);
                if (shape != null && shape.hiddenWidths().isEmpty()) {
                    problems.add(where + ": " + ExperimentRunner.NO_HIDDEN_LAYER);
                }
            }
        }
        return problems;
    }
}
