package io.illc.cli;

import io.illc.core.InputException;
import io.illc.core.model.LoadedModel;
import io.illc.core.model.ModelLoader;
import io.illc.core.model.ModelWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code illc convert IN OUT}: reads a model in any supported format and writes it as weights JSON
 * or a DL4J zip. OUT appears complete or not at all: the model is written beside it first and
 * then moved into place.
 */
@Command(name = "convert", mixinStandardHelpOptions = true, versionProvider = IllcCommand.Version.class,
        description = "Convert a model file. Reads weights JSON, DL4J zips, Keras HDF5 and ONNX; writes"
                + " weights JSON (.json) or a DL4J zip (.zip).")
final class ConvertCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "IN", description = "The model to read.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write.")
    Path out;

    @Option(names = "--format", paramLabel = "FMT",
            description = "The format to write: weights-json or dl4j (default: by OUT's extension, .json or .zip).")
    String format;

    @Option(names = "--from", paramLabel = "FMT",
            description = "The format of IN: weights-json, dl4j, keras or onnx (default: detected).")
    String from;

    @Option(names = "--force", description = "Replace OUT if it exists.")
    boolean force;

    ConvertCommand(Session session) {
        super(session);
    }

    @Override
    public Integer call() {
        Path source = session.resolve(in);
        Path target = session.resolve(out);
        if (Files.isDirectory(target)) {
            throw new InputException(target + " is a folder; give OUT as a file name ending in .json or .zip");
        }
        if (Files.exists(target) && !force) {
            throw new InputException(target + " already exists; add --force to replace it, or choose another OUT");
        }
        LoadedModel model = ModelLoader.load(source, from);
        write(model, target);
        if (!options().quiet()) {
            out().println("wrote " + target + " (read " + source + " as " + model.format() + ")");
        }
        return Failures.OK;
    }

    /**
     * Writes into a temporary folder beside {@code target} under the target's own name (so the
     * writer picks the format by the right extension and names the right file in its messages),
     * then moves the file into place.
     */
    private void write(LoadedModel model, Path target) {
        Path staging;
        try {
            Files.createDirectories(target.getParent());
            staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".partial-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write beside " + target, e);
        }
        Path temp = staging.resolve(target.getFileName());
        try {
            ModelWriter.write(model.mlp(), temp, format);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the converted model into " + target, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
                Files.deleteIfExists(staging);
            } catch (IOException e) {
                // Best effort: a leftover hidden folder must not hide the real outcome.
                session.err().println("illc: could not remove the temporary folder " + staging);
            }
        }
    }
}
