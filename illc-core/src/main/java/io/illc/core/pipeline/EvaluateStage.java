package io.illc.core.pipeline;

import io.illc.api.Metric;
import io.illc.api.MetricInput;
import io.illc.api.MetricResult;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import io.illc.core.Workers;
import io.illc.core.compress.CompressionResult;
import io.illc.core.linalg.Nd;
import io.illc.core.stream.RowPasses;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The evaluate stage: every metric of the run on the scoring rows and, with a holdout, on the
 * fitting rows as well. Stateless and thread-safe.
 */
public final class EvaluateStage {
    /**
     * With held-out rows, the same metric on the fitting rows is reported under the metric's label
     * followed by this suffix.
     */
    public static final String IN_SAMPLE = " (in-sample)";

    /** A metric instance under the label its results are reported by (a plugin name, or an experiment's label). */
    public record LabelledMetric(String label, Metric metric) {
        public LabelledMetric {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(metric, "metric");
        }
    }

    /**
     * The results of one evaluation.
     *
     * @param scored   label → result on the scoring rows (the held-out rows, or every row), in metric order
     * @param inSample label → result on the fitting rows with a holdout; empty without one
     */
    public record Evaluation(Map<String, MetricResult> scored, Map<String, MetricResult> inSample) {
        public Evaluation {
            scored = Collections.unmodifiableMap(new LinkedHashMap<>(scored));
            inSample = Collections.unmodifiableMap(new LinkedHashMap<>(inSample));
        }

        /** The scored results, then the in-sample ones under {@link #IN_SAMPLE} labels. */
        public Map<String, MetricResult> grouped() {
            Map<String, MetricResult> out = new LinkedHashMap<>(scored);
            inSample.forEach((label, result) -> out.put(label + IN_SAMPLE, result));
            return out;
        }

        /** Each metric's scored result followed by its in-sample one. */
        public Map<String, MetricResult> interleaved() {
            Map<String, MetricResult> out = new LinkedHashMap<>();
            scored.forEach((label, result) -> {
                out.put(label, result);
                if (inSample.containsKey(label)) {
                    out.put(label + IN_SAMPLE, inSample.get(label));
                }
            });
            return out;
        }
    }

    /** Every metric on the compression; the held-out rows are the main figures when there are some. */
    public Evaluation evaluate(Mlp original, CompressionResult compression, FittingRows rows, List<LabelledMetric> metrics) {
        return evaluate(original, compression, rows, metrics, 1);
    }

    /**
     * {@link #evaluate(Mlp, CompressionResult, FittingRows, List)} with the metrics measured at the
     * same time on up to {@code threads} threads (each metric on one thread; the input is immutable):
     * the same results, and the same failure (the first metric's in order), for any thread count.
     */
    public Evaluation evaluate(Mlp original, CompressionResult compression, FittingRows rows, List<LabelledMetric> metrics,
                               int threads) {
        MetricInput fitted = input(original, compression, rows.fit(), rows.fitActivations());
        if (!rows.holdout()) {
            return new Evaluation(measure(metrics, fitted, threads), Map.of());
        }
        MetricInput scored = input(original, compression, rows.score(), rows.scoreActivations());
        return new Evaluation(measure(metrics, scored, threads), measure(metrics, fitted, threads));
    }

    /**
     * Every metric on a compression over rows that are streamed, not held, in one pass: each
     * metric's sum-over-rows form ({@link io.illc.api.Metric#sums}), each row weighted 1/N. Equals
     * {@link #evaluate} on the same rows without a holdout, up to rounding (1e-9 relative).
     *
     * @return label → result, in metric order
     * @throws io.illc.core.InputException naming the first metric that needs every row at once
     */
    public Map<String, MetricResult> evaluate(Mlp original, CompressionResult compression, RowPasses rows,
                                              List<LabelledMetric> metrics) {
        return StreamedMetrics.evaluate(original, compression.compressed(), compression.partitions(), rows, metrics);
    }

    /**
     * The metric input for a compression scored on {@code rows}, each row weighted 1/N.
     *
     * @param originalActivations layers 1..d+1 of the original network over {@code rows}
     */
    public static MetricInput input(Mlp original, CompressionResult compression, io.illc.api.Matrix rows,
                                    List<io.illc.api.Matrix> originalActivations) {
        return new MetricInput(original, compression.compressed(), compression.partitions(), originalActivations,
                Nd.forwardAll(rows, compression.compressed().layers()), Vector.filled(rows.rows(), 1.0 / rows.rows()), -1);
    }

    private static Map<String, MetricResult> measure(List<LabelledMetric> metrics, MetricInput input, int threads) {
        List<MetricResult> results = Workers.map(threads, metrics.size(), i -> metrics.get(i).metric().evaluate(input),
                (done, total) -> { });
        Map<String, MetricResult> out = new LinkedHashMap<>();
        for (int i = 0; i < metrics.size(); i++) {
            out.put(metrics.get(i).label(), results.get(i));
        }
        return out;
    }
}
