package io.illc.plugins.activation;

import io.illc.api.Activation;

/** The {@code leaky-relu} activation inverse: {@link ParameterisedInverse}, for the layer's own parameter. */
public final class LeakyReluInverseFactory extends InverseFactory {
    /** The permanent name specs use: the activation's. */
    public static final String NAME = "leaky-relu";

    public LeakyReluInverseFactory() {
        super(NAME, new ParameterisedInverse(Activation.LEAKY_RELU));
    }
}
