package io.illc.plugins.activation;

import io.illc.api.ActivationInverse;
import io.illc.api.ActivationInverseFactory;
import io.illc.api.Parameters;

/**
 * The shared shape of the four inverse factories: no parameters, named after the activation.
 * Subclasses only pick the inverse; they exist because ServiceLoader needs one no-argument class
 * per plugin.
 */
abstract class InverseFactory implements ActivationInverseFactory {
    private final ElementwiseInverse inverse;

    InverseFactory(ElementwiseInverse inverse) {
        this.inverse = inverse;
    }

    @Override
    public final String name() {
        return inverse.activation().jsonName();
    }

    @Override
    public final String description() {
        return "φ⁻¹ of " + name() + ": " + inverse.domain();
    }

    @Override
    public final ActivationInverse create(Parameters parameters) {
        return inverse;
    }
}
