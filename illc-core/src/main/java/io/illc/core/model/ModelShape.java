package io.illc.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a spec check needs of a model: its inputs and the widths of its hidden layers, read
 * without its weights where the format allows ({@link ModelLoader#shape}).
 *
 * @param inputNames   one per input; {@code x0, x1, ...} when the file names none
 * @param namedInputs  true when the file named the inputs, so data columns can be matched by name
 * @param hiddenWidths the neurons of hidden layers 1..d, in order (empty for a single layer)
 */
public record ModelShape(List<String> inputNames, boolean namedInputs, List<Integer> hiddenWidths) {
    public ModelShape {
        inputNames = List.copyOf(inputNames);
        hiddenWidths = List.copyOf(hiddenWidths);
    }

    /** The shape of a model read whole. */
    static ModelShape of(LoadedModel model) {
        Objects.requireNonNull(model, "model");
        return new ModelShape(model.mlp().inputNames(), model.namedInputs(),
                Arrays.stream(model.mlp().hiddenWidths()).boxed().toList());
    }

    /** The number of inputs. */
    public int inputCount() {
        return inputNames.size();
    }
}
