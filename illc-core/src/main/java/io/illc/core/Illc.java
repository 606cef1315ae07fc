package io.illc.core;

import com.google.inject.Guice;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.run.OutputFolder;
import io.illc.core.run.PipelineRunner;
import io.illc.core.run.Progress;
import io.illc.core.run.Rerender;
import io.illc.core.run.RunResult;
import io.illc.core.run.RunWriter;
import io.illc.core.run.Versions;
import io.illc.core.spec.PipelineSpec;
import io.illc.core.spec.SpecParser;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.util.List;

/**
 * The public Java entry point: parse a spec, compute its results as values, or run it into an
 * output folder. For code and jshell:
 * <pre>{@code
 * Illc illc = Illc.withPlugins(List.of());
 * RunResult r = illc.compute(illc.parse(Path.of("examples/specs/golden-bc-tiny.json")));
 * r.metrics().get("io-unfaithfulness").value();
 * }</pre>
 * Thread-safe; one instance can run many specs.
 */
public final class Illc {
    private final PluginCatalog catalog;
    private final SpecParser parser;
    private final PipelineRunner runner;
    private final RunWriter writer;
    private final Rerender rerender;

    @Inject
    public Illc(PluginCatalog catalog, SpecParser parser, PipelineRunner runner, RunWriter writer, Rerender rerender) {
        this.catalog = catalog;
        this.parser = parser;
        this.runner = runner;
        this.writer = writer;
        this.rerender = rerender;
    }

    /**
     * An instance with the plugins on the class path and in the jars of {@code pluginFolders}: the
     * entry point for code that has no injector of its own (the CLI builds one with {@link IllcModule}).
     */
    public static Illc withPlugins(List<Path> pluginFolders) {
        return Guice.createInjector(new IllcModule(pluginFolders)).getInstance(Illc.class);
    }

    public PluginCatalog catalog() {
        return catalog;
    }

    /** Reads, checks and defaults a spec file. @throws InputException listing every problem */
    public PipelineSpec parse(Path specFile) {
        return parser.parse(specFile);
    }

    /** Reads, checks and defaults a spec given as text; relative paths resolve against {@code baseDir}. */
    public PipelineSpec parse(String json, Path baseDir, String specName) {
        return parser.parse(json, baseDir, specName);
    }

    /** Computes a spec's results without writing anything. */
    public RunResult compute(PipelineSpec spec) {
        return runner.compute(spec, Progress.SILENT);
    }

    /** Computes a spec's results, reporting progress. */
    public RunResult compute(PipelineSpec spec, Progress progress) {
        return runner.compute(spec, progress);
    }

    /**
     * Computes a spec and writes its results into {@code spec.output()}, all or nothing.
     *
     * @param force replace a non-empty output folder
     */
    public RunResult run(PipelineSpec spec, boolean force, Progress progress) {
        try (OutputFolder folder = OutputFolder.begin(spec.output(), force, progress)) {
            RunResult result = runner.compute(spec, progress);
            progress.stage("writing " + spec.output());
            writer.write(result, folder, progress);
            folder.commit();
            return result;
        }
    }

    /**
     * Renders an existing run's {@code qbaf.json} again with {@code renderer} and text parameters
     * ({@code edgeQuantile=0.9}), replacing {@code qbaf.<ext>} in {@code runFolder}.
     *
     * @return the file written
     */
    public Path render(Path runFolder, String renderer, java.util.Map<String, String> params, Progress progress) {
        return rerender.render(runFolder, renderer, params, progress);
    }

    /** This build's version ("dev" when run from class folders). */
    public static String version() {
        return Versions.illc();
    }
}
