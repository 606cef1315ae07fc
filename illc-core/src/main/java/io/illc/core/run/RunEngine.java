package io.illc.core.run;

import io.illc.core.catalog.PluginCatalog;
import io.illc.core.spec.PipelineSpec;

import java.nio.file.Path;

/**
 * An engine that computes a pipeline spec somewhere other than in this JVM's threads (a Spark
 * cluster), found by {@link java.util.ServiceLoader} under its {@link #name()}, as
 * {@code execution.engine} names it. The single-machine engine ({@link PipelineRunner}) is built in;
 * an engine module depends on illc-core, never the other way round. An engine gives the same
 * results as the single-machine engine for the same spec (partitions identical, numbers to rounding).
 *
 * <p>Implementations have a public no-argument constructor and are thread-safe.
 */
public interface RunEngine {
    /** The name {@code execution.engine} gives, e.g. {@code spark}. */
    String name();

    /**
     * Computes everything the spec asks for, as {@link PipelineRunner#compute} does.
     *
     * @param catalog the plugins the spec was resolved against
     * @throws io.illc.core.InputException for bad input, naming the file, row or setting
     */
    RunResult compute(PipelineSpec spec, PluginCatalog catalog, Progress progress);

    /**
     * The same, for a run that writes its output: the engine may write files of its own into
     * {@code staging}, the output folder's staging copy (committed with the rest, or discarded on
     * failure), e.g. results too large to pass through this JVM.
     *
     * @param staging the staging folder, or {@code null} when the results are only computed
     */
    default RunResult compute(PipelineSpec spec, PluginCatalog catalog, Progress progress, Path staging) {
        return compute(spec, catalog, progress);
    }
}
