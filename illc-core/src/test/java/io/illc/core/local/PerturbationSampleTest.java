package io.illc.core.local;

import io.illc.api.Matrix;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The seeded Gaussian perturbations around an explained row. */
class PerturbationSampleTest {
    private static final double[] X = {10, -2, 5};
    private static final double[] STD = {2, 0.5, 0};

    @Test
    void startsWithTheRowItselfAndKeepsAConstantFeatureAtItsValue() {
        Matrix m = PerturbationSample.around(X, STD, 50, 1.0, 7, 3);
        assertEquals(51, m.rows());
        assertArrayEquals(X, m.row(0), 0.0);
        for (int i = 0; i < m.rows(); i++) {
            assertEquals(5.0, m.row(i)[2], 0.0, "row " + i);
        }
    }

    @Test
    void theSameSeedAndRowGiveTheSameSampleAndAnotherRowOrSeedAnother() {
        double[] once = PerturbationSample.around(X, STD, 20, 1.0, 7, 3).toRowMajor();
        assertArrayEquals(once, PerturbationSample.around(X, STD, 20, 1.0, 7, 3).toRowMajor(), 0.0);
        assertFalse(java.util.Arrays.equals(once, PerturbationSample.around(X, STD, 20, 1.0, 7, 4).toRowMajor()));
        assertFalse(java.util.Arrays.equals(once, PerturbationSample.around(X, STD, 20, 1.0, 8, 3).toRowMajor()));
        assertFalse(java.util.Arrays.equals(once, PerturbationSample.around(X, STD, 20, 1.0, 7, -1 - 3).toRowMajor()));
    }

    @Test
    void theSamplesHaveTheRowAsMeanAndScaleTimesEachStandardDeviation() {
        int n = 40_000;
        double scale = 0.5;
        Matrix m = PerturbationSample.around(X, STD, n, scale, 11, 0);
        for (int j = 0; j < 2; j++) {
            double sd = scale * STD[j];
            double sum = 0;
            for (int i = 1; i <= n; i++) {
                sum += m.row(i)[j];
            }
            double mean = sum / n;
            double ss = 0;
            for (int i = 1; i <= n; i++) {
                ss += (m.row(i)[j] - mean) * (m.row(i)[j] - mean);
            }
            // Five standard errors: the mean's is sd/√n, the standard deviation's about sd/√(2n).
            assertEquals(X[j], mean, 5 * sd / Math.sqrt(n), "mean of feature " + j);
            assertEquals(sd, Math.sqrt(ss / (n - 1)), 5 * sd / Math.sqrt(2.0 * n), "sd of feature " + j);
        }
    }
}
