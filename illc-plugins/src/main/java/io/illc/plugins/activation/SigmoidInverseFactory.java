package io.illc.plugins.activation;

/** The {@code sigmoid} activation inverse: {@link ElementwiseInverse#SIGMOID}. */
public final class SigmoidInverseFactory extends InverseFactory {
    /** The permanent name specs use: the activation's. */
    public static final String NAME = "sigmoid";

    public SigmoidInverseFactory() {
        super(NAME, ElementwiseInverse.SIGMOID);
    }
}
