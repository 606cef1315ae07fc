package io.illc.core.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings the spark engine refuses: they need every row in one place, which it never has.
 * The engine checks them before Spark starts, and {@code illc validate} checks them for a spec on
 * that engine, so both say the same lines.
 */
public final class SparkLimits {
    private SparkLimits() {
    }

    /** One problem per refused setting, with its JSON path; empty when the spec can run on Spark. */
    public static List<String> problems(PipelineSpec spec) {
        List<String> problems = new ArrayList<>();
        String why = " needs every row in one place, which the spark engine never has; ";
        if (spec.model() instanceof ModelSpec.Train) {
            problems.add("$.model.train: training" + why + "train with the local engine (illc train) and load the model");
        }
        if (spec.compression().holdout() > 0) {
            problems.add("$.compression.rows.holdout: a holdout split" + why + "use \"rows\": \"all\" or the local engine");
        }
        if (spec.compression().complexity() != null) {
            problems.add("$.compression.complexity: the cluster budget" + why + "give \"clusters\" or \"shrink\"");
        }
        if (spec.compression().finetune() != null) {
            problems.add("$.compression.finetune: fine-tuning" + why + "use the local engine");
        }
        if (spec.local() != null && spec.local().newRows() != null) {
            problems.add("$.local.csv: the spark engine explains data rows only; use the local engine for new rows");
        }
        // The global QBAF is analysed at the mean of the rows held (local analyses need only their row).
        if (spec.analysis().attribution() != null) {
            problems.add("$.attribution: attribution of the global QBAF (at the mean of the rows)" + why
                    + "use local.attribution or the local engine");
        }
        if (spec.analysis().contest() != null) {
            problems.add("$.contest: contestability of the global QBAF (at the mean of the rows)" + why
                    + "use local.contest or the local engine");
        }
        return problems;
    }
}
