package io.illc.experiments;

import io.illc.experiments.CellResult.Outcome;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code results.csv}: a header line, then one row per cell × variant in run order (cells as in
 * {@link ExperimentGrid#cells()}, variants as in {@link ExperimentGrid#variants()}). Columns:
 * <pre>
 * model                  only in an experiment on loaded models: the model's cell id (its file name)
 * depth, width, training_seed, method, clustering, aggregation,    of a loaded model: its hidden layer
 *                        count, its widest hidden layer and 0
 * finetune               true for a fine-tuned compression
 * shrink,
 * k                      cluster counts of the hidden layers, joined by ';' ("20;20;20")
 * &lt;measure&gt;...           every metric's value by label, then derived measures; with held-out rows each
 *                        followed by its "(in-sample)" twin ({@link Measure#of(ExperimentSpec)})
 * &lt;local measure&gt;...     with localRows R &gt; 0: each local metric's mean over the explained rows
 *                        ({@link Measure#local}), empty for a variant not explained locally
 * finetune_epochs, finetune_best_epoch, finetune_validation_loss_before, finetune_validation_loss_after,
 * finetune_training_loss_before, finetune_training_loss_after, finetune_transfer_rows
 *                        only in a grid that fine-tunes: what a fine-tuning did ({@link Outcome#TUNING_KEYS};
 *                        best epoch 0: it kept the starting weights); empty for a compression not fine-tuned
 * train_accuracy, test_accuracy    of the original model
 * training_s             seconds the model's training took (when it was trained)
 * activations_s, clustering_s, merge_s, finetune_s, metrics_s, local_s    seconds of this compression's stages
 * </pre>
 * Numbers are written in full ({@link Double#toString}); a non-finite value (NaN: undefined) is an empty
 * field. Labels never hold commas or quotes, so no field needs quoting. "\n" line ends.
 */
final class ResultsCsv {
    private ResultsCsv() {
    }

    static List<String> header(ExperimentSpec spec) {
        List<String> h = new ArrayList<>();
        if (!spec.grid().trains()) {
            h.add("model");
        }
        h.addAll(List.of("depth", "width", "training_seed", "method", "clustering", "aggregation", "finetune", "shrink", "k"));
        Measure.of(spec).forEach(m -> h.add(m.name()));
        Measure.local(spec).forEach(m -> h.add(m.name()));
        if (spec.grid().finetune() != null) {
            h.addAll(Outcome.TUNING_KEYS);
        }
        h.addAll(List.of("train_accuracy", "test_accuracy", "training_s"));
        Outcome.STAGES.forEach(s -> h.add(s + "_s"));
        return h;
    }

    static byte[] write(ExperimentSpec spec, List<CellResult> cells) {
        List<Measure> measures = new ArrayList<>(Measure.of(spec));
        measures.addAll(Measure.local(spec));
        StringBuilder out = new StringBuilder(String.join(",", header(spec))).append('\n');
        for (CellResult cell : cells) {
            for (Outcome o : cell.outcomes()) {
                List<String> row = new ArrayList<>();
                if (!spec.grid().trains()) {
                    row.add(cell.cell().id());
                }
                row.add(Integer.toString(cell.cell().depth()));
                row.add(Integer.toString(cell.cell().width()));
                row.add(Long.toString(cell.cell().trainingSeed()));
                row.add(o.variant().method().jsonName());
                row.add(o.variant().setting().clustering().label());
                row.add(o.variant().setting().aggregation().label());
                row.add(Boolean.toString(o.variant().finetuned()));
                row.add(number(o.variant().setting().shrink()));
                row.add(o.clusters().stream().map(String::valueOf).collect(Collectors.joining(";")));
                measures.forEach(m -> row.add(number(m.of(o))));
                if (spec.grid().finetune() != null) {
                    Outcome.TUNING_KEYS.forEach(k -> row.add(number(o.tuning().getOrDefault(k, Double.NaN))));
                }
                row.add(number(cell.trainAccuracy()));
                row.add(number(cell.testAccuracy()));
                row.add(number(cell.trainingSeconds()));
                Outcome.STAGES.forEach(s -> row.add(number(o.timings().getOrDefault(s, Double.NaN))));
                out.append(String.join(",", row)).append('\n');
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }
}
