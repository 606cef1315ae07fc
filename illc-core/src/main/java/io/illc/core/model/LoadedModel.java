package io.illc.core.model;

import io.illc.api.Mlp;

import java.util.Objects;

/**
 * A model read by {@link ModelLoader}.
 *
 * @param mlp          the network; unnamed inputs and outputs are {@code x0, ...} and {@code y0, ...}
 * @param namedInputs  true when the file named the inputs, so data columns can be matched by name
 * @param namedOutputs true when the file named the outputs
 * @param format       the format it was read as: one of {@link ModelLoader#FORMATS}
 */
public record LoadedModel(Mlp mlp, boolean namedInputs, boolean namedOutputs, String format) {
    public LoadedModel {
        Objects.requireNonNull(mlp, "mlp");
        if (!ModelLoader.FORMATS.contains(format)) {
            throw new IllegalArgumentException("unknown model format " + format + "; known: " + ModelLoader.FORMATS);
        }
    }
}
