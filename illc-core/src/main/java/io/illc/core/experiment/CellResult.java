package io.illc.core.experiment;

import io.illc.api.MetricResult;
import io.illc.core.experiment.ExperimentGrid.Cell;
import io.illc.core.experiment.ExperimentGrid.Variant;

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
 */
public record CellResult(Cell cell, String modelKey, double trainAccuracy, double testAccuracy, double trainingSeconds,
                         List<Outcome> outcomes) {
    public CellResult {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(modelKey, "modelKey");
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
     *                 being that of its base variant
     */
    public record Outcome(Variant variant, List<Integer> clusters, Map<String, MetricResult> metrics,
                          Map<String, Double> timings) {
        /** The timing stages of a compression, in column order. */
        public static final List<String> STAGES = List.of("activations", "clustering", "merge", "finetune", "metrics");

        public Outcome {
            Objects.requireNonNull(variant, "variant");
            clusters = List.copyOf(clusters);
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings));
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
