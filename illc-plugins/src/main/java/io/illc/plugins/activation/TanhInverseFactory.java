package io.illc.plugins.activation;

/** The {@code tanh} activation inverse: {@link ElementwiseInverse#TANH}. */
public final class TanhInverseFactory extends InverseFactory {
    /** The permanent name specs use: the activation's. */
    public static final String NAME = "tanh";

    public TanhInverseFactory() {
        super(NAME, ElementwiseInverse.TANH);
    }
}
