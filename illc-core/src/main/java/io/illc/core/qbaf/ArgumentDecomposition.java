package io.illc.core.qbaf;

import io.illc.api.Activation;

import java.util.List;
import java.util.Objects;

/**
 * Why one argument of a QBAF has its strength at the explained row: its pre-activation, recovered
 * from the strength through its layer's inverse activation, is its bias plus what each incoming
 * edge contributes,
 * <pre>  φ⁻¹(strength) − bias = Σ_incoming weight × source strength</pre>
 * (the MLP-based gradual semantics read backwards). Immutable.
 *
 * @param argument      the argument's id
 * @param activation    φ of the argument's layer (element-wise)
 * @param bias          the argument's bias
 * @param strength      the argument's strength at the explained row
 * @param contributions one per incoming edge, in the QBAF's edge order
 * @param preActivation φ⁻¹(strength), or NaN when φ is not invertible there (relu at 0, a saturated
 *                      sigmoid or tanh) or no inverse of φ is installed: the strength then only
 *                      bounds the pre-activation (relu: ≤ 0)
 */
public record ArgumentDecomposition(String argument, Activation activation, double bias, double strength,
                                    List<Contribution> contributions, double preActivation) {

    /**
     * What one incoming edge adds to the target's pre-activation.
     *
     * @param source         the source argument's id
     * @param weight         the edge's weight (positive: support, negative: attack)
     * @param sourceStrength the source's strength at the explained row
     */
    public record Contribution(String source, double weight, double sourceStrength) {
        public Contribution {
            Objects.requireNonNull(source, "source");
        }

        /** {@code weight × sourceStrength}. */
        public double value() {
            return weight * sourceStrength;
        }
    }

    public ArgumentDecomposition {
        Objects.requireNonNull(argument, "argument");
        Objects.requireNonNull(activation, "activation");
        if (!activation.isElementWise()) {
            throw new IllegalArgumentException("argument '" + argument + "': a " + activation.jsonName()
                    + " argument has no pre-activation of its own to decompose");
        }
        contributions = List.copyOf(contributions);
    }

    /** Σ of the contributions, summed in their order. */
    public double incoming() {
        double sum = 0;
        for (Contribution c : contributions) {
            sum += c.value();
        }
        return sum;
    }

    /** Σ |contribution|: the scale against which the decomposition's rounding is judged. */
    public double incomingMagnitude() {
        double sum = 0;
        for (Contribution c : contributions) {
            sum += Math.abs(c.value());
        }
        return sum;
    }

    /** True when the pre-activation was recovered from the strength. */
    public boolean invertible() {
        return !Double.isNaN(preActivation);
    }

    /** φ⁻¹(strength) − bias: what the incoming edges must add up to; NaN when not {@link #invertible()}. */
    public double recoveredIncoming() {
        return preActivation - bias;
    }
}
