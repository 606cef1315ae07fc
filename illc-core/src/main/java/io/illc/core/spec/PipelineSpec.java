package io.illc.core.spec;

import io.illc.core.Setting;
import io.illc.core.catalog.PluginChoice;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A checked, fully defaulted pipeline spec (version 1). {@link SpecParser} builds it from JSON,
 * {@link SpecWriter} writes it back as the effective spec.
 *
 * @param specVersion always 1
 * @param seed        the seed every random choice derives from
 * @param data        the rows
 * @param model       the model
 * @param compression how to compress
 * @param metrics     the metrics to compute, in order
 * @param local       local explanations, or {@code null}
 * @param renderers   the renderers to write the QBAF with
 * @param execution   the engine and threads the run uses (its results do not depend on them)
 * @param output      the output folder (absolute)
 * @param baseDir     the folder relative paths were resolved against (the spec file's folder)
 * @param analysis    attributions and contestability of the global QBAF ({@link AnalysisSpec#NONE} for neither)
 */
public record PipelineSpec(int specVersion, long seed, DataSpec data, ModelSpec model, CompressionSpec compression,
                           List<PluginChoice> metrics, LocalSpec local, List<PluginChoice> renderers,
                           ExecutionSpec execution, Path output, Path baseDir, AnalysisSpec analysis) {
    public PipelineSpec {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(compression, "compression");
        metrics = List.copyOf(metrics);
        renderers = List.copyOf(renderers);
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(baseDir, "baseDir");
    }

    /** A spec without attributions or contestability. */
    public PipelineSpec(int specVersion, long seed, DataSpec data, ModelSpec model, CompressionSpec compression,
                        List<PluginChoice> metrics, LocalSpec local, List<PluginChoice> renderers,
                        ExecutionSpec execution, Path output, Path baseDir) {
        this(specVersion, seed, data, model, compression, metrics, local, renderers, execution, output, baseDir,
                AnalysisSpec.NONE);
    }

    /** A spec on every available processor. */
    public PipelineSpec(int specVersion, long seed, DataSpec data, ModelSpec model, CompressionSpec compression,
                        List<PluginChoice> metrics, LocalSpec local, List<PluginChoice> renderers, Path output, Path baseDir) {
        this(specVersion, seed, data, model, compression, metrics, local, renderers, ExecutionSpec.DEFAULT, output, baseDir);
    }

    /** The same spec writing to another folder. */
    public PipelineSpec withOutput(Path newOutput) {
        return new PipelineSpec(specVersion, seed, data, model, compression, metrics, local, renderers, execution, newOutput,
                baseDir, analysis);
    }

    /** The same spec on {@code threads} threads ({@code --threads}). */
    public PipelineSpec withThreads(int threads) {
        return new PipelineSpec(specVersion, seed, data, model, compression, metrics, local, renderers,
                execution.withThreads(threads), output, baseDir, analysis);
    }

    /** The same spec on another engine ({@code --engine}, {@code --master}). */
    public PipelineSpec withExecution(ExecutionSpec newExecution) {
        return new PipelineSpec(specVersion, seed, data, model, compression, metrics, local, renderers, newExecution,
                output, baseDir, analysis);
    }

    /** The same spec with another {@code local} section (a default resolved once the data is read). */
    public PipelineSpec withLocal(LocalSpec newLocal) {
        return new PipelineSpec(specVersion, seed, data, model, compression, metrics, newLocal, renderers, execution,
                output, baseDir, analysis);
    }

    /** Where each engine setting sits in a pipeline spec file. */
    public static final Setting.Paths SETTING_PATHS = setting -> switch (setting) {
        case HOLDOUT -> "$.compression.rows.holdout";
        case CLUSTERS -> "$.compression.clusters";
        case FINETUNE_VALIDATION -> "$.compression.finetune.validation";
        case LOCAL_INSTANCES -> "$.local.instances";
        case LOCAL_CSV -> "$.local.csv";
        case KERNEL_WIDTH -> "$.local.kernel.width";
        case LOCAL_BASELINE -> "$.local.baseline";
        case MODEL_LOAD -> "$.model.load";
        case TRAIN_OUTPUT -> "$.model.train.output";
        case TRAIN_TEST_FRACTION -> "$.model.train.testFraction";
    };
}
