package io.illc.core.run;

import io.illc.api.MetricResult;
import io.illc.api.Mlp;
import io.illc.api.Qbaf;
import io.illc.core.compress.ClusterBudget;
import io.illc.core.compress.CompressionResult;
import io.illc.core.data.Dataset;
import io.illc.core.finetune.FinetuneResult;
import io.illc.core.local.ExplainedRow;
import io.illc.core.pipeline.ModelSource;
import io.illc.core.qbaf.FeatureSummary;
import io.illc.core.spec.PipelineSpec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a run computed, as values.
 *
 * @param spec        the effective spec
 * @param data        the rows, aligned to the model's inputs; of a streamed run only the header (no rows held)
 * @param model       the original network and where it came from
 * @param compression the compressed network and its partitions
 * @param metrics     metric name → result, in spec order (training accuracies last, when trained)
 * @param qbaf        the global QBAF of the compressed network
 * @param timings     seconds per stage
 * @param local       the local explanations, in the order they were asked for (empty without {@code local})
 * @param budget      how the cluster counts were allocated with a {@code complexity}, or {@code null}
 * @param finetune    how the fine-tuning went, or {@code null} without {@code finetune}; the compression
 *                    then holds the fine-tuned network
 * @param rows        N, the number of data rows the run read (held or streamed)
 * @param features    the global feature summaries of {@code qbaf} over the rows held, or {@code null}
 *                    when the run holds no rows or left them to {@link RunWriter}
 */
public record RunResult(PipelineSpec spec, Dataset data, ModelSource model, CompressionResult compression,
                        Map<String, MetricResult> metrics, Qbaf qbaf, Map<String, Double> timings,
                        List<ExplainedRow> local, ClusterBudget.Allocation budget, FinetuneResult finetune,
                        long rows, FeatureSummary features) {
    public RunResult {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(compression, "compression");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        Objects.requireNonNull(qbaf, "qbaf");
        timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings));
        local = List.copyOf(local);
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be at least 0, got " + rows);
        }
    }

    /** A run whose feature summaries are left to the writer. */
    public RunResult(PipelineSpec spec, Dataset data, ModelSource model, CompressionResult compression,
                     Map<String, MetricResult> metrics, Qbaf qbaf, Map<String, Double> timings,
                     List<ExplainedRow> local, ClusterBudget.Allocation budget, FinetuneResult finetune, long rows) {
        this(spec, data, model, compression, metrics, qbaf, timings, local, budget, finetune, rows, null);
    }

    /** A run over rows held in memory: N is the data's row count. */
    public RunResult(PipelineSpec spec, Dataset data, ModelSource model, CompressionResult compression,
                     Map<String, MetricResult> metrics, Qbaf qbaf, Map<String, Double> timings,
                     List<ExplainedRow> local, ClusterBudget.Allocation budget, FinetuneResult finetune) {
        this(spec, data, model, compression, metrics, qbaf, timings, local, budget, finetune, data.rows());
    }

    /** A run without a cluster budget or fine-tuning. */
    public RunResult(PipelineSpec spec, Dataset data, ModelSource model, CompressionResult compression,
                     Map<String, MetricResult> metrics, Qbaf qbaf, Map<String, Double> timings, List<ExplainedRow> local) {
        this(spec, data, model, compression, metrics, qbaf, timings, local, null, null);
    }

    /** A run without local explanations. */
    public RunResult(PipelineSpec spec, Dataset data, ModelSource model, CompressionResult compression,
                     Map<String, MetricResult> metrics, Qbaf qbaf, Map<String, Double> timings) {
        this(spec, data, model, compression, metrics, qbaf, timings, List.of());
    }

    /** The original network. */
    public Mlp original() {
        return model.mlp();
    }

    /** The compressed network. */
    public Mlp compressed() {
        return compression.compressed();
    }
}
