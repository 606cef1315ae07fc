package io.illc.plugins.activation;

import io.illc.api.Activation;
import io.illc.api.ActivationInverse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterisedInverseTest {
    private static final double TOLERANCE = 1e-12;

    @Test
    void invertsEveryBiasBackToItselfForEachSlopeAndAlpha() {
        List<Activation> all = List.of(Activation.leakyRelu(0.2), Activation.LEAKY_RELU, Activation.elu(0.5),
                Activation.ELU, Activation.SOFTPLUS);
        for (Activation a : all) {
            ActivationInverse inverse = new LeakyReluInverseFactory().create(null).activation().kind() == a.kind()
                    ? new LeakyReluInverseFactory().create(null).forActivation(a)
                    : a.kind() == Activation.Kind.ELU ? new EluInverseFactory().create(null).forActivation(a)
                    : new SoftplusInverseFactory().create(null).forActivation(a);
            for (double b = -8; b <= 40; b += 0.37) {
                double beta = a.apply(b);
                assertTrue(inverse.isInvertible(beta), a + " at " + b);
                assertEquals(b, inverse.invert(beta), TOLERANCE * (1 + Math.abs(b)) / slopeAt(a, b), a + " at " + b);
            }
        }
    }

    /** Where φ is flat, φ⁻¹ amplifies the rounding of β: the tolerance scales with 1 / φ'. */
    private static double slopeAt(Activation a, double b) {
        return Math.min(1, a.derivative(b)) / (1 + Math.abs(a.apply(b)));
    }

    @Test
    void handComputedInverses() {
        assertEquals(-2.0, new ParameterisedInverse(Activation.leakyRelu(0.2)).invert(-0.4), TOLERANCE);
        assertEquals(-1.0, new ParameterisedInverse(Activation.elu(0.5)).invert(0.5 * (Math.exp(-1) - 1)), TOLERANCE);
        assertEquals(0.0, new ParameterisedInverse(Activation.SOFTPLUS).invert(Math.log(2)), TOLERANCE);
    }

    @Test
    void refusesBaseScoresOutsideTheRange() {
        ActivationInverse elu = new ParameterisedInverse(Activation.elu(0.5));
        assertFalse(elu.isInvertible(-0.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> elu.invert(-0.7));
        assertTrue(e.getMessage().contains("elu outputs lie above -alpha = -0.5"), e.getMessage());
        assertFalse(new ParameterisedInverse(Activation.SOFTPLUS).isInvertible(0));
        assertFalse(new ParameterisedInverse(Activation.leakyRelu(0)).isInvertible(0));
        assertTrue(new ParameterisedInverse(Activation.leakyRelu(0.1)).isInvertible(-5));
    }

    @Test
    void anInverseOfOneKindRefusesAnother() {
        assertThrows(IllegalArgumentException.class, () -> new EluInverseFactory().create(null).forActivation(Activation.SOFTPLUS));
    }
}
