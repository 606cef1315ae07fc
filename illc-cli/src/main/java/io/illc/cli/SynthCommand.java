package io.illc.cli;

import io.illc.core.InputException;
import io.illc.core.catalog.Memory;
import io.illc.core.data.SyntheticData;
import io.illc.core.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * {@code illc data synth --rows N --features F --classes C --seed S --out FILE.csv}: a seeded
 * Gaussian mixture labelled by a random teacher network ({@link SyntheticData}), written row by row,
 * so files of any size can be made (large ones are generated, never committed).
 */
@Command(name = "synth", mixinStandardHelpOptions = true, versionProvider = IllcCommand.Version.class,
        description = "Write a seeded synthetic classification data set as CSV: Gaussian-mixture rows labelled by a"
                + " random teacher network, columns f0..f(F-1) and label. The same options give the same file.")
final class SynthCommand extends Subcommand {
    @Option(names = "--rows", required = true, paramLabel = "N", description = "Number of rows (at least 1).")
    long rows;

    @Option(names = "--features", paramLabel = "F", description = "Number of feature columns (default: ${DEFAULT-VALUE}).")
    int features = 30;

    @Option(names = "--classes", paramLabel = "C", description = "Number of classes, at least 2 (default: ${DEFAULT-VALUE}).")
    int classes = 2;

    @Option(names = "--seed", paramLabel = "S", description = "The seed of every draw (default: 0).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The CSV file to write; gzip-compressed when its name ends in .gz.")
    Path out;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    SynthCommand(Session session) {
        super(session);
    }

    @Override
    public Integer call() throws IOException {
        List<String> problems = new ArrayList<>();
        if (rows < 1) {
            problems.add("--rows: " + rows + "; must be at least 1");
        }
        if (features < 1) {
            problems.add("--features: " + features + "; must be at least 1");
        }
        if (classes < 2) {
            problems.add("--classes: " + classes + "; must be at least 2");
        }
        Path target = session.resolve(out);
        OutputFile.problem(target, "--out", force, "a file name").ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        SyntheticData data = new SyntheticData(rows, features, classes, seed);
        if (data.heldBytes() > Runtime.getRuntime().maxMemory()) { // refused at once, not after a long while
            throw new InputException(String.format(Locale.ROOT, "--features %d and --classes %d: making the data holds"
                    + " about %.1f GB (the mixture's means and the teacher's weights per feature), more than the heap"
                    + " (%s); use fewer features or classes, or give Java more with JAVA_OPTS=-Xmx...", features, classes,
                    data.heldBytes() / (1024.0 * 1024 * 1024), Memory.heapText()));
        }
        var progress = progress();
        SyntheticData.RowsWritten written = (done, total) -> progress.step("writing rows",
                (int) Math.min(Integer.MAX_VALUE, done), (int) Math.min(Integer.MAX_VALUE, total));
        boolean gzip = target.getFileName().toString().endsWith(".gz");
        AtomicFiles.write(target, stream -> {
            if (gzip) { // under half the size; the data readers take it as it is
                GZIPOutputStream compressed = new GZIPOutputStream(stream, 1 << 16);
                data.write(compressed, written);
                compressed.finish();
            } else {
                data.write(stream, written);
            }
        });
        if (!options().quiet()) {
            out().println("wrote " + rows + " rows x " + features + " features, " + classes + " classes (seed " + seed
                    + ") to " + target);
            out().flush();
        }
        return Failures.OK;
    }
}
