package io.illc.plugins.activation;

/** The {@code tanh} activation inverse: {@link ElementwiseInverse#TANH}. */
public final class TanhInverseFactory extends InverseFactory {
    public TanhInverseFactory() {
        super(ElementwiseInverse.TANH);
    }
}
