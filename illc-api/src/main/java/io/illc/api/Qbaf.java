package io.illc.api;

import java.util.List;
import java.util.Objects;

/**
 * A quantitative bipolar argumentation framework read off a compressed MLP (the paper's
 * Definitions 2–5): arguments layer by layer, and one edge per non-zero weight.
 *
 * <p>A QBAF is self-describing: besides the biases on its arguments and the weights on its edges
 * it carries φ of every non-input layer, which is all it takes to evaluate it at a row (strength of
 * a non-input argument = φ_layer(bias + Σ weight × source strength), softmax across the outputs).
 *
 * @param arguments   layer by layer; within a layer in neuron order
 * @param edges       grouped by target layer, then by target, then by source
 * @param activations φ of layers 1..d+1: index 0 is hidden layer 1, the last entry the output layer
 *                    (softmax, allowed there only, is applied across the outputs); at least one entry,
 *                    and when there are arguments, as many entries as the highest argument layer
 * @param local       the explained row, or {@code null} for a global explanation
 */
public record Qbaf(List<Argument> arguments, List<Edge> edges, List<Activation> activations, LocalContext local) {
    public Qbaf {
        arguments = List.copyOf(arguments);
        edges = List.copyOf(edges);
        Objects.requireNonNull(activations, "activations");
        if (activations.isEmpty()) {
            throw new IllegalArgumentException("a QBAF needs the activation of at least its output layer");
        }
        for (int l = 1; l <= activations.size(); l++) {
            Activation a = Objects.requireNonNull(activations.get(l - 1), "activation of layer " + l);
            if (!a.isElementWise() && l < activations.size()) {
                throw new IllegalArgumentException("layer " + l + " of " + activations.size() + " has activation "
                        + a.jsonName() + "; softmax is allowed on the output layer only");
            }
        }
        activations = List.copyOf(activations);
        int highest = arguments.stream().mapToInt(Argument::layer).max().orElse(activations.size());
        if (highest != activations.size()) {
            throw new IllegalArgumentException("the arguments reach layer " + highest + " but " + activations.size()
                    + " layer activations were given (one per layer 1.." + highest + ")");
        }
    }

    /** φ of the output layer, the last of {@link #activations()}. */
    public Activation outputActivation() {
        return activations.get(activations.size() - 1);
    }

    /**
     * φ of layer {@code layer}.
     *
     * @param layer 1..d+1 (1 = the first hidden layer, d+1 = the output layer)
     * @throws IndexOutOfBoundsException when {@code layer} is outside 1..{@code activations().size()}
     */
    public Activation activation(int layer) {
        if (layer < 1 || layer > activations.size()) {
            throw new IndexOutOfBoundsException("layer " + layer + " is not one of layers 1.." + activations.size());
        }
        return activations.get(layer - 1);
    }
}
