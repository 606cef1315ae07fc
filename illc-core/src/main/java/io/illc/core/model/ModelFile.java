package io.illc.core.model;

import io.illc.api.Mlp;

import java.util.Objects;

/**
 * A model as read from a file, with whether its names came from the file.
 *
 * @param mlp          the network; when the file has no names, {@link Mlp#unnamed} names them
 *                     {@code x0, x1, ...} and {@code y0, y1, ...}
 * @param namedInputs  true when the file names the inputs, so data columns can be matched by name
 * @param namedOutputs true when the file names the outputs
 */
public record ModelFile(Mlp mlp, boolean namedInputs, boolean namedOutputs) {
    public ModelFile {
        Objects.requireNonNull(mlp, "mlp");
    }
}
