package io.illc.core.finetune;

import io.illc.api.Matrix;
import io.illc.core.spec.TransferSpec;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransferRowsTest {
    private static final Matrix SOURCES = Matrix.of(new double[][]{{0, 100}, {1, 300}, {2, 200}});
    private static final double[] SCALE = {1, 1000};

    @Test
    void withoutNoiseOrMixupEverySyntheticRowIsASourceRow() {
        Matrix drawn = TransferRows.draw(SOURCES, SCALE, new TransferSpec(0, 0, 50), 1);

        assertEquals(50, drawn.rows());
        for (int r = 0; r < drawn.rows(); r++) {
            int source = (int) drawn.get(r, 0);
            assertArrayEquals(SOURCES.row(source), drawn.row(r));
        }
    }

    @Test
    void mixupRowsLieOnTheSegmentBetweenTwoSourceRows() {
        // Feature 1 is 100 + 100 · (feature 0 of the first two rows) only on segments between rows 0 and 1;
        // every pair's segment is a line, so a mixed row satisfies the line of some pair.
        Matrix drawn = TransferRows.draw(SOURCES, SCALE, new TransferSpec(0, 0.4, 400), 2);

        for (int r = 0; r < drawn.rows(); r++) {
            double x = drawn.get(r, 0);
            double y = drawn.get(r, 1);
            assertTrue(x >= 0 && x <= 2, "within the sources' range: " + x);
            boolean onSomeSegment = onSegment(x, y, 0, 1) || onSegment(x, y, 1, 2) || onSegment(x, y, 0, 2);
            assertTrue(onSomeSegment, "(" + x + ", " + y + ") is on no segment between two source rows");
        }
    }

    private static boolean onSegment(double x, double y, int a, int b) {
        double[] p = SOURCES.row(a);
        double[] q = SOURCES.row(b);
        if (x < Math.min(p[0], q[0]) - 1e-12 || x > Math.max(p[0], q[0]) + 1e-12) {
            return false;
        }
        double t = (x - q[0]) / (p[0] - q[0]);
        return Math.abs(t * p[1] + (1 - t) * q[1] - y) < 1e-9;
    }

    @Test
    void noiseIsScaledByEachFeaturesStandardDeviation() {
        Matrix one = Matrix.of(new double[][]{{5, 7}});
        Matrix drawn = TransferRows.draw(one, SCALE, new TransferSpec(0.5, 0, 20_000), 3);

        for (int f = 0; f < 2; f++) {
            double[] column = drawn.column(f);
            double mean = java.util.Arrays.stream(column).average().orElseThrow();
            double sd = Math.sqrt(java.util.Arrays.stream(column).map(v -> (v - mean) * (v - mean)).average().orElseThrow());
            double expected = 0.5 * SCALE[f];
            // Standard errors over 20 000 draws: σ/141 for the mean, about σ/200 for the deviation.
            assertEquals(one.get(0, f), mean, 4 * expected / 141, "feature " + f);
            assertEquals(expected, sd, 4 * expected / 200, "feature " + f);
        }
    }

    @Test
    void theBetaDrawsHaveTheMeanAndVarianceOfBetaAlphaAlpha() {
        for (double alpha : new double[]{0.4, 1, 3}) {
            SplittableRandom random = new SplittableRandom(4);
            int n = 40_000;
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                double t = TransferRows.beta(alpha, random);
                assertTrue(t >= 0 && t <= 1);
                sum += t;
                squares += t * t;
            }
            double mean = sum / n;
            double variance = squares / n - mean * mean;
            // Beta(α, α): mean 1/2, variance 1 / (4 (2α + 1)); α = 1 is the uniform distribution, 1/12.
            double expected = 1 / (4 * (2 * alpha + 1));
            assertEquals(0.5, mean, 4 * Math.sqrt(expected / n), "α = " + alpha);
            assertEquals(expected, variance, 0.03 * expected, "α = " + alpha);
        }
    }

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedOthers() {
        TransferSpec spec = new TransferSpec(1, 1, 30);

        assertEquals(TransferRows.draw(SOURCES, SCALE, spec, 7), TransferRows.draw(SOURCES, SCALE, spec, 7));
        assertNotEquals(TransferRows.draw(SOURCES, SCALE, spec, 7), TransferRows.draw(SOURCES, SCALE, spec, 8));
    }

    @Test
    void aTransferSpecRejectsNegativeAmountsAndNoSamples() {
        assertThrows(IllegalArgumentException.class, () -> new TransferSpec(-1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TransferSpec(0, -0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new TransferSpec(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TransferSpec(Double.NaN, 0, 1));
    }
}
