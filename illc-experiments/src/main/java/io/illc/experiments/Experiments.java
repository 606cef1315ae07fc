package io.illc.experiments;

import com.google.inject.Guice;
import io.illc.core.IllcModule;
import io.illc.core.catalog.PluginCatalog;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.util.List;

/**
 * The Java entry point to experiments: parse an experiment spec or take a built-in one, and run it
 * into a folder. Its collaborators are injected; {@link #withPlugins} builds them for code without an
 * injector. Thread-safe; one instance can run many experiments, one at a time per output folder.
 */
public final class Experiments {
    private final PluginCatalog catalog;
    private final ExperimentSpecParser parser;
    private final ExperimentRunner runner;

    @Inject
    public Experiments(PluginCatalog catalog, ExperimentSpecParser parser, ExperimentRunner runner) {
        this.catalog = catalog;
        this.parser = parser;
        this.runner = runner;
    }

    /** An instance with the plugins on the class path and in the jars of {@code pluginFolders}. */
    public static Experiments withPlugins(List<Path> pluginFolders) {
        return Guice.createInjector(new IllcModule(pluginFolders)).getInstance(Experiments.class);
    }

    /** Reads and checks an experiment spec file ({@code docs/experiments.md}). */
    public ExperimentSpec parse(Path specFile) {
        return parser.parse(specFile);
    }

    /** A built-in experiment: {@code paper} (the ILLC paper's grid) or {@code quick} (a small subset for CI). */
    public ExperimentSpec builtin(String name) {
        return ExperimentSpecs.builtin(name, catalog);
    }

    /**
     * Runs an experiment grid into {@code outputFolder}, resuming the finished cells of an earlier
     * run of the same spec.
     *
     * @param force start over in a folder that holds another experiment
     */
    public ExperimentResult run(ExperimentSpec spec, Path outputFolder, boolean force, ExperimentProgress progress) {
        return runner.run(spec, outputFolder, force, progress);
    }

    /**
     * Rebuilds the report (and what else it can: {@link ExperimentRunner#report}) of the experiment
     * folder {@code folder} from its {@code experiment.json} and results, computing nothing.
     */
    public ExperimentResult report(Path folder, ExperimentProgress progress) {
        Path spec = ExperimentFolder.existing(folder).resolve(ExperimentFolder.SPEC_FILE);
        return runner.report(parser.parse(spec), folder, progress);
    }
}
