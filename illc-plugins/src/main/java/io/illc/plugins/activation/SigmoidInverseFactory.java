package io.illc.plugins.activation;

/** The {@code sigmoid} activation inverse: {@link ElementwiseInverse#SIGMOID}. */
public final class SigmoidInverseFactory extends InverseFactory {
    public SigmoidInverseFactory() {
        super(ElementwiseInverse.SIGMOID);
    }
}
