package io.illc.plugins.activation;

/** The {@code linear} activation inverse: {@link ElementwiseInverse#LINEAR}. */
public final class LinearInverseFactory extends InverseFactory {
    /** The permanent name specs use: the activation's. */
    public static final String NAME = "linear";

    public LinearInverseFactory() {
        super(NAME, ElementwiseInverse.LINEAR);
    }
}
