package io.illc.cli;

import io.illc.core.Illc;
import io.illc.core.pipeline.ModelReadAhead;
import io.illc.core.run.RunResult;
import io.illc.core.spec.ExecutionSpec;
import io.illc.core.spec.PipelineSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code illc run SPEC [--out DIR] [--force]}. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = IllcCommand.Version.class,
        description = "Run a pipeline spec: load or train the model, compress it, measure it and write"
                + " the results into the output folder, all or nothing.")
final class RunCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "SPEC", description = "The JSON spec file.")
    Path spec;

    @Option(names = "--out", paramLabel = "DIR",
            description = "The output folder, relative to the current folder (default: the spec's \"output\","
                    + " or illc-out/<spec name> beside the spec).")
    Path out;

    @Option(names = "--force", description = "Replace an earlier run's results in the output folder (any other"
            + " non-empty folder is refused).")
    boolean force;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    EngineOption engine = new EngineOption();

    RunCommand(Session session) {
        super(session);
    }

    @Override
    public Integer call() {
        Path specFile = session.resolve(spec);
        Integer threadCount = threads.value();
        // The model file is read while the rest starts (Guice, plugins, the spec's checks), unless
        // Main.readAhead already started reading it (then this reads nothing).
        try (ModelReadAhead ahead = engine.engine == null || engine.engine.equals(ExecutionSpec.LOCAL)
                ? ModelReadAhead.start(specFile, threadCount) : ModelReadAhead.none()) {
            Illc illc = illc();
            for (String unreadable : illc.catalog().unreadableJars()) {
                session.err().println("illc: warning: " + unreadable);
            }
            session.err().flush();
            return runAndSummarise(this, illc, engine.apply(illc.parse(specFile)), out, force, threadCount);
        }
    }

    /**
     * Runs {@code spec} into {@code out} (resolved against the working directory) or, without it,
     * into the spec's own output folder, then prints a summary unless --quiet.
     */
    static int runAndSummarise(Subcommand command, Illc illc, PipelineSpec spec, Path out, boolean force, Integer threads) {
        PipelineSpec placed = out == null ? spec : spec.withOutput(command.session.resolve(out));
        PipelineSpec effective = threads == null ? placed : placed.withThreads(threads);
        RunResult result = onEngine(effective, () -> illc.run(effective, force, command.progress()));
        if (!command.options().quiet()) {
            RunSummary.print(result, illc.catalog(), command.out(), command.progress());
        }
        return Failures.OK;
    }

    /**
     * Runs {@code run} with the thread's context class loader over the engine's jars when the spec asks
     * for an engine that is not on the class path (Spark), so they are opened only then.
     */
    static <T> T onEngine(PipelineSpec spec, java.util.function.Supplier<T> run) {
        String engine = spec.execution().engine();
        if (engine.equals(io.illc.core.spec.ExecutionSpec.LOCAL)) {
            return run.get();
        }
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(EngineJars.loader(engine));
        try {
            return run.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
