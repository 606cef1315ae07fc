package io.illc.core.qbaf;

import io.illc.api.Activation;
import io.illc.api.ActivationInverse;
import io.illc.api.Argument;
import io.illc.api.Edge;
import io.illc.api.Qbaf;
import io.illc.core.qbaf.ArgumentDecomposition.Contribution;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decomposes every argument of a QBAF that has a strength into its bias and incoming contributions
 * ({@link ArgumentDecomposition}), recovering each pre-activation with the inverse of its layer's
 * activation ({@link ActivationInverse}, a plugin kind), and checks that the strengths follow from
 * the biases and weights.
 *
 * <p>Decomposed are the arguments of layers 1..d+1 whose layer activation is element-wise, that
 * have a strength and whose sources all have one. Inputs have nothing to decompose; softmax
 * outputs are left out, since softmax fixes their pre-activations only up to a shared constant; a
 * global QBAF has no strengths, so nothing of it is decomposed.
 *
 * <p>An argument decomposes when
 * <ul>
 *   <li>φ is invertible at its strength: {@code |φ⁻¹(strength) − bias − Σ contributions|} is at most
 *       {@value #RELATIVE_TOLERANCE} × (1 + |bias| + Σ |contribution|) — the rounding of the sums —
 *       plus {@value #STRENGTH_ULPS} steps of φ⁻¹ between the strength and its neighbouring double,
 *       the rounding of the stored strength as φ⁻¹ amplifies it where φ is flat (a sigmoid near 1);</li>
 *   <li>φ is not invertible at its strength (relu at 0, a sigmoid at exactly 0 or 1, tanh at ±1) or
 *       no inverse of φ is installed: the pre-activation is only bounded (relu: ≤ 0), so the check runs
 *       forwards, {@code |φ(bias + Σ contributions) − strength|} at most
 *       {@value #RELATIVE_TOLERANCE} × (1 + |strength|).</li>
 * </ul>
 * Immutable and thread-safe when the inverses are.
 */
public final class StrengthDecomposer {
    /** The relative tolerance of a decomposition, against the magnitude of its terms. */
    public static final double RELATIVE_TOLERANCE = 1e-9;
    /** How many steps between neighbouring doubles a stored strength may be off. */
    public static final int STRENGTH_ULPS = 4;

    private final Map<Activation.Kind, ActivationInverse> inverses;

    /** @param inverses φ⁻¹ by kind of activation; an activation without one is checked forwards only */
    public StrengthDecomposer(Map<Activation.Kind, ActivationInverse> inverses) {
        this.inverses = inverses.isEmpty() ? Map.of() : new EnumMap<>(inverses);
    }

    /** The decomposition of every argument that has one (see the class comment), in argument order. */
    public List<ArgumentDecomposition> decompose(Qbaf qbaf) {
        Objects.requireNonNull(qbaf, "qbaf");
        Map<String, Double> strengths = new HashMap<>();
        Map<String, List<Edge>> incoming = new HashMap<>();
        for (Argument a : qbaf.arguments()) {
            strengths.put(a.id(), a.strength());
        }
        for (Edge e : qbaf.edges()) {
            incoming.computeIfAbsent(e.target(), t -> new ArrayList<>()).add(e);
        }
        List<ArgumentDecomposition> out = new ArrayList<>();
        for (Argument a : qbaf.arguments()) {
            if (a.layer() == 0 || a.strength() == null || a.bias() == null || !qbaf.activation(a.layer()).isElementWise()) {
                continue;
            }
            List<Contribution> contributions = new ArrayList<>();
            for (Edge e : incoming.getOrDefault(a.id(), List.of())) {
                Double source = strengths.get(e.source());
                if (source == null) {
                    break;
                }
                contributions.add(new Contribution(e.source(), e.weight(), source));
            }
            if (contributions.size() == incoming.getOrDefault(a.id(), List.of()).size()) {
                Activation phi = qbaf.activation(a.layer());
                out.add(new ArgumentDecomposition(a.id(), phi, a.bias(), a.strength(), contributions,
                        preActivation(phi, a.strength())));
            }
        }
        return out;
    }

    /**
     * Checks that every decomposed argument decomposes (see the class comment).
     *
     * @throws IllegalArgumentException naming the first argument that does not, with both sides
     */
    public void check(Qbaf qbaf) {
        for (ArgumentDecomposition d : decompose(qbaf)) {
            String problem = mismatch(d);
            if (problem != null) {
                throw new IllegalArgumentException("the strength of argument '" + d.argument() + "' does not follow from"
                        + " its bias and incoming edges: " + problem + "; the strengths, biases and weights of a QBAF must"
                        + " fit together (was the file edited?)");
            }
        }
    }

    /** Why {@code d} does not decompose, or {@code null} when it does. */
    public String mismatch(ArgumentDecomposition d) {
        String phi = d.activation().jsonName();
        if (d.invertible()) {
            double allowed = RELATIVE_TOLERANCE * (1 + Math.abs(d.bias()) + d.incomingMagnitude())
                    + STRENGTH_ULPS * inverseStep(d.activation(), d.strength());
            double difference = Math.abs(d.recoveredIncoming() - d.incoming());
            return difference <= allowed ? null
                    : phi + "⁻¹(" + d.strength() + ") − bias " + d.bias() + " = " + d.recoveredIncoming()
                    + ", but its incoming contributions sum to " + d.incoming() + " (off by " + difference
                    + ", allowed " + allowed + ")";
        }
        double forward = d.activation().apply(d.bias() + d.incoming());
        double allowed = RELATIVE_TOLERANCE * (1 + Math.abs(d.strength()));
        double difference = Math.abs(forward - d.strength());
        return difference <= allowed ? null
                : "its strength is " + d.strength() + ", but " + phi + "(bias " + d.bias() + " + incoming "
                + d.incoming() + ") = " + forward + " (off by " + difference + ", allowed " + allowed + ")";
    }

    /** φ⁻¹(strength), or NaN when φ has no installed inverse or is not invertible there. */
    private double preActivation(Activation phi, double strength) {
        ActivationInverse inverse = inverse(phi);
        return inverse != null && inverse.isInvertible(strength) ? inverse.invert(strength) : Double.NaN;
    }

    /**
     * How far φ⁻¹ moves between {@code strength} and its neighbouring double (below, or above where
     * the one below is not invertible); infinite where neither is.
     */
    private double inverseStep(Activation phi, double strength) {
        ActivationInverse inverse = inverse(phi);
        double here = inverse.invert(strength);
        for (double neighbour : new double[] {Math.nextDown(strength), Math.nextUp(strength)}) {
            if (inverse.isInvertible(neighbour)) {
                return Math.abs(inverse.invert(neighbour) - here);
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** The installed φ⁻¹ of exactly {@code phi} (its parameter included), or {@code null}. */
    private ActivationInverse inverse(Activation phi) {
        ActivationInverse kind = inverses.get(phi.kind());
        return kind == null ? null : kind.forActivation(phi);
    }
}
