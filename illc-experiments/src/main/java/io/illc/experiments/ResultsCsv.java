package io.illc.experiments;

import io.illc.api.MetricResult;
import io.illc.core.pipeline.EvaluateStage;
import io.illc.experiments.CellResult.Outcome;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
 * finetune_training_loss_before, finetune_training_loss_after, finetune_transfer_rows, finetune_learning_rate,
 * finetune_attempts
 *                        only in a grid that fine-tunes: what a fine-tuning did ({@link Outcome#TUNING_KEYS};
 *                        best epoch 0: it kept the starting weights); empty for a compression not fine-tuned
 * train_accuracy, test_accuracy    of the original model
 * training_s             seconds the model's training took (when it was trained)
 * activations_s, clustering_s, merge_s, finetune_s, metrics_s, local_s    seconds of this compression's stages
 * processor              where the cell was computed ({@link CellResult#processor}, commas as spaces); empty when unknown
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
        h.add("processor");
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
                row.add(cell.processor().replace(',', ' '));
                out.append(String.join(",", row)).append('\n');
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    /**
     * The results of a trained grid read back from its {@code results.csv}, so that the report can be
     * rebuilt without the cell files: every cell of {@code spec} × every variant, in run order. Columns
     * are found by name, so a file of an earlier version (without {@code finetune}, {@code local_s},
     * the fine-tuning record …) still reads; the metrics keep their values but not their details, so a
     * measure derived from details ({@value Measure#DEAD_COMPRESSED}) is undefined, and absent timing,
     * local or fine-tuning columns read as undefined, an absent processor as unknown. The model key is
     * not in the file and is left empty.
     *
     * @param where names the file in messages
     * @throws IllegalArgumentException naming the line and column when the file does not hold this
     *                                  spec's grid (a missing metric column, a row of another cell or variant)
     */
    static List<CellResult> read(ExperimentSpec spec, String text, String where) {
        if (!spec.grid().trains()) {
            throw new IllegalArgumentException(where + ": an experiment on loaded models is rebuilt from its cells/ files,"
                    + " not from results.csv");
        }
        List<String> lines = text.lines().toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(where + " is empty");
        }
        List<String> header = List.of(lines.get(0).split(",", -1));
        Function<String, Integer> column = name -> {
            int i = header.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException(where + ": no column '" + name + "' in the header");
            }
            return i;
        };
        List<String> metricLabels = new ArrayList<>();
        spec.metrics().forEach(m -> {
            metricLabels.add(m.label());
            if (spec.grid().holdout() > 0) {
                metricLabels.add(m.label() + EvaluateStage.IN_SAMPLE);
            }
        });
        metricLabels.forEach(column::apply);
        List<ExperimentGrid.Variant> variants = spec.grid().variants();
        List<ExperimentGrid.Cell> cells = spec.grid().cells();
        if (lines.size() - 1 != cells.size() * variants.size()) {
            throw new IllegalArgumentException(where + " has " + (lines.size() - 1) + " rows; the grid has " + cells.size()
                    + " cells × " + variants.size() + " variants = " + cells.size() * variants.size());
        }
        List<Measure> local = Measure.local(spec);
        List<CellResult> out = new ArrayList<>();
        int line = 1;
        for (ExperimentGrid.Cell cell : cells) {
            List<Outcome> outcomes = new ArrayList<>();
            String[] first = null;
            for (ExperimentGrid.Variant v : variants) {
                String[] f = lines.get(line).split(",", -1);
                String at = where + " line " + (line + 1);
                if (f.length != header.size()) {
                    throw new IllegalArgumentException(at + ": " + f.length + " fields, the header has " + header.size());
                }
                expect(at, "depth", f[column.apply("depth")], Integer.toString(cell.depth()));
                expect(at, "width", f[column.apply("width")], Integer.toString(cell.width()));
                expect(at, "training_seed", f[column.apply("training_seed")], Long.toString(cell.trainingSeed()));
                expect(at, "method", f[column.apply("method")], v.method().jsonName());
                expect(at, "clustering", f[column.apply("clustering")], v.setting().clustering().label());
                expect(at, "aggregation", f[column.apply("aggregation")], v.setting().aggregation().label());
                if (header.contains("finetune")) {
                    expect(at, "finetune", f[column.apply("finetune")], Boolean.toString(v.finetuned()));
                }
                expect(at, "shrink", f[column.apply("shrink")], number(v.setting().shrink()));
                Map<String, MetricResult> metrics = new LinkedHashMap<>();
                for (String label : metricLabels) {
                    metrics.put(label, MetricResult.of(parse(at, label, f[column.apply(label)])));
                }
                Map<String, Double> timings = new LinkedHashMap<>();
                for (String stage : Outcome.STAGES) {
                    int i = header.indexOf(stage + "_s");
                    timings.put(stage, i < 0 ? Double.NaN : parse(at, stage + "_s", f[i]));
                }
                Map<String, Double> localMeans = new LinkedHashMap<>();
                if (spec.grid().explainedLocally(v)) {
                    for (int k = 0; k < local.size(); k++) {
                        int i = header.indexOf(local.get(k).name());
                        localMeans.put(Outcome.LOCAL_KEYS.get(k), i < 0 ? Double.NaN : parse(at, local.get(k).name(), f[i]));
                    }
                }
                Map<String, Double> tuning = new LinkedHashMap<>();
                if (v.finetuned()) {
                    for (String key : Outcome.TUNING_KEYS) {
                        int i = header.indexOf(key);
                        tuning.put(key, i < 0 ? Double.NaN : parse(at, key, f[i]));
                    }
                }
                List<Integer> clusters = Arrays.stream(f[column.apply("k")].split(";"))
                        .map(k -> (int) parse(at, "k", k)).toList();
                outcomes.add(new Outcome(v, clusters, metrics, timings, localMeans, tuning));
                first = first == null ? f : first;
                line++;
            }
            String at = where + " line " + (line - variants.size() + 1);
            out.add(new CellResult(cell, "", parse(at, "train_accuracy", first[column.apply("train_accuracy")]),
                    parse(at, "test_accuracy", first[column.apply("test_accuracy")]),
                    parse(at, "training_s", first[column.apply("training_s")]), outcomes,
                    header.contains("processor") ? first[column.apply("processor")] : ""));
        }
        return out;
    }

    private static void expect(String at, String column, String found, String expected) {
        if (!found.equals(expected)) {
            throw new IllegalArgumentException(at + ": " + column + " is '" + found + "', the grid expects '" + expected + "' here");
        }
    }

    /** A number as written by {@link #number}: empty is NaN. */
    private static double parse(String at, String column, String field) {
        if (field.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(field);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(at + ": " + column + " is '" + field + "', not a number", e);
        }
    }
}
