package io.illc.plugins.activation;

import io.illc.api.Activation;
import io.illc.api.ActivationInverse;

/**
 * φ⁻¹ of the element-wise activations. Each constant is stateless, hence immutable and
 * thread-safe. {@link #invert} throws where {@link #isInvertible} is false, with the reason.
 */
enum ElementwiseInverse implements ActivationInverse {
    /** φ(b) = max(0, b): invertible on β > 0 only, because every b ≤ 0 maps to 0. */
    RELU(Activation.RELU, "invertible for β > 0 (φ⁻¹(β) = β); β = 0 has every b ≤ 0 as preimage; β < 0 is outside the range"),
    /** φ(b) = 1 / (1 + e^-b): the logit on the open interval (0, 1). */
    SIGMOID(Activation.SIGMOID, "invertible on (0, 1) (φ⁻¹ = logit); 0, 1 and values outside are not values of the sigmoid"),
    /** φ(b) = tanh(b): atanh on the open interval (-1, 1). */
    TANH(Activation.TANH, "invertible on (-1, 1) (φ⁻¹ = atanh); -1, 1 and values outside are not values of tanh"),
    /** φ(b) = b: the identity, invertible everywhere. */
    LINEAR(Activation.LINEAR, "invertible for every finite β (φ⁻¹(β) = β)");

    private final Activation activation;
    private final String domain;

    ElementwiseInverse(Activation activation, String domain) {
        this.activation = activation;
        this.domain = domain;
    }

    @Override
    public Activation activation() {
        return activation;
    }

    @Override
    public boolean isInvertible(double baseScore) {
        return whyNotInvertible(baseScore) == null;
    }

    @Override
    public double invert(double baseScore) {
        String why = whyNotInvertible(baseScore);
        if (why != null) {
            throw new IllegalArgumentException("cannot invert " + activation.jsonName() + " at base score "
                    + baseScore + ": " + why);
        }
        return switch (this) {
            case RELU, LINEAR -> baseScore;
            // log(β) - log1p(-β) keeps precision for β near 1, where β / (1 - β) would round badly.
            case SIGMOID -> Math.log(baseScore) - Math.log1p(-baseScore);
            // atanh(β) = ½ ln((1 + β) / (1 - β)), written with log1p for precision near 0 and ±1.
            case TANH -> 0.5 * (Math.log1p(baseScore) - Math.log1p(-baseScore));
        };
    }

    @Override
    public String domain() {
        return domain;
    }

    /** Why {@code baseScore} has no unique preimage, or {@code null} when it has one. */
    private String whyNotInvertible(double baseScore) {
        if (!Double.isFinite(baseScore)) {
            return "the base score is not a finite number";
        }
        return switch (this) {
            case RELU -> baseScore > 0 ? null
                    : baseScore == 0 ? "relu maps every b <= 0 to 0, so 0 has no unique preimage"
                    : "relu outputs are never negative, so a negative base score is outside its range";
            case SIGMOID -> baseScore > 0 && baseScore < 1 ? null
                    : "sigmoid outputs lie strictly between 0 and 1";
            case TANH -> baseScore > -1 && baseScore < 1 ? null
                    : "tanh outputs lie strictly between -1 and 1";
            case LINEAR -> null;
        };
    }
}
