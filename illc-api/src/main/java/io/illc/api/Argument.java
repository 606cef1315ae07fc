package io.illc.api;

import java.util.List;
import java.util.Objects;

/**
 * One argument of a QBAF: an input feature, a cluster-neuron or an output.
 *
 * @param id        unique within the QBAF: the feature name, {@code C<layer>.<index>}, or the class name
 * @param layer     0 = inputs, 1..d = hidden layers, d+1 = outputs
 * @param kind      input, cluster or output
 * @param label     what a reader sees
 * @param members   for a cluster-neuron, the 0-based ids of the original neurons it merges; empty otherwise
 * @param bias      the pre-activation bias; {@code null} for inputs
 * @param baseScore β = φ(bias); {@code null} for inputs and softmax outputs
 * @param strength  the argument's strength at the explained row; {@code null} when not known
 */
public record Argument(String id, int layer, Kind kind, String label, List<Integer> members, Double bias,
                       Double baseScore, Double strength) {

    /** What an argument stands for. */
    public enum Kind {
        INPUT, CLUSTER, OUTPUT;

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Argument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        members = List.copyOf(members);
        if (layer < 0) {
            throw new IllegalArgumentException("negative layer " + layer);
        }
    }
}
