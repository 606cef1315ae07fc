package io.illc.plugins.activation;

import io.illc.api.Activation;

/** The {@code elu} activation inverse: {@link ParameterisedInverse}, for the layer's own parameter. */
public final class EluInverseFactory extends InverseFactory {
    /** The permanent name specs use: the activation's. */
    public static final String NAME = "elu";

    public EluInverseFactory() {
        super(NAME, new ParameterisedInverse(Activation.ELU));
    }
}
