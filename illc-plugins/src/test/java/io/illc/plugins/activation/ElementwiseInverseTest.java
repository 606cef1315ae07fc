package io.illc.plugins.activation;

import io.illc.api.Activation;
import io.illc.api.ActivationInverse;
import io.illc.api.ActivationInverseFactory;
import io.illc.api.Parameters;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElementwiseInverseTest {
    private static final double TOLERANCE = 1e-12;
    private static final double[] BIASES = {-7.5, -2.0, -0.3, -1e-6, 0.0, 1e-6, 0.25, 1.0, 3.0, 7.5};

    private static ActivationInverse inverse(ActivationInverseFactory factory) {
        return factory.create(Parameters.empty());
    }

    @Test
    void factoriesAreNamedAfterTheirActivationAndTakeNoParameters() {
        List<ActivationInverseFactory> factories = List.of(new ReluInverseFactory(), new SigmoidInverseFactory(),
                new TanhInverseFactory(), new LinearInverseFactory());
        List<Activation> activations = List.of(Activation.RELU, Activation.SIGMOID, Activation.TANH, Activation.LINEAR);
        for (int i = 0; i < factories.size(); i++) {
            ActivationInverseFactory f = factories.get(i);
            assertEquals(activations.get(i).jsonName(), f.name());
            assertEquals(activations.get(i), inverse(f).activation());
            assertTrue(f.parameters().isEmpty());
            assertFalse(f.description().contains("\n"));
            assertFalse(inverse(f).domain().contains("\n"));
            assertSame(inverse(f), inverse(f), "stateless inverses are shared");
        }
    }

    @Test
    void sigmoidInverseRoundTripsEveryBias() {
        ActivationInverse inv = inverse(new SigmoidInverseFactory());
        for (double b : BIASES) {
            assertEquals(b, inv.invert(Activation.SIGMOID.apply(b)), TOLERANCE * 100, "bias " + b);
        }
        assertEquals(0.0, inv.invert(0.5), 0.0);
        assertEquals(Math.log(3), inv.invert(0.75), TOLERANCE);
    }

    @Test
    void tanhInverseRoundTripsEveryBias() {
        ActivationInverse inv = inverse(new TanhInverseFactory());
        for (double b : BIASES) {
            // tanh saturates: at |b| = 7.5, 1 - tanh(b) ≈ 6e-7, so the round trip loses ~1e-10.
            assertEquals(b, inv.invert(Activation.TANH.apply(b)), Math.abs(b) > 5 ? 1e-8 : TOLERANCE, "bias " + b);
        }
        assertEquals(0.5 * Math.log(3), inv.invert(0.5), TOLERANCE);
    }

    @Test
    void reluInverseRoundTripsPositiveBiases() {
        ActivationInverse inv = inverse(new ReluInverseFactory());
        for (double b : BIASES) {
            if (b > 0) {
                assertEquals(b, inv.invert(Activation.RELU.apply(b)), 0.0);
            }
        }
    }

    @Test
    void linearInverseIsTheIdentityEverywhere() {
        ActivationInverse inv = inverse(new LinearInverseFactory());
        for (double b : BIASES) {
            assertTrue(inv.isInvertible(b));
            assertEquals(b, inv.invert(Activation.LINEAR.apply(b)), 0.0);
        }
    }

    @Test
    void reluRejectsZeroBecauseItHasManyPreimages() {
        ActivationInverse inv = inverse(new ReluInverseFactory());
        assertFalse(inv.isInvertible(0.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> inv.invert(0.0));
        assertTrue(e.getMessage().contains("every b <= 0"), e.getMessage());
    }

    @Test
    void reluRejectsNegativeBaseScoresAsOutsideItsRange() {
        ActivationInverse inv = inverse(new ReluInverseFactory());
        assertFalse(inv.isInvertible(-0.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> inv.invert(-0.5));
        assertTrue(e.getMessage().contains("outside its range"), e.getMessage());
        assertTrue(e.getMessage().contains("-0.5"), e.getMessage());
    }

    @Test
    void sigmoidRejectsTheClosedEndsAndBeyond() {
        ActivationInverse inv = inverse(new SigmoidInverseFactory());
        for (double beta : new double[] {0.0, 1.0, -0.1, 1.1}) {
            assertFalse(inv.isInvertible(beta), "β = " + beta);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> inv.invert(beta));
            assertTrue(e.getMessage().contains("strictly between 0 and 1"), e.getMessage());
        }
    }

    @Test
    void tanhRejectsTheClosedEndsAndBeyond() {
        ActivationInverse inv = inverse(new TanhInverseFactory());
        for (double beta : new double[] {-1.0, 1.0, -2.0, 1.5}) {
            assertFalse(inv.isInvertible(beta), "β = " + beta);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> inv.invert(beta));
            assertTrue(e.getMessage().contains("strictly between -1 and 1"), e.getMessage());
        }
    }

    @Test
    void everyInverseRejectsNonFiniteBaseScores() {
        for (ActivationInverse inv : ElementwiseInverse.values()) {
            for (double beta : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                assertFalse(inv.isInvertible(beta));
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> inv.invert(beta));
                assertTrue(e.getMessage().contains("not a finite number"), e.getMessage());
            }
        }
    }
}
