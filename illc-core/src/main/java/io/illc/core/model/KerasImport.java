package io.illc.core.model;

import io.illc.api.Mlp;
import io.illc.core.InputException;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a Keras 2 Sequential model saved as HDF5 ({@code model.save("model.h5")}) through DL4J's
 * Keras import. Dense layers become {@link io.illc.api.DenseLayer}s and Dropout layers are
 * skipped (see {@link Dl4jModels#toMlp}); anything else is rejected. DL4J reads Keras weights as
 * float32, Keras's own precision, so the imported weights are exactly the stored ones. Keras has
 * no per-feature names, so inputs and outputs get generated names.
 *
 * <p>Keras 3's {@code .keras} format (a zip) is not readable here; the error says how to re-save.
 */
public final class KerasImport {
    /** The first bytes of every HDF5 file without a user block. */
    static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    /** The first bytes of a zip file, such as Keras 3's {@code .keras}. */
    static final byte[] ZIP_SIGNATURE = {'P', 'K', 3, 4};

    private KerasImport() {
    }

    /**
     * Reads Keras 2 HDF5 through DL4J's Keras import, and hands a Keras 3 {@code .keras} zip, or an
     * HDF5 file written by Keras 3, to {@link Keras3Import}.
     *
     * @throws InputException when the file is missing, is not a Sequential model, or has layers
     *                        other than Dense and Dropout (Keras 2), or what Keras3Import rejects
     */
    public static Mlp read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("model file not found: " + file);
        }
        byte[] head = head(file, HDF5_SIGNATURE.length);
        if (startsWith(head, ZIP_SIGNATURE)) {
            return Keras3Import.read(file);
        }
        if (!startsWith(head, HDF5_SIGNATURE)) {
            throw new InputException(file + " is neither a Keras 3 .keras archive nor an HDF5 file (Keras 2's .h5);"
                    + " save the model with model.save(\"model.keras\")");
        }
        if (Keras3Import.kerasVersion(file).startsWith("3")) {
            // DL4J's import knows Keras 1 and 2 only; the layer configuration is the same as in a .keras archive.
            return Keras3Import.readLegacyHdf5(file);
        }
        MultiLayerNetwork net;
        try {
            silenceHdf5Diagnostics();
            net = KerasModelImport.importKerasSequentialModelAndWeights(file.toString(), false);
        } catch (InvalidKerasConfigurationException | UnsupportedKerasConfigurationException | IOException e) {
            throw new InputException("cannot import the Keras model " + file + ": " + e.getMessage()
                    + " (only Sequential models of Dense and Dropout layers are supported)", e);
        } catch (RuntimeException e) {
            // DL4J and the HDF5 bindings report malformed files with unchecked exceptions, such as
            // "H5Fopen failed"; the native library's own dump, silenced above, said no more to a user.
            String gist = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new InputException("cannot import the Keras model " + file + ": the HDF5 library cannot read it ("
                    + gist + "); the file is damaged, truncated or not a Keras 2 model", e);
        }
        return Dl4jModels.toUnnamedMlp(net);
    }

    /**
     * Stops the native HDF5 library from printing its error stack (dozens of lines) straight to the
     * process's stderr, past Java: illc reports the failure on one line instead. Applies to the
     * calling thread's default error stack, so it is called on the thread that imports.
     */
    static void silenceHdf5Diagnostics() {
        org.bytedeco.hdf5.global.hdf5.H5Eset_auto2(org.bytedeco.hdf5.global.hdf5.H5E_DEFAULT, null, null);
        org.bytedeco.hdf5.Exception.dontPrint();
    }

    /** Up to {@code n} first bytes of {@code file}. */
    static byte[] head(Path file, int n) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new InputException("cannot read model file " + file + ": " + e, e);
        }
    }

    static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
