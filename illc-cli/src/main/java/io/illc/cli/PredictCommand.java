package io.illc.cli;

import io.illc.core.InputException;
import io.illc.core.data.CsvChunks;
import io.illc.core.data.CsvLoader;
import io.illc.core.data.DataChecks;
import io.illc.core.data.Dataset;
import io.illc.core.io.AtomicFiles;
import io.illc.core.model.LoadedModel;
import io.illc.core.model.ModelLoader;
import io.illc.core.model.Predictions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code illc predict MODEL DATA.csv [--out FILE.csv]}: the model's outputs on every row, as CSV —
 * how a user checks an import against the framework that trained the model.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, versionProvider = IllcCommand.Version.class,
        description = {"Print a model's outputs (the output layer after its activation) for every row of a CSV:"
                + " one column per output, named by class when the model or the data names them, rows in file order,"
                + " every number in its shortest form that reads back to the same double.",
                "Columns are matched to the model's inputs by name when the model names them, else by position;"
                        + " the label column (--label, or the last column when the file has one more column than the"
                        + " model has inputs) is left out. A file of more than 1 MiB is streamed (the same output, in"
                        + " less time and memory)."})
final class PredictCommand extends Subcommand {
    /**
     * A larger file is streamed even when it fits in the heap: held, the forward pass keeps every
     * layer's outputs for every row, and streaming is faster from about 0.5 MB on (a 5 x 100 model:
     * 10 000 rows of 30 features, 2.9 MB, 1.45 s held and 1.28 s streamed; 1 M rows, 288 MB, 44-59 s
     * and 6.4 GB held, 14-18 s and 0.27 GB streamed; 569 rows, 0.12 MB, 0.66 and 0.69 s). The
     * output is the same bytes either way.
     */
    private static final long STREAMED_ABOVE_BYTES = 1 << 20;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model: weights JSON, DL4J zip, Keras (.keras or .h5) or ONNX.")
    Path model;

    @Parameters(index = "1", paramLabel = "DATA", description = "A CSV with a header row (gzip-compressed or not).")
    Path data;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the CSV to FILE (atomically) instead of printing it.")
    Path outFile;

    @Option(names = "--label", paramLabel = "COLUMN", description = "The label column to leave out (default: see above).")
    String label;

    @Option(names = "--format", paramLabel = "FMT", description = "The model's format: weights-json, dl4j, keras or onnx (default: detected).")
    String format;

    PredictCommand(Session session) {
        super(session);
    }

    @Override
    public Integer call() throws IOException {
        Path target = outFile == null ? null : session.resolve(outFile);
        if (target != null) {
            OutputFile.check(target, "--out", true, "a file name"); // predictions are remade, so replaced
        }
        LoadedModel loaded = ModelLoader.load(session.resolve(model), format);
        Path csv = session.resolve(data);
        List<String> columns = CsvLoader.columns(csv);
        boolean hasLabel = label != null || hasLabelColumn(columns, loaded);
        // The header against the model first: a model of other data is that, not a row's first
        // field that is no number.
        List<String> unfit = DataChecks.inputProblems(csv.getFileName().toString(),
                CsvLoader.featureColumns(columns, csv.toString(), label, hasLabel), loaded.mlp().inputNames(),
                loaded.namedInputs(), loaded.mlp().inputCount());
        if (!unfit.isEmpty()) {
            throw new InputException(unfit);
        }
        RunSummary.headerOfNumbers(csv.getFileName().toString(), columns).ifPresent(w -> progress().note("warning: " + w));
        long rows;
        if (size(csv) > STREAMED_ABOVE_BYTES || CsvLoader.tooLargeToHold(csv)) {
            var progress = progress();
            progress.stage("checking data " + csv.getFileName() + " (streamed)"); // a pass over the whole file
            rows = streamed(loaded, CsvChunks.open(csv, label, hasLabel,
                    (done, total) -> progress.bytes("checking data", done, total)), target);
        } else {
            Dataset held = CsvLoader.load(csv, label, hasLabel);
            byte[] bytes = Predictions.of(loaded, held).toCsv();
            if (target == null) {
                out().print(new String(bytes, StandardCharsets.UTF_8));
                out().flush();
            } else {
                AtomicFiles.write(target, bytes);
            }
            rows = held.features().rows();
        }
        if (target != null && !options().quiet()) {
            session.err().println("wrote " + rows + " rows to " + target);
            session.err().flush();
        }
        return Failures.OK;
    }

    /** A large file: its rows are read, computed and written a chunk at a time. */
    private long streamed(LoadedModel loaded, CsvChunks rows, Path target) throws IOException {
        var progress = progress();
        progress.stage("predicting " + rows.count() + " rows (streamed)");
        Predictions.RowsWritten written = (done, total) -> progress.step("predicting rows",
                (int) Math.min(Integer.MAX_VALUE, done), (int) Math.min(Integer.MAX_VALUE, total));
        if (target == null) {
            Predictions.writeCsv(loaded, rows, out(), written);
        } else {
            AtomicFiles.write(target, stream -> Predictions.writeCsv(loaded, rows,
                    new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16), written));
        }
        return rows.count();
    }

    /** The file's size, or 0 when it cannot be read (reading it then says why). */
    private static long size(Path csv) {
        try {
            return Files.size(csv);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Whether the file's last column is a label: it has one column more than the model has inputs,
     * and (for a model with names) that last column is not one of them.
     */
    private static boolean hasLabelColumn(List<String> columns, LoadedModel model) {
        if (columns.size() != model.mlp().inputCount() + 1) {
            return false;
        }
        return !model.namedInputs() || !model.mlp().inputNames().contains(columns.get(columns.size() - 1));
    }
}
