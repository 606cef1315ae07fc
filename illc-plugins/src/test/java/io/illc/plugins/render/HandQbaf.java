package io.illc.plugins.render;

import io.illc.api.Activation;
import io.illc.api.Argument;
import io.illc.api.Edge;
import io.illc.api.LocalContext;
import io.illc.api.Qbaf;

import java.util.ArrayList;
import java.util.List;

/**
 * The QBAF of a small compressed network 2 → 2 → 2 → 2 (ReLU hidden layers, softmax output),
 * written out by hand as the builder in illc-core reads it: original hidden layers of 4 neurons
 * (partition [0, 1, 0, 1]) and 3 neurons (partition [0, 1, 1]).
 */
final class HandQbaf {
    /** |weight| sorted: 0.5, 1, 1, 1, 1, 2, 2, 3. */
    static final List<Edge> EDGES = List.of(
            new Edge("a", "C1.0", 1), new Edge("b", "C1.0", -2),
            new Edge("b", "C1.1", 0.5),
            new Edge("C1.0", "C2.0", 2),
            new Edge("C1.0", "C2.1", -1), new Edge("C1.1", "C2.1", 3),
            new Edge("C2.0", "no", 1),
            new Edge("C2.1", "yes", -1));

    /** Strengths at row (2, 0.5), computed by hand: C1 = (1.5, 0), C2 = (3, 0), softmax(3, 0.5). */
    static final double[] STRENGTHS = {2, 0.5, 1.5, 0, 3, 0, 1 / (1 + Math.exp(-2.5)), 1 / (1 + Math.exp(2.5))};

    /** φ of layers 1..3: ReLU, ReLU, softmax. */
    static final List<Activation> ACTIVATIONS = List.of(Activation.RELU, Activation.RELU, Activation.SOFTMAX);

    private HandQbaf() {
    }

    static List<Argument> arguments() {
        return List.of(
                new Argument("a", 0, Argument.Kind.INPUT, "a", List.of(), null, null, null),
                new Argument("b", 0, Argument.Kind.INPUT, "b", List.of(), null, null, null),
                new Argument("C1.0", 1, Argument.Kind.CLUSTER, "C1.0 (2 neurons)", List.of(0, 2), 0.5, 0.5, null),
                new Argument("C1.1", 1, Argument.Kind.CLUSTER, "C1.1 (2 neurons)", List.of(1, 3), -1.0, 0.0, null),
                new Argument("C2.0", 2, Argument.Kind.CLUSTER, "C2.0 (1 neuron)", List.of(0), 0.0, 0.0, null),
                new Argument("C2.1", 2, Argument.Kind.CLUSTER, "C2.1 (2 neurons)", List.of(1, 2), 0.25, 0.25, null),
                new Argument("no", 3, Argument.Kind.OUTPUT, "no", List.of(), 0.0, null, null),
                new Argument("yes", 3, Argument.Kind.OUTPUT, "yes", List.of(), 0.5, null, null));
    }

    static Qbaf global() {
        return new Qbaf(arguments(), EDGES, ACTIVATIONS, null);
    }

    static Qbaf local() {
        List<Argument> withStrengths = new ArrayList<>();
        List<Argument> arguments = arguments();
        for (int i = 0; i < arguments.size(); i++) {
            Argument a = arguments.get(i);
            withStrengths.add(new Argument(a.id(), a.layer(), a.kind(), a.label(), a.members(), a.bias(), a.baseScore(),
                    STRENGTHS[i]));
        }
        return new Qbaf(withStrengths, EDGES, ACTIVATIONS, new LocalContext(7, List.of(2.0, 0.5), "no", "yes"));
    }

    /** The same network with one sigmoid output "yes" (so outputs have a base score). */
    static Qbaf sigmoidOutput() {
        List<Argument> arguments = new ArrayList<>(arguments().subList(0, 6));
        arguments.add(new Argument("yes", 3, Argument.Kind.OUTPUT, "yes", List.of(), 0.5, 1 / (1 + Math.exp(-0.5)), null));
        List<Edge> edges = new ArrayList<>(EDGES.subList(0, 6));
        edges.add(new Edge("C2.1", "yes", -1));
        return new Qbaf(arguments, edges, List.of(Activation.RELU, Activation.RELU, Activation.SIGMOID), null);
    }
}
