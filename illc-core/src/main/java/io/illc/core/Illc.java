package io.illc.core;

import io.illc.core.catalog.PluginCatalog;
import io.illc.core.compress.Compressor;
import io.illc.core.experiment.ExperimentProgress;
import io.illc.core.experiment.ExperimentResult;
import io.illc.core.experiment.ExperimentRunner;
import io.illc.core.experiment.ExperimentSpec;
import io.illc.core.experiment.ExperimentSpecParser;
import io.illc.core.experiment.ExperimentSpecs;
import io.illc.core.run.OutputFolder;
import io.illc.core.run.PipelineRunner;
import io.illc.core.run.Progress;
import io.illc.core.run.Rerender;
import io.illc.core.run.RunResult;
import io.illc.core.run.RunWriter;
import io.illc.core.spec.PipelineSpec;
import io.illc.core.spec.SpecParser;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

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
    private final ExperimentRunner experiments;

    @Inject
    public Illc(PluginCatalog catalog, SpecParser parser, PipelineRunner runner, RunWriter writer, Rerender rerender,
                ExperimentRunner experiments) {
        this.catalog = catalog;
        this.parser = parser;
        this.runner = runner;
        this.writer = writer;
        this.rerender = rerender;
        this.experiments = experiments;
    }

    /** An instance with the plugins on the class path and in the jars of {@code pluginFolders}. */
    public static Illc withPlugins(List<Path> pluginFolders) {
        PluginCatalog catalog = PluginCatalog.discover(pluginFolders);
        return new Illc(catalog, new SpecParser(catalog), new PipelineRunner(catalog, new Compressor()),
                new RunWriter(catalog), new Rerender(catalog), new ExperimentRunner(catalog, new Compressor()));
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
        try (OutputFolder folder = OutputFolder.begin(spec.output(), force)) {
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

    /** Reads and checks an experiment spec file ({@code docs/experiments.md}). */
    public ExperimentSpec parseExperiment(Path specFile) {
        return new ExperimentSpecParser(catalog).parse(specFile);
    }

    /** A built-in experiment: {@code paper} (the ILLC paper's grid) or {@code quick} (a small subset for CI). */
    public ExperimentSpec builtinExperiment(String name) {
        return ExperimentSpecs.builtin(name, catalog);
    }

    /**
     * Runs an experiment grid into {@code outputFolder}, resuming the finished cells of an earlier
     * run of the same spec.
     *
     * @param force start over in a folder that holds something else
     */
    public ExperimentResult experiment(ExperimentSpec spec, Path outputFolder, boolean force, ExperimentProgress progress) {
        return experiments.run(spec, outputFolder, force, progress);
    }

    /** This build's version ("dev" when run from class folders). */
    public static String version() {
        String v = Illc.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The ND4J version on the class path, read from its Maven metadata. */
    public static String nd4jVersion() {
        try (InputStream in = org.nd4j.linalg.factory.Nd4j.class
                .getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
