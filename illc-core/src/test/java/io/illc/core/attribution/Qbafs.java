package io.illc.core.attribution;

import io.illc.api.Activation;
import io.illc.api.Argument;
import io.illc.api.Edge;
import io.illc.api.Qbaf;
import io.illc.core.qbaf.QbafEvaluator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static io.illc.core.qbaf.QbafEvaluatorTest.cluster;
import static io.illc.core.qbaf.QbafEvaluatorTest.input;
import static io.illc.core.qbaf.QbafEvaluatorTest.output;

/** Small QBAFs and independent recomputations of strengths with {@link QbafEvaluator}, for the tests. */
final class Qbafs {
    private Qbafs() {
    }

    /** x, y → C1.0 (tanh, bias 0.5; x: +0.25, y: −1) → out (sigmoid, bias −1; C1.0: +2). */
    static Qbaf hand() {
        return new Qbaf(List.of(input("x"), input("y"), cluster("C1.0", 1, 0.5, Activation.TANH),
                output("out", 2, -1, Activation.SIGMOID)),
                List.of(new Edge("x", "C1.0", 0.25), new Edge("y", "C1.0", -1), new Edge("C1.0", "out", 2)),
                List.of(Activation.TANH, Activation.SIGMOID), null);
    }

    /** The strength of argument {@code id} of {@code qbaf} at {@code point}, by {@link QbafEvaluator}. */
    static double strength(Qbaf qbaf, double[] point, String id) {
        double[] s = new QbafEvaluator(qbaf).strengths(point);
        for (int i = 0; i < s.length; i++) {
            if (qbaf.arguments().get(i).id().equals(id)) {
                return s[i];
            }
        }
        throw new AssertionError("no argument " + id);
    }

    /** {@code qbaf} without the edges {@code drop} matches. */
    static Qbaf withoutEdges(Qbaf qbaf, Predicate<Edge> drop) {
        return new Qbaf(qbaf.arguments(), qbaf.edges().stream().filter(drop.negate()).toList(), qbaf.activations(), null);
    }

    /** {@code qbaf} with the bias of every target of {@code source} shifted by {@code h} times its edge weight. */
    static Qbaf shiftingTargetsOf(Qbaf qbaf, String source, double h) {
        List<Argument> out = new ArrayList<>();
        for (Argument a : qbaf.arguments()) {
            double shift = 0;
            for (Edge e : qbaf.edges()) {
                if (e.source().equals(source) && e.target().equals(a.id())) {
                    shift += h * e.weight();
                }
            }
            if (a.layer() == 0 || shift == 0) {
                out.add(a);
                continue;
            }
            Activation phi = qbaf.activation(a.layer());
            double bias = a.bias() + shift;
            out.add(new Argument(a.id(), a.layer(), a.kind(), a.label(), a.members(), bias,
                    phi.isElementWise() ? phi.apply(bias) : null, null));
        }
        return new Qbaf(out, qbaf.edges(), qbaf.activations(), null);
    }
}
