package io.illc.cli;

import io.illc.core.data.CsvLoader;
import io.illc.core.data.Dataset;
import io.illc.core.io.AtomicFiles;
import io.illc.core.model.LoadedModel;
import io.illc.core.model.ModelLoader;
import io.illc.core.model.Predictions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
                        + " model has inputs) is left out."})
final class PredictCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The model: weights JSON, DL4J zip, Keras (.keras or .h5) or ONNX.")
    Path model;

    @Parameters(index = "1", paramLabel = "DATA", description = "A CSV with a header row.")
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
    public Integer call() {
        Path target = outFile == null ? null : session.resolve(outFile);
        if (target != null) {
            OutputFile.check(target, "--out", true, "a file name"); // predictions are remade, so replaced
        }
        LoadedModel loaded = ModelLoader.load(session.resolve(model), format);
        Path csv = session.resolve(data);
        Dataset rows = CsvLoader.load(csv, label, label != null || hasLabelColumn(csv, loaded));
        byte[] bytes = Predictions.of(loaded, rows).toCsv();
        if (target == null) {
            out().print(new String(bytes, StandardCharsets.UTF_8));
            out().flush();
            return Failures.OK;
        }
        try {
            AtomicFiles.write(target, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        if (!options().quiet()) {
            session.err().println("wrote " + rows.features().rows() + " rows to " + target);
            session.err().flush();
        }
        return Failures.OK;
    }

    /**
     * Whether the file's last column is a label: it has one column more than the model has inputs,
     * and (for a model with names) that last column is not one of them.
     */
    private static boolean hasLabelColumn(Path csv, LoadedModel model) {
        List<String> columns = CsvLoader.columns(csv);
        if (columns.size() != model.mlp().inputCount() + 1) {
            return false;
        }
        return !model.namedInputs() || !model.mlp().inputNames().contains(columns.get(columns.size() - 1));
    }
}
