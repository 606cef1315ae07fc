package io.illc.plugins.activation;

import io.illc.api.Activation;

/** The {@code softplus} activation inverse: {@link ParameterisedInverse}, for the layer's own parameter. */
public final class SoftplusInverseFactory extends InverseFactory {
    /** The permanent name specs use: the activation's. */
    public static final String NAME = "softplus";

    public SoftplusInverseFactory() {
        super(NAME, new ParameterisedInverse(Activation.SOFTPLUS));
    }
}
