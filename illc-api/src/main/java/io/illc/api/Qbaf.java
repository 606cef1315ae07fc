package io.illc.api;

import java.util.List;
import java.util.Objects;

/**
 * A quantitative bipolar argumentation framework read off a compressed MLP (the paper's
 * Definitions 2–5): arguments layer by layer, and one edge per non-zero weight.
 *
 * @param arguments          layer by layer; within a layer in neuron order
 * @param edges              grouped by target layer, then by target, then by source
 * @param outputActivation   the output layer's activation (softmax is applied across the outputs)
 * @param local              the explained row, or {@code null} for a global explanation
 */
public record Qbaf(List<Argument> arguments, List<Edge> edges, Activation outputActivation, LocalContext local) {
    public Qbaf {
        arguments = List.copyOf(arguments);
        edges = List.copyOf(edges);
        Objects.requireNonNull(outputActivation, "outputActivation");
    }
}
