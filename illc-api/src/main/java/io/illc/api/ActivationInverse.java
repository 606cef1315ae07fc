package io.illc.api;

/**
 * φ⁻¹ for one activation: recovers a bias from a base score β = φ(bias) (the paper's Definition 5).
 * Implementations are immutable and thread-safe.
 */
public interface ActivationInverse {

    /** The activation this inverts. */
    Activation activation();

    /** True when {@code baseScore} has exactly one preimage under φ. */
    boolean isInvertible(double baseScore);

    /**
     * φ⁻¹(baseScore).
     *
     * @throws IllegalArgumentException where φ is not invertible, saying why
     */
    double invert(double baseScore);

    /** One line stating where φ is not invertible, for {@code illc describe}. */
    String domain();

    /**
     * φ⁻¹ of {@code activation}: an activation of the same kind as {@link #activation()}, possibly
     * with another parameter (a leaky ReLU's slope, an ELU's α), since a plugin is found by the
     * kind's name and the parameter comes with the layer. An inverse of a kind with a parameter
     * overrides this; the default serves the parameterless kinds.
     *
     * @throws IllegalArgumentException when {@code activation} is not the one this inverts
     */
    default ActivationInverse forActivation(Activation activation) {
        if (!activation.equals(activation())) {
            throw new IllegalArgumentException("this inverse inverts " + activation() + ", not " + activation);
        }
        return this;
    }
}
