package io.illc.cli;

import io.illc.core.Illc;
import io.illc.core.run.OutputFolder;
import io.illc.core.spec.PipelineSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code illc demo}: trains a small network on the bundled breast-cancer data, compresses it with
 * ILLC and renders the QBAF, so a new user sees every stage with nothing to prepare.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = IllcCommand.Version.class,
        description = "Train a 3x64 ReLU network on the built-in breast-cancer data, compress it with ILLC"
                + " (shrink 0.8, agglomerative clustering), explain row 0 locally, and write the QBAF as DOT, JSON"
                + " and an interactive HTML page.")
final class DemoCommand extends Subcommand {
    /** The built-in spec, a resource beside this class. */
    static final String SPEC_RESOURCE = "demo-spec.json";

    @Option(names = "--out", paramLabel = "DIR",
            description = "The output folder, relative to the current folder (default: illc-out/demo).")
    Path out;

    @Option(names = "--force", description = "Go ahead when another run is writing the output folder (an earlier"
            + " run's results there are replaced without it; any other non-empty folder is refused).")
    boolean force;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    DemoCommand(Session session) {
        super(session);
    }

    @Override
    public Integer call() {
        Illc illc = illc();
        // Parsed against the working directory, so the default output is ./illc-out/demo.
        PipelineSpec spec = illc.parse(spec(), session.cwd(), "demo");
        Path target = out == null ? spec.output() : session.resolve(out);
        boolean replace = force;
        if (!force && OutputFolder.holdsEarlierRun(target)) {
            // The quick start must work twice in a row: an earlier run's folder is the demo's own to replace.
            progress().note("replacing the earlier run in " + target);
            replace = true;
        }
        return RunCommand.runAndSummarise(this, illc, spec, out, replace, threads.value());
    }

    static String spec() {
        try (InputStream in = DemoCommand.class.getResourceAsStream(SPEC_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo spec " + SPEC_RESOURCE + " is missing from the illc-cli jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo spec", e);
        }
    }
}
