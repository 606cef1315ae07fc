package io.illc.plugins.activation;

/** The {@code linear} activation inverse: {@link ElementwiseInverse#LINEAR}. */
public final class LinearInverseFactory extends InverseFactory {
    public LinearInverseFactory() {
        super(ElementwiseInverse.LINEAR);
    }
}
