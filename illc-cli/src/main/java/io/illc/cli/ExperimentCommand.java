package io.illc.cli;

import io.illc.core.InputException;
import io.illc.experiments.ExperimentProgress;
import io.illc.experiments.ExperimentResult;
import io.illc.experiments.ExperimentSpec;
import io.illc.experiments.Experiments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code illc experiment SPEC | --paper [--quick]}: a grid of trainings (or the spec's existing models)
 * and compressions with a report comparing the methods. Resumable: a rerun skips the finished cells.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, versionProvider = IllcCommand.Version.class,
        description = "Run an experiment grid (depths x widths x seeds, or existing models named by the spec's"
                + " model.load, x methods x clusterings) and write"
                + " results.csv, report.md and figures. Cells run in parallel (--threads). A rerun of the same spec"
                + " resumes where it stopped.")
final class ExperimentCommand extends Subcommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "An experiment spec file (docs/experiments.md).")
    Path spec;

    @Option(names = "--paper", description = "The ILLC paper's grid: 5/10/20 layers x 100/200/500 ReLU neurons, 3 seeds.")
    boolean paper;

    @Option(names = "--quick", description = "With --paper: a small subset (5x100 and 10x100, one seed), for CI.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "The output folder (default: the spec's output).")
    Path out;

    @Option(names = "--force", description = "Start over in a folder that holds another experiment (any other"
            + " non-empty folder is refused).")
    boolean force;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Option(names = "--report-only", description = "Compute nothing: rebuild report.md and the figures of the experiment"
            + " folder (--out DIR, or the spec's output) from its experiment.json and its cells/ files, or from its"
            + " results.csv alone.")
    boolean reportOnly;

    ExperimentCommand(Session session) {
        super(session);
    }

    @Override
    public Integer call() {
        if (reportOnly) {
            return reportOnly();
        }
        ExperimentSpec given = experiment();
        ExperimentSpec experiment = threads.value() == null ? given : given.withThreads(threads.value());
        Path folder = out != null ? session.resolve(out) : experiment.output();
        ExperimentResult result = service(Experiments.class).run(experiment.withOutput(folder), folder, force,
                progress(options().quiet()));
        if (!options().quiet()) {
            out().println("wrote " + result.folder() + " (" + result.computedCells() + " cells computed, "
                    + result.reusedCells() + " reused, " + result.trainedModels() + " models trained) in "
                    + seconds(result.wallTime()));
            result.summary().forEach(line -> out().println("  " + line));
            out().flush();
        }
        return Failures.OK;
    }

    private int reportOnly() {
        if (force || threads.value() != null) {
            throw new InputException("--report-only rewrites the report of a finished folder and computes nothing; "
                    + (force ? "--force" : "--threads") + " has no meaning with it");
        }
        if (out == null && spec == null && !paper) {
            throw new InputException("--report-only needs the experiment folder: give --out DIR (or the spec whose output it is)");
        }
        Path folder = out != null ? session.resolve(out) : experiment().output();
        ExperimentResult result = service(Experiments.class).report(folder, progress(options().quiet()));
        if (!options().quiet()) {
            out().println("rewrote the report of " + result.folder() + " (" + result.reusedCells() + " cells) in "
                    + seconds(result.wallTime()));
            result.summary().forEach(line -> out().println("  " + line));
            out().flush();
        }
        return Failures.OK;
    }

    private ExperimentSpec experiment() {
        if (paper == (spec != null)) {
            throw new InputException("give either an experiment spec file or --paper (with --quick for the small grid)");
        }
        if (quick && !paper) {
            throw new InputException("--quick works with --paper only");
        }
        Experiments experiments = service(Experiments.class);
        return paper ? experiments.builtin(quick ? "quick" : "paper") : experiments.parse(session.resolve(spec));
    }

    /**
     * One line per finished cell (cells finish in any order on several threads) with the time left, and
     * notes, unless --quiet: plain lines, so that the log of a grid left running in the background
     * shows how far it got too.
     */
    private ExperimentProgress progress(boolean quietly) {
        return new ExperimentProgress() {
            @Override
            public void cellFinished(CellUpdate u) {
                if (!quietly) {
                    session.err().println("cell " + u.done() + "/" + u.total() + " done: " + u.cell().id() + (u.reused() ? " (reused)" : "")
                            + " in " + seconds(u.cellTime()) + u.remaining().map(r -> ", about " + seconds(r) + " left").orElse(""));
                    session.err().flush();
                }
            }

            @Override
            public void note(String message) {
                if (!quietly) {
                    session.err().println("illc: " + message);
                    session.err().flush();
                }
            }
        };
    }

    private static String seconds(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
