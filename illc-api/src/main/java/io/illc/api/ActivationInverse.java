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
}
