package io.illc.plugins.activation;

/** The {@code relu} activation inverse: {@link ElementwiseInverse#RELU}. */
public final class ReluInverseFactory extends InverseFactory {
    public ReluInverseFactory() {
        super(ElementwiseInverse.RELU);
    }
}
