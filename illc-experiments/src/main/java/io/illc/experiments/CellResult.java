package io.illc.experiments;

import io.illc.api.MetricResult;
import io.illc.core.finetune.FinetuneResult;
import io.illc.core.run.Processor;
import io.illc.experiments.ExperimentGrid.Cell;
import io.illc.experiments.ExperimentGrid.Variant;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything measured in one cell: the trained model's accuracy and every compression of it.
 * Stored as {@code cells/<cell id>.json} by {@link CellJson}.
 *
 * @param cell            depth, width and training seed
 * @param modelKey        the sha256 of the canonical training recipe, naming {@code models/<key>.json}
 * @param trainAccuracy   of the original model on its training rows, in [0, 1]
 * @param testAccuracy    on its held-out rows; NaN when none were held out
 * @param trainingSeconds wall time of the training when the model was trained (also for a model
 *                        later taken from the cache)
 * @param outcomes        one per variant of the grid, in {@link ExperimentGrid#variants()} order
 * @param processor       where the cell was computed ({@link Processor#kernels()}): OpenBLAS's kernels,
 *                        chosen by the processor, move the last bits of every result; empty when unknown
 */
public record CellResult(Cell cell, String modelKey, double trainAccuracy, double testAccuracy, double trainingSeconds,
                         List<Outcome> outcomes, String processor) {
    public CellResult {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(modelKey, "modelKey");
        Objects.requireNonNull(processor, "processor");
        outcomes = List.copyOf(outcomes);
    }

    /**
     * One compression of the cell's model.
     *
     * @param variant  the setting and method
     * @param clusters K_l of every hidden layer, as the clustering returned them
     * @param metrics  metric label → result, in the spec's metric order
     * @param timings  seconds per stage: {@code activations}, {@code clustering} (all layers),
     *                 {@code merge}, {@code finetune} (0 unless fine-tuned) and {@code metrics}; a
     *                 fine-tuned variant counts only its fine-tuning and metrics, its compression
     *                 being that of its base variant; {@code local}: the local explanations (0 when
     *                 the variant is not explained locally)
     * @param local    for a variant explained locally ({@link ExperimentGrid#explainedLocally}): each
     *                 of {@link #LOCAL_KEYS} → its mean over the explained rows (NaN when no row was
     *                 explained); empty otherwise
     * @param tuning   for a fine-tuned variant, what the fine-tuning did: each of {@link #TUNING_KEYS}
     *                 → its value (epochs run, the epoch kept, 0 when it kept the starting weights, the
     *                 validation and training losses before and at the epoch kept, the transfer rows);
     *                 empty otherwise
     */
    public record Outcome(Variant variant, List<Integer> clusters, Map<String, MetricResult> metrics,
                          Map<String, Double> timings, Map<String, Double> local, Map<String, Double> tuning) {
        /** The timing stages of a compression, in column order. */
        public static final List<String> STAGES = List.of("activations", "clustering", "merge", "finetune", "metrics",
                "local");
        /** The local metric plugins an experiment runs, by name. */
        public static final List<String> LOCAL_METRICS = List.of("local-io-unfaithfulness", "local-structural-unfaithfulness");
        /** The key of the mean of local-structural-unfaithfulness's {@code details.atInstance}. */
        public static final String LOCAL_AT_INSTANCE = "local-structural-unfaithfulness.atInstance";
        /** The keys of {@link #local}, in column order. */
        public static final List<String> LOCAL_KEYS = List.of(LOCAL_METRICS.get(0), LOCAL_METRICS.get(1), LOCAL_AT_INSTANCE);
        /** The keys of {@link #tuning}, in column order; also the names of their {@code results.csv} columns. */
        public static final List<String> TUNING_KEYS = List.of("finetune_epochs", "finetune_best_epoch",
                "finetune_validation_loss_before", "finetune_validation_loss_after", "finetune_training_loss_before",
                "finetune_training_loss_after", "finetune_transfer_rows", "finetune_learning_rate", "finetune_attempts");

        public Outcome {
            Objects.requireNonNull(variant, "variant");
            clusters = List.copyOf(clusters);
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings));
            local = Collections.unmodifiableMap(new LinkedHashMap<>(local));
            tuning = Collections.unmodifiableMap(new LinkedHashMap<>(tuning));
        }

        /** A variant that was neither explained locally nor fine-tuned. */
        public Outcome(Variant variant, List<Integer> clusters, Map<String, MetricResult> metrics, Map<String, Double> timings) {
            this(variant, clusters, metrics, timings, Map.of(), Map.of());
        }

        /** What a fine-tuning did, under {@link #TUNING_KEYS}. */
        public static Map<String, Double> tuning(FinetuneResult f) {
            Map<String, Double> out = new LinkedHashMap<>();
            double[] values = {f.epochsRun(), f.bestEpoch(), f.initialValidationLoss(), f.bestValidationLoss(),
                f.initialTrainingLoss(), f.bestTrainingLoss(), f.transferRows(), f.learningRate(), f.attempts()};
            for (int i = 0; i < values.length; i++) {
                out.put(TUNING_KEYS.get(i), values[i]);
            }
            return out;
        }

        /** The mean of local key {@code key} over the explained rows; NaN when the variant was not explained locally. */
        public double localMean(String key) {
            return local.getOrDefault(key, Double.NaN);
        }

        /** The result of the metric labelled {@code label}. @throws IllegalArgumentException when it was not measured */
        public MetricResult metric(String label) {
            MetricResult r = metrics.get(label);
            if (r == null) {
                throw new IllegalArgumentException("metric '" + label + "' was not measured; measured: " + metrics.keySet());
            }
            return r;
        }
    }

    /** The outcome of {@code variant}. @throws IllegalArgumentException when the cell has none */
    public Outcome outcome(Variant variant) {
        return outcomes.stream().filter(o -> o.variant().equals(variant)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("cell " + cell.id() + " has no compression " + variant));
    }
}
