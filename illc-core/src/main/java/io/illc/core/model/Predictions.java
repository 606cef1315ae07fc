package io.illc.core.model;

import com.fasterxml.jackson.core.io.NumberOutput;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.core.data.CsvChunks;
import io.illc.core.data.DataChecks;
import io.illc.core.data.Dataset;
import io.illc.core.linalg.Nd;
import io.illc.core.stream.ChunkSource;
import io.illc.core.stream.RowChunk;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A model's outputs on every row of a dataset: what {@code illc predict} prints, and how an import
 * is checked against the framework that trained the model.
 *
 * @param columns one per output neuron: the model's output names, or the data's class names for a
 *                model without them
 * @param outputs {@code [rows, outputs]}: the output layer after its activation, rows in file order
 */
public record Predictions(List<String> columns, Matrix outputs) {
    public Predictions {
        columns = List.copyOf(columns);
        Objects.requireNonNull(outputs, "outputs");
        if (columns.size() != outputs.cols()) {
            throw new IllegalArgumentException(columns.size() + " column names for " + outputs.cols() + " outputs");
        }
    }

    /**
     * The outputs of {@code model} on {@code data}, its columns matched to the model's inputs by name
     * when the model names them, else by position.
     *
     * @throws io.illc.core.InputException when the data does not fit the model (naming both sides)
     */
    public static Predictions of(LoadedModel model, Dataset data) {
        Mlp mlp = model.mlp();
        Dataset aligned = DataChecks.alignToModel(data, mlp.inputNames(), model.namedInputs(), mlp.inputCount());
        List<Matrix> all = Nd.forwardAll(aligned.features(), mlp.layers());
        return new Predictions(columns(model, data), all.get(all.size() - 1));
    }

    /**
     * The model's output names; for a model without them the data's classes when they fit (one per
     * output, or the second of two for one sigmoid output, as a run names them), else y0, y1, ...
     */
    private static List<String> columns(LoadedModel model, Dataset data) {
        Mlp mlp = model.mlp();
        if (model.namedOutputs() || !data.hasLabels()) {
            return mlp.outputNames();
        }
        List<String> classes = data.classNames();
        if (classes.size() == mlp.outputCount()) {
            return classes;
        }
        return mlp.outputCount() == 1 && classes.size() == 2 ? List.of(classes.get(1)) : mlp.outputNames();
    }

    /**
     * CSV: a header of the column names, then one line per row; every number in its shortest form
     * that reads back to the same double. UTF-8, {@code \n} line ends.
     */
    public byte[] toCsv() {
        return appendRows(outputs, appendHeader(columns, new StringBuilder())).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Told how many rows are written, after every chunk. */
    @FunctionalInterface
    public interface RowsWritten {
        void rowsWritten(long done, long total);
    }

    /**
     * The outputs of {@code model} on every row of a CSV file of any size, read, computed and written
     * a chunk of rows at a time as {@link #toCsv} writes them: the same bytes as
     * {@code of(model, data).toCsv()} on the file loaded (the forward pass computes held rows in the
     * same blocks of rows as the chunks).
     *
     * @param out UTF-8 text is written to it; flushed, not closed
     * @throws io.illc.core.InputException when the data does not fit the model, or a row cannot be read
     */
    public static void writeCsv(LoadedModel model, CsvChunks data, Writer out, RowsWritten progress) throws IOException {
        Mlp mlp = model.mlp();
        Dataset header = data.header();
        Dataset aligned = DataChecks.alignToModel(header, mlp.inputNames(), model.namedInputs(), mlp.inputCount());
        out.append(appendHeader(columns(model, header), new StringBuilder()));
        long done = 0;
        try (ChunkSource.ChunkReader rows = data.inOrder(aligned.featureNames()).open()) {
            for (RowChunk chunk = rows.next(); chunk != null; chunk = rows.next()) {
                Matrix input = Matrix.wrap(chunk.rows(), chunk.features(), chunk.values()); // a new array per chunk
                List<Matrix> all = Nd.forwardAll(input, mlp.layers());
                out.append(appendRows(all.get(all.size() - 1), new StringBuilder()));
                done += chunk.rows();
                progress.rowsWritten(done, data.count());
            }
        }
        out.flush();
    }

    private static StringBuilder appendHeader(List<String> columns, StringBuilder s) {
        for (int j = 0; j < columns.size(); j++) {
            s.append(j > 0 ? "," : "").append(csvField(columns.get(j)));
        }
        return s.append('\n');
    }

    private static StringBuilder appendRows(Matrix outputs, StringBuilder s) {
        for (int r = 0; r < outputs.rows(); r++) {
            for (int j = 0; j < outputs.cols(); j++) {
                s.append(j > 0 ? "," : "").append(NumberOutput.toString(outputs.get(r, j)));
            }
            s.append('\n');
        }
        return s;
    }

    private static String csvField(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
