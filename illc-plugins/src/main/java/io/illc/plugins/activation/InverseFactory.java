package io.illc.plugins.activation;

import io.illc.api.ActivationInverse;
import io.illc.api.ActivationInverseFactory;
import io.illc.api.Parameters;

/**
 * The shared shape of the inverse factories: no parameters, named after the activation (an
 * activation's own parameter, such as a leaky ReLU's slope, reaches the inverse through
 * {@link ActivationInverse#forActivation}).
 * Subclasses only pick the inverse; they exist because ServiceLoader needs one no-argument class
 * per plugin.
 */
abstract class InverseFactory implements ActivationInverseFactory {
    private final String name;
    private final ActivationInverse inverse;

    /** @param name the subclass's {@code NAME}, which must be the activation's name */
    InverseFactory(String name, ActivationInverse inverse) {
        if (!name.equals(inverse.activation().jsonName())) {
            throw new IllegalStateException("the inverse of " + inverse.activation().jsonName() + " is named '" + name
                    + "'; an activation inverse is named after its activation");
        }
        this.name = name;
        this.inverse = inverse;
    }

    @Override
    public final String name() {
        return name;
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
