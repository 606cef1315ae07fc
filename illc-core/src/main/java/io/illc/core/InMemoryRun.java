package io.illc.core;

import io.illc.api.Mlp;
import io.illc.core.io.AtomicFiles;
import io.illc.core.model.WeightsJson;
import io.illc.core.run.RunResult;
import io.illc.core.spec.PipelineSpec;
import io.illc.core.spec.SpecBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link Illc#compress}: an in-memory network and rows run through the very same spec parser and
 * stages as a spec file. They are handed over as the files a spec names (a label-less CSV with the
 * network's input names as header, written with round-trip exact decimals, and a weights JSON) in
 * a scratch folder under {@code java.io.tmpdir} that is deleted afterwards, so the result is the one the equivalent
 * JSON spec gives, by construction.
 */
final class InMemoryRun {
    private InMemoryRun() {
    }

    /** Writes the inputs, builds the spec with {@code settings} pointing at them, computes, cleans up. */
    static RunResult compress(Illc illc, Mlp mlp, double[][] rows, SpecBuilder settings) {
        checkRows(mlp, rows);
        Path folder;
        try {
            // A scratch folder named as AtomicFiles names temporaries, so a leftover is recognisable.
            folder = AtomicFiles.stagingFolder(Path.of(System.getProperty("java.io.tmpdir"), "illc-in-memory"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the in-memory run", e);
        }
        try {
            Path csv = folder.resolve("rows.csv");
            Path model = folder.resolve("model.json");
            Files.writeString(csv, csv(mlp, rows), StandardCharsets.UTF_8);
            Files.write(model, WeightsJson.toBytes(mlp));
            PipelineSpec spec = settings.copy().csv(csv, null).load(model).build(illc, folder, "in-memory");
            return illc.compute(spec);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the in-memory inputs into " + folder, e);
        } finally {
            deleteQuietly(folder);
        }
    }

    private static void checkRows(Mlp mlp, double[][] rows) {
        if (rows.length == 0) {
            throw new InputException("rows: no rows given; expected [samples, " + mlp.inputCount() + "]");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != mlp.inputCount()) {
                throw new InputException("rows[" + i + "] has " + rows[i].length + " values, but the network has "
                        + mlp.inputCount() + " inputs; give every row one value per input");
            }
        }
    }

    /** Header = the network's input names; Double.toString reads back to the same double. */
    private static String csv(Mlp mlp, double[][] rows) {
        StringBuilder s = new StringBuilder(String.join(",", mlp.inputNames())).append('\n');
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                if (j > 0) {
                    s.append(',');
                }
                s.append(row[j]);
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static void deleteQuietly(Path folder) {
        try {
            AtomicFiles.deleteTree(folder);
        } catch (IOException e) {
            // A leftover scratch folder is harmless: the result is already computed.
        }
    }
}
