package io.illc.cli;

import io.illc.api.DenseLayer;
import io.illc.api.Mlp;
import io.illc.core.model.LoadedModel;
import io.illc.core.model.ModelLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** {@code illc describe-model FILE}: what illc reads from a model file, before running anything on it. */
@Command(name = "describe-model", mixinStandardHelpOptions = true, versionProvider = IllcCommand.Version.class,
        description = "Print the layers, activations, input and class names and parameter count of a model file"
                + " (weights JSON, DL4J zip, Keras .keras or .h5, or ONNX), as illc reads it.")
final class DescribeModelCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The model file.")
    Path file;

    @Option(names = "--format", paramLabel = "FMT", description = "The format: weights-json, dl4j, keras or onnx (default: detected).")
    String format;

    /** Names listed in full up to this many; a model may name 100 000 inputs. */
    static final int LISTED_NAMES = 50;
    /** Of more names, the first and the last this many are listed. */
    private static final int FIRST_NAMES = 20;
    private static final int LAST_NAMES = 5;

    DescribeModelCommand(Session session) {
        super(session);
    }

    @Override
    public Integer call() {
        Path source = session.resolve(file);
        LoadedModel model = ModelLoader.load(source, format);
        Mlp mlp = model.mlp();
        long parameters = 0;
        for (DenseLayer layer : mlp.layers()) {
            parameters += (long) layer.outputs() * layer.inputs() + layer.outputs();
        }
        var out = out();
        out.println(source + " (" + model.format() + ")");
        out.println("inputs: " + mlp.inputCount() + (model.namedInputs() ? " " + listed(mlp.inputNames())
                : " (the file names none: columns are matched by position)"));
        for (int l = 1; l <= mlp.layers().size(); l++) {
            DenseLayer layer = mlp.layer(l);
            String kind = l <= mlp.hiddenLayerCount() ? "hidden layer " + l : "output layer";
            out.println(kind + ": " + layer.outputs() + " neurons, " + layer.activation());
        }
        out.println("outputs: " + mlp.outputCount() + (model.namedOutputs() ? " " + listed(mlp.outputNames())
                : " (the file names none: classes come from the data)"));
        out.println("parameters: " + parameters);
        out.flush();
        return Failures.OK;
    }

    /** {@code names} joined by commas; beyond {@link #LISTED_NAMES}, the first and last few and how many are between. */
    static String listed(List<String> names) {
        if (names.size() <= LISTED_NAMES) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, FIRST_NAMES)) + ", ... (" + (names.size() - FIRST_NAMES - LAST_NAMES)
                + " more) ..., " + String.join(", ", names.subList(names.size() - LAST_NAMES, names.size()));
    }
}
