package io.illc.cli;

import io.illc.core.InputException;
import io.illc.core.model.LoadedModel;
import io.illc.core.model.ModelLoader;
import io.illc.core.model.ModelWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/**
 * {@code illc convert IN OUT}: reads a model in any supported format and writes it as weights JSON
 * or a DL4J zip. OUT appears complete or not at all: the model is written beside it first and
 * then moved into place.
 */
@Command(name = "convert", mixinStandardHelpOptions = true, versionProvider = IllcCommand.Version.class,
        description = "Convert a model file. Reads weights JSON, DL4J zips, Keras (.keras and .h5) and ONNX; writes"
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
        OutputFile.check(target, "OUT", force, "a file name ending in .json or .zip");
        writableFormat(target); // before the read, which can take a while
        LoadedModel model = ModelLoader.load(source, from);
        ModelWriter.write(model, target, format);
        if (!options().quiet()) {
            out().println("wrote " + target + " (read " + source + " as " + model.format() + ")");
        }
        return Failures.OK;
    }

    private void writableFormat(Path target) {
        try {
            ModelWriter.format(target, format);
        } catch (InputException e) {
            throw format == null ? e.reworded(p -> p + ", or give --format weights-json or --format dl4j")
                    : e.reworded(p -> "--format: " + p);
        }
    }
}
