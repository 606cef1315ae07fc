package io.illc.plugins.activation;

/** The {@code relu} activation inverse: {@link ElementwiseInverse#RELU}. */
public final class ReluInverseFactory extends InverseFactory {
    /** The permanent name specs use: the activation's. */
    public static final String NAME = "relu";

    public ReluInverseFactory() {
        super(NAME, ElementwiseInverse.RELU);
    }
}
