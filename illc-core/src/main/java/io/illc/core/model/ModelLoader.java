package io.illc.core.model;

import io.illc.core.InputException;
import io.illc.core.Workers;
import io.illc.core.catalog.Suggestions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a model file in any supported format, recognised by content where the format has a
 * signature and by extension otherwise:
 * <ol>
 *   <li>text whose first non-blank character is <code>&#123;</code> → {@value #WEIGHTS_JSON}
 *       ({@link WeightsJson});</li>
 *   <li>a zip with {@code configuration.json} → {@value #DL4J} ({@link Dl4jModels#readZip}); a zip
 *       with {@code config.json} and {@code model.weights.h5} → {@value #KERAS} (a Keras 3
 *       {@code .keras} archive, {@link Keras3Import}); any other zip → "not a model zip";</li>
 *   <li>the HDF5 signature {@code \x89HDF\r\n\x1a\n} → {@value #KERAS} ({@link KerasImport});</li>
 *   <li>the extension {@code .onnx} → {@value #ONNX} ({@link OnnxImport}), which has no signature.</li>
 * </ol>
 * A given format skips the detection.
 */
public final class ModelLoader {
    public static final String WEIGHTS_JSON = "weights-json";
    public static final String DL4J = "dl4j";
    public static final String KERAS = "keras";
    public static final String ONNX = "onnx";
    /** The format names, as used by {@code --format} and the spec. */
    public static final List<String> FORMATS = List.of(WEIGHTS_JSON, DL4J, KERAS, ONNX);

    /** Enough bytes to skip a byte-order mark and some blank lines before a JSON object. */
    private static final int HEAD_BYTES = 4096;

    private ModelLoader() {
    }

    /**
     * @param file   the model file
     * @param format one of {@link #FORMATS}, or {@code null} to detect it
     * @throws InputException for a missing file, an unknown or undetectable format, or a file
     *                        its reader rejects
     */
    public static LoadedModel load(Path file, String format) {
        return load(file, format, Workers.available());
    }

    /**
     * {@link #load(Path, String)}, a large weights JSON file read on up to {@code threads} threads
     * (the model does not depend on how many).
     */
    public static LoadedModel load(Path file, String format, int threads) {
        checkFile(file);
        return read(file, format == null ? detect(file) : checkFormat(format, file), threads);
    }

    /** {@code file} read by the reader of {@code chosen}, a format already checked against it. */
    private static LoadedModel read(Path file, String chosen, int threads) {
        return switch (chosen) {
            case WEIGHTS_JSON -> {
                ModelFile read = WeightsJson.read(file, threads);
                yield new LoadedModel(read.mlp(), read.namedInputs(), read.namedOutputs(), WEIGHTS_JSON);
            }
            case DL4J -> {
                ModelFile read = Dl4jModels.readZipFile(file);
                yield new LoadedModel(read.mlp(), read.namedInputs(), read.namedOutputs(), DL4J);
            }
            case KERAS -> new LoadedModel(KerasImport.read(file), false, false, KERAS);
            case ONNX -> new LoadedModel(OnnxImport.read(file), false, false, ONNX);
            default -> throw new IllegalStateException("format " + chosen + " has no reader");
        };
    }

    /**
     * The shape of the model in {@code file}, with every problem {@link #load} would report: a
     * weights JSON file is read without keeping its weights ({@link WeightsJson#shape}); the other
     * formats are read whole.
     */
    public static ModelShape shape(Path file, String format) {
        checkFile(file);
        String chosen = format == null ? detect(file) : checkFormat(format, file);
        return chosen.equals(WEIGHTS_JSON) ? WeightsJson.shape(file) : ModelShape.of(read(file, chosen, Workers.available()));
    }

    /**
     * Whether {@link #load} would read {@code file} as weights JSON: named so by {@code format}, or
     * detected as such when it is {@code null}; false for a file it cannot read at all.
     */
    public static boolean isWeightsJson(Path file, String format) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        if (format != null) {
            return format.equals(WEIGHTS_JSON);
        }
        try {
            return startsWithJsonObject(KerasImport.head(file, HEAD_BYTES));
        } catch (InputException e) {
            return false;
        }
    }

    private static void checkFile(Path file) {
        if (!Files.exists(file)) {
            throw new InputException("model file not found: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new InputException("model file " + file + " is not a regular file");
        }
    }

    /**
     * {@code format}, when it is one and the file's content does not plainly show another: a model
     * given the wrong format is told so, with the right one, rather than what the wrong reader trips on.
     */
    private static String checkFormat(String format, Path file) {
        if (!FORMATS.contains(format)) {
            throw new InputException("unknown model format '" + format + "'; allowed: " + String.join(", ", FORMATS)
                    + Suggestions.didYouMean(format, FORMATS));
        }
        String shown = byContent(file, KerasImport.head(file, HEAD_BYTES));
        if (shown != null && !shown.equals(format)) {
            throw new InputException("model file " + file + " is in the " + shown + " format, not " + format
                    + "; name the format " + shown + ", or leave it out to have it detected");
        }
        return format;
    }

    /** The format of {@code file} by its content, then its extension ({@code .zip} shows by content). */
    static String detect(Path file) {
        byte[] head = KerasImport.head(file, HEAD_BYTES);
        String shown = byContent(file, head);
        if (shown != null) {
            return shown;
        }
        if (KerasImport.startsWith(head, KerasImport.ZIP_SIGNATURE)) {
            throw new InputException(file + " is a zip without " + Dl4jModels.CONFIGURATION_ENTRY
                    + ", so not a DL4J model zip; supported formats: " + String.join(", ", FORMATS));
        }
        // The name says what the file was meant to be: its reader tells what is wrong with it.
        String named = switch (extension(file)) {
            case "onnx" -> ONNX;
            case "keras", "h5" -> KERAS;
            case "json" -> WEIGHTS_JSON;
            default -> null;
        };
        if (named != null) {
            return named;
        }
        throw new InputException("cannot tell the format of model file " + file
                + ": it is not weights JSON, a DL4J zip, a Keras .keras archive or HDF5 file, and does not end in .onnx; "
                + "name the format with one of " + String.join(", ", FORMATS));
    }

    /**
     * The format that {@code file}'s first bytes ({@code head}) and, for a zip, its entries show, or
     * {@code null} when they show none (ONNX has no signature of its own).
     */
    private static String byContent(Path file, byte[] head) {
        if (startsWithJsonObject(head)) {
            return WEIGHTS_JSON;
        }
        if (KerasImport.startsWith(head, KerasImport.ZIP_SIGNATURE)) {
            if (hasEntry(file, Dl4jModels.CONFIGURATION_ENTRY)) {
                return DL4J;
            }
            if (extension(file).equals("keras")
                    || hasEntry(file, Keras3Import.CONFIG_ENTRY) && hasEntry(file, Keras3Import.WEIGHTS_ENTRY)) {
                return KERAS;
            }
            return null;
        }
        return KerasImport.startsWith(head, KerasImport.HDF5_SIGNATURE) ? KERAS : null;
    }

    private static boolean startsWithJsonObject(byte[] head) {
        int i = 0;
        // A UTF-8 byte-order mark, as some editors write.
        if (head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
            i = 3;
        }
        while (i < head.length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
            i++;
        }
        return i < head.length && head[i] == '{';
    }

    private static boolean hasEntry(Path file, String entry) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry(entry) != null;
        } catch (ZipException e) {
            throw new InputException(file + " starts like a zip but cannot be read as one (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InputException("cannot read model file " + file + ": " + e, e);
        }
    }

    /** The lower-case extension without the dot, or "" when there is none. */
    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
