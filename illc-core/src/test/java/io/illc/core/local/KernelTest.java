package io.illc.core.local;

import io.illc.api.Matrix;
import io.illc.core.spec.LocalSpec.Distance;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The kernel on three rows of two features, the second constant: feature 1 takes 0, 1, 3, so its
 * mean is 4/3 and its population variance (16/9 + 1/9 + 25/9) / 3 = 14/9; the constant feature has
 * σ = 0 and is left unscaled.
 */
class KernelTest {
    private static final Matrix ROWS = Matrix.of(new double[][]{{0, 5}, {1, 5}, {3, 5}});
    private static final double TOLERANCE = 1e-15;

    @Test
    void dividesEachFeatureByItsPopulationStandardDeviationAndLeavesConstantFeaturesUnscaled() {
        Kernel kernel = new Kernel(ROWS, Distance.STANDARDIZED, 1.0);
        assertArrayEquals(new double[]{Math.sqrt(14.0 / 9), 1.0}, kernel.scales(), TOLERANCE);
    }

    @Test
    void weighsRowsByTheGaussianOfTheirStandardisedDistance() {
        // Squared standardised distances from row 0: 1 / (14/9) = 9/14 and 9 / (14/9) = 81/14; w = 1.
        double[] pi = new Kernel(ROWS, Distance.STANDARDIZED, 1.0).weights(0);
        assertArrayEquals(new double[]{1, Math.exp(-9.0 / 28), Math.exp(-81.0 / 28)}, pi, TOLERANCE);
        double sum = 1 + Math.exp(-9.0 / 28) + Math.exp(-81.0 / 28);
        assertArrayEquals(new double[]{1 / sum, Math.exp(-9.0 / 28) / sum, Math.exp(-81.0 / 28) / sum},
                Kernel.normalise(pi), TOLERANCE);
    }

    @Test
    void weighsRowsByTheirRawDistanceWhenAskedTo() {
        // Squared raw distances from row 1: 1, 0, 4; w = 2 so 2w² = 8.
        double[] pi = new Kernel(ROWS, Distance.RAW, 2.0).weights(1);
        assertArrayEquals(new double[]{Math.exp(-1.0 / 8), 1, Math.exp(-4.0 / 8)}, pi, TOLERANCE);
        assertEquals(1.0, java.util.Arrays.stream(Kernel.normalise(pi)).sum(), TOLERANCE);
    }

    @Test
    void measuresANewRowAgainstTheDataRowsWithTheSameScales() {
        // (0, 6): the constant feature contributes (6 − 5)² = 1 unscaled; feature 1 as for row 0.
        double[] pi = new Kernel(ROWS, Distance.STANDARDIZED, 1.0).weights(new double[]{0, 6});
        assertArrayEquals(new double[]{Math.exp(-1.0 / 2), Math.exp(-(9.0 / 14 + 1) / 2), Math.exp(-(81.0 / 14 + 1) / 2)},
                pi, TOLERANCE);
    }

    @Test
    void defaultsTheWidthToLimesThreeQuartersOfTheRootOfTheFeatureCount() {
        assertEquals(0.75 * Math.sqrt(2), new Kernel(ROWS, Distance.STANDARDIZED, null).width(), 0.0);
        assertEquals(0.75 * Math.sqrt(30), Kernel.defaultWidth(30), 0.0);
        assertEquals(0.1 * Math.sqrt(30), Kernel.definition10Width(30), 0.0);
    }

    @Test
    void refusesToNormaliseWeightsThatAreAllZero() {
        double[] pi = new Kernel(ROWS, Distance.RAW, 0.01).weights(new double[]{100, 5});
        assertEquals(0.0, java.util.Arrays.stream(pi).sum(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> Kernel.normalise(pi));
    }

    @Test
    void theEffectiveSizeIsTheSquaredSumOverTheSumOfSquares() {
        // (1 + 0.5 + 0.5)² / (1 + 0.25 + 0.25) = 4 / 1.5.
        assertEquals(8.0 / 3, Kernel.effectiveSize(new double[]{1, 0.5, 0.5}), 1e-15);
        assertEquals(1.0, Kernel.effectiveSize(new double[]{1, 0, 0, 0}), 0.0);
        assertEquals(4.0, Kernel.effectiveSize(new double[]{0.25, 0.25, 0.25, 0.25}), 1e-15);
        assertEquals(Kernel.effectiveSize(new double[]{1, 0.5, 0.5}), Kernel.effectiveSize(new double[]{2, 1, 1}), 1e-15,
                "π and π̂ give the same size");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Kernel.effectiveSize(new double[]{0, 0}));
    }
}
