package io.illc.core.linalg;

import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Vector;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The element-wise activations against hand-computed values, their derivatives against finite differences. */
class ActivationTest {
    /** Hand values come from Python's math module (erf, tanh, log1p), independent of this code. */
    private static final double EXACT = 1e-15;

    @Test
    void leakyReluScalesNegativeInputsBySlope() {
        Activation a = Activation.leakyRelu(0.2);
        assertEquals(-0.4, a.apply(-2), EXACT);
        assertEquals(3.0, a.apply(3), 0);
        assertEquals(0.0, a.apply(0), 0);
        assertEquals(0.01, Activation.LEAKY_RELU.parameter(), 0);
    }

    @Test
    void eluSaturatesAtMinusAlpha() {
        Activation a = Activation.elu(0.5);
        assertEquals(0.5 * (Math.exp(-1) - 1), a.apply(-1), EXACT);
        assertEquals(-0.5, a.apply(-800), EXACT);
        assertEquals(2.5, a.apply(2.5), 0);
    }

    @Test
    void softplusIsLogOnePlusExpWithoutOverflow() {
        assertEquals(Math.log(2), Activation.SOFTPLUS.apply(0), EXACT);
        assertEquals(1.3132616875182228, Activation.SOFTPLUS.apply(1), EXACT);
        assertEquals(9.357622968839737e-14, Activation.SOFTPLUS.apply(-30), 1e-27);
        assertEquals(800.0, Activation.SOFTPLUS.apply(800), 0);
    }

    @Test
    void siluIsInputTimesSigmoid() {
        assertEquals(0.7310585786300049, Activation.SILU.apply(1), EXACT);
        assertEquals(-0.2689414213699951, Activation.SILU.apply(-1), EXACT);
        assertEquals(0.0, Activation.SILU.apply(0), 0);
    }

    @Test
    void geluIsInputTimesNormalDistributionFunction() {
        assertEquals(0.8413447460685429, Activation.GELU.apply(1), EXACT);
        assertEquals(-0.15865525393145707, Activation.GELU.apply(-1), EXACT);
        assertEquals(0.34573123063700656, Activation.GELU.apply(0.5), EXACT);
        assertEquals(10.0, Activation.GELU.apply(10), 0);
    }

    @Test
    void geluTanhIsTheTanhApproximation() {
        assertEquals(0.8411919906082768, Activation.GELU_TANH.apply(1), EXACT);
        assertEquals(-0.10042842301976707, Activation.GELU_TANH.apply(-1.5), EXACT);
    }

    @Test
    void erfMatchesReferenceValues() {
        double[] x = {0.5, 1, 2, 3, 5.5};
        double[] erf = {0.5204998778130465, 0.8427007929497149, 0.9953222650189527, 0.9999779095030014, 0.9999999999999927};
        for (int i = 0; i < x.length; i++) {
            assertEquals(erf[i], Activation.erf(x[i]), 1e-15, "erf(" + x[i] + ")");
            assertEquals(-erf[i], Activation.erf(-x[i]), 1e-15, "erf(-" + x[i] + ")");
        }
        assertEquals(0.0, Activation.erf(0), 0);
        assertEquals(1.0, Activation.erf(7), 0);
    }

    @Test
    void derivativesMatchCentralFiniteDifferences() {
        List<Activation> all = List.of(Activation.RELU, Activation.leakyRelu(0.2), Activation.elu(0.7), Activation.SOFTPLUS,
                Activation.SILU, Activation.GELU, Activation.GELU_TANH, Activation.SIGMOID, Activation.TANH, Activation.LINEAR);
        double h = 1e-6;
        for (Activation a : all) {
            for (double z = -4.05; z < 4; z += 0.1) {
                double numeric = (a.apply(z + h) - a.apply(z - h)) / (2 * h);
                assertEquals(numeric, a.derivative(z), 1e-8, a + " at " + z);
            }
        }
    }

    @Test
    void derivativeAtTheKinkIsTheLeftOne() {
        assertEquals(0.0, Activation.RELU.derivative(0), 0);
        assertEquals(0.2, Activation.leakyRelu(0.2).derivative(0), 0);
        assertEquals(0.7, Activation.elu(0.7).derivative(0), 0);
    }

    @Test
    void defaultParametersGiveTheConstants() {
        assertSame(Activation.LEAKY_RELU, Activation.leakyRelu(0.01));
        assertSame(Activation.ELU, Activation.fromName("ELU"));
        assertEquals(Activation.leakyRelu(0.2), Activation.of(Activation.Kind.LEAKY_RELU, 0.2));
        assertEquals("leaky-relu(slope=0.2)", Activation.leakyRelu(0.2).toString());
    }

    @Test
    void rejectsParametersOutsideTheMonotoneRange() {
        assertThrows(IllegalArgumentException.class, () -> Activation.leakyRelu(-0.1));
        assertThrows(IllegalArgumentException.class, () -> Activation.elu(0));
        assertThrows(IllegalArgumentException.class, () -> Activation.of(Activation.Kind.SILU, 1));
    }

    @Test
    void siluAndGeluAreNotMonotone() {
        assertFalse(Activation.SILU.isMonotone());
        assertFalse(Activation.GELU.isMonotone());
        assertFalse(Activation.GELU_TANH.isMonotone());
        assertTrue(Activation.elu(2).isMonotone());
        assertTrue(Activation.SILU.apply(-3) > Activation.SILU.apply(-1.5), "silu falls between -3 and -1.5 before it rises");
    }

    @Test
    void bothForwardPassesApplyTheNewActivationsExactly() {
        double[][] w = {{1.0, -2.0}, {0.5, 0.25}, {-1.0, 0.0}};
        double[] b = {0.1, -0.3, 0.0};
        double[][] rows = {{0.3, 0.9}, {-1.2, 0.4}};
        for (Activation a : List.of(Activation.leakyRelu(0.3), Activation.elu(2), Activation.SOFTPLUS, Activation.SILU,
                Activation.GELU, Activation.GELU_TANH)) {
            DenseLayer layer = new DenseLayer(Matrix.of(w), Vector.of(b), a);
            double[] plain = Nd.forward(Matrix.of(rows).toRowMajor(), 2, layer);
            double[] nd = Nd.forward(Nd4j.create(rows), layer).dup('c').data().asDouble();
            for (int r = 0; r < 2; r++) {
                for (int j = 0; j < 3; j++) {
                    double z = b[j] + w[j][0] * rows[r][0] + w[j][1] * rows[r][1];
                    assertEquals(a.apply(z), plain[r * 3 + j], 1e-15, a + " [" + r + "," + j + "]");
                }
            }
            assertArrayEquals(plain, nd, 1e-15, a.toString());
        }
    }
}
