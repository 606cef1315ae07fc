package io.illc.core.model;

import io.illc.api.Mlp;
import io.illc.core.InputException;
import io.illc.core.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a model as {@value ModelLoader#WEIGHTS_JSON} or {@value ModelLoader#DL4J} (what
 * {@code illc convert IN OUT} produces); Keras and ONNX are import-only. The file appears complete
 * or not at all ({@link AtomicFiles}).
 */
public final class ModelWriter {
    /** The formats that can be written. */
    public static final List<String> FORMATS = List.of(ModelLoader.WEIGHTS_JSON, ModelLoader.DL4J);

    private ModelWriter() {
    }

    /**
     * @param format {@value ModelLoader#WEIGHTS_JSON}, {@value ModelLoader#DL4J}, or {@code null}
     *               to choose by {@code out}'s extension: {@code .json} or {@code .zip}
     * @throws InputException       when the format is not writable or cannot be told from the extension
     * @throws UncheckedIOException when the file cannot be written (its folder is made when missing; a folder is not replaced)
     */
    public static void write(Mlp mlp, Path out, String format) {
        write(mlp, true, true, out, format);
    }

    /**
     * Writes {@code model} keeping exactly the names it was read with: names the file had are
     * written, and a model read without names is written without them, never with generated ones.
     */
    public static void write(LoadedModel model, Path out, String format) {
        write(model.mlp(), model.namedInputs(), model.namedOutputs(), out, format);
    }

    /**
     * The format {@code out} is written in: {@code format}, or by {@code out}'s extension when it is
     * null. Commands call it before their long work (training, reading a large model), so that a
     * name that cannot be written fails first.
     *
     * @throws InputException when the format is not writable or cannot be told from the extension
     */
    public static String format(Path out, String format) {
        String chosen = format == null ? byExtension(out) : format;
        if (!FORMATS.contains(chosen)) {
            throw new InputException("cannot write models as '" + chosen + "'; writable formats: " + String.join(", ", FORMATS)
                    + (ModelLoader.FORMATS.contains(chosen) ? " (" + chosen + " is import-only)" : ""));
        }
        return chosen;
    }

    private static void write(Mlp mlp, boolean namedInputs, boolean namedOutputs, Path out, String format) {
        String chosen = format(out, format);
        try {
            AtomicFiles.write(out, stream -> {
                if (chosen.equals(ModelLoader.WEIGHTS_JSON)) {
                    stream.write(WeightsJson.toJson(mlp, namedInputs, namedOutputs).getBytes(StandardCharsets.UTF_8));
                } else {
                    Dl4jModels.writeZip(mlp, namedInputs, namedOutputs, stream);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model file " + out, e);
        }
    }

    private static String byExtension(Path out) {
        return switch (ModelLoader.extension(out)) {
            case "json" -> ModelLoader.WEIGHTS_JSON;
            case "zip" -> ModelLoader.DL4J;
            default -> throw new InputException("cannot tell the output format from " + out.getFileName()
                    + "; end the name in .json (weights JSON) or .zip (DL4J)");
        };
    }
}
