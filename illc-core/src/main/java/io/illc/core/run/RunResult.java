package io.illc.core.run;

import io.illc.api.MetricResult;
import io.illc.api.Mlp;
import io.illc.api.Qbaf;
import io.illc.core.compress.CompressionResult;
import io.illc.core.data.Dataset;
import io.illc.core.spec.PipelineSpec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a run computed, as values.
 *
 * @param spec        the effective spec
 * @param data        the rows, aligned to the model's inputs
 * @param model       the original network and where it came from
 * @param compression the compressed network and its partitions
 * @param metrics     metric name → result, in spec order (training accuracies last, when trained)
 * @param qbaf        the global QBAF of the compressed network
 * @param timings     seconds per stage
 */
public record RunResult(PipelineSpec spec, Dataset data, ModelSource model, CompressionResult compression,
                        Map<String, MetricResult> metrics, Qbaf qbaf, Map<String, Double> timings) {
    public RunResult {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(compression, "compression");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        Objects.requireNonNull(qbaf, "qbaf");
        timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings));
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
