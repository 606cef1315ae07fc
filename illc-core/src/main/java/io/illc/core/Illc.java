package io.illc.core;

import com.google.inject.Guice;
import io.illc.api.Mlp;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.run.Engines;
import io.illc.core.run.ModelCopy;
import io.illc.core.run.OutputFolder;
import io.illc.core.run.Progress;
import io.illc.core.run.Rerender;
import io.illc.core.run.RunResult;
import io.illc.core.run.RunWriter;
import io.illc.core.run.Versions;
import io.illc.core.spec.PipelineSpec;
import io.illc.core.spec.SpecBuilder;
import io.illc.core.spec.SpecFiles;
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
    private final Engines engines;
    private final RunWriter writer;
    private final Rerender rerender;

    @Inject
    public Illc(PluginCatalog catalog, SpecParser parser, Engines engines, RunWriter writer, Rerender rerender) {
        this.catalog = catalog;
        this.parser = parser;
        this.engines = engines;
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

    /**
     * Compresses a network held in memory on rows held in memory, with the compression, metrics and
     * seed of {@code settings} (its data and model are replaced by {@code rows} and {@code mlp}).
     * Writes nothing. The result equals the one of the equivalent JSON spec (a label-less CSV and
     * a weights JSON): both go through the same parser and stages (see docs/java-api.md).
     *
     * @param rows [samples, mlp.inputCount()]; not kept
     * @throws InputException for rows of the wrong width, or settings the spec parser rejects
     */
    public RunResult compress(Mlp mlp, double[][] rows, SpecBuilder settings) {
        return InMemoryRun.compress(this, mlp, rows, settings);
    }

    /** Computes a spec's results without writing anything. */
    public RunResult compute(PipelineSpec spec) {
        return engines.compute(spec, Progress.SILENT);
    }

    /** Computes a spec's results, reporting progress. */
    public RunResult compute(PipelineSpec spec, Progress progress) {
        return engines.compute(spec, progress);
    }

    /**
     * Computes a spec and writes its results into {@code spec.output()}, all or nothing.
     *
     * @param force replace an earlier run's results in the output folder (any other non-empty folder is refused)
     * @throws InputException when the output folder holds a file the spec reads (replacing the folder
     *                        would delete it), and for every problem of the spec, its files and its plugins
     */
    public RunResult run(PipelineSpec spec, boolean force, Progress progress) {
        List<String> inside = SpecFiles.insideOutput(SpecFiles.read(spec), spec.output());
        if (!inside.isEmpty()) {
            throw new InputException(inside); // the results would replace the folder, and the file with it
        }
        try (OutputFolder folder = OutputFolder.begin(spec.output(), force, progress);
             ModelCopy copy = ModelCopy.start(spec.model(), folder)) {
            RunResult result = engines.compute(spec, progress, folder.staging());
            progress.stage("writing " + spec.output());
            writer.write(result, folder, progress, copy);
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
