package io.illc.plugins.activation;

import io.illc.api.Activation;
import io.illc.api.ActivationInverse;

/**
 * φ⁻¹ of the strictly increasing activations added for imported models: leaky-relu with a slope
 * s > 0 (s = 0 is relu: invertible on β > 0 only), elu with α > 0 and softplus. Immutable and
 * thread-safe. {@link #forActivation} gives the inverse for another slope or α.
 */
final class ParameterisedInverse implements ActivationInverse {
    /** Above this β, ln(e^β − 1) is computed as β + ln(1 − e^−β), since e^β would lose β's low digits. */
    private static final double SOFTPLUS_LARGE = 30;

    private final Activation activation;

    ParameterisedInverse(Activation activation) {
        switch (activation.kind()) {
            case LEAKY_RELU, ELU, SOFTPLUS -> this.activation = activation;
            default -> throw new IllegalArgumentException("no parameterised inverse for " + activation);
        }
    }

    @Override
    public Activation activation() {
        return activation;
    }

    @Override
    public ActivationInverse forActivation(Activation other) {
        if (other.kind() != activation.kind()) {
            throw new IllegalArgumentException("this inverse inverts " + activation.jsonName() + ", not " + other);
        }
        return other.equals(activation) ? this : new ParameterisedInverse(other);
    }

    @Override
    public boolean isInvertible(double baseScore) {
        return whyNotInvertible(baseScore) == null;
    }

    @Override
    public double invert(double baseScore) {
        String why = whyNotInvertible(baseScore);
        if (why != null) {
            throw new IllegalArgumentException("cannot invert " + activation + " at base score " + baseScore + ": " + why);
        }
        double p = activation.parameter();
        return switch (activation.kind()) {
            case LEAKY_RELU -> baseScore > 0 ? baseScore : baseScore / p;
            // α(e^b − 1) = β ⇔ b = ln(1 + β/α); log1p keeps precision for β near 0.
            case ELU -> baseScore > 0 ? baseScore : Math.log1p(baseScore / p);
            case SOFTPLUS -> baseScore > SOFTPLUS_LARGE ? baseScore + Math.log1p(-Math.exp(-baseScore))
                    : Math.log(Math.expm1(baseScore));
            default -> throw new IllegalStateException("checked in the constructor");
        };
    }

    @Override
    public String domain() {
        return switch (activation.kind()) {
            case LEAKY_RELU -> "invertible for every finite β when the slope s > 0 (φ⁻¹(β) = β for β > 0, β / s otherwise); "
                    + "with s = 0 it is relu, invertible for β > 0 only";
            case ELU -> "invertible on (−α, ∞) (φ⁻¹(β) = β for β > 0, ln(1 + β/α) otherwise); −α and below are not values of elu";
            case SOFTPLUS -> "invertible on (0, ∞) (φ⁻¹(β) = ln(e^β − 1)); 0 and below are not values of softplus";
            default -> throw new IllegalStateException("checked in the constructor");
        };
    }

    /** Why {@code baseScore} has no unique preimage, or {@code null} when it has one. */
    private String whyNotInvertible(double baseScore) {
        if (!Double.isFinite(baseScore)) {
            return "the base score is not a finite number";
        }
        double p = activation.parameter();
        return switch (activation.kind()) {
            case LEAKY_RELU -> baseScore > 0 || p > 0 ? null
                    : baseScore == 0 ? "a leaky-relu of slope 0 maps every b <= 0 to 0, so 0 has no unique preimage"
                    : "a leaky-relu of slope 0 never outputs a negative value";
            case ELU -> baseScore > -p ? null : "elu outputs lie above -alpha = " + (-p);
            case SOFTPLUS -> baseScore > 0 ? null : "softplus outputs are positive";
            default -> throw new IllegalStateException("checked in the constructor");
        };
    }
}
