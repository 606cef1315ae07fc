package io.illc.plugins.aggregation;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CholeskyTest {
    private static final double TOLERANCE = 1e-12;

    @Test
    void solvesATwoByTwoSystemWithTwoRightHandSidesAsComputedByHand() {
        // A = [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]]; A⁻¹ = [[3, -2], [-2, 4]] / 8.
        Cholesky c = Cholesky.factor(new double[] {4, 2, 2, 3}, 2).orElseThrow();
        assertEquals(2, c.size());
        // B = [[1, 8], [0, 4]] (columns (1, 0) and (8, 4)) → X = [[3/8, 2], [-2/8, 0]].
        assertArrayEquals(new double[] {0.375, 2, -0.25, 0}, c.solve(new double[] {1, 8, 0, 4}, 2), TOLERANCE);
    }

    @Test
    void readsOnlyTheLowerTriangle() {
        Cholesky c = Cholesky.factor(new double[] {4, 999, 2, 3}, 2).orElseThrow();
        assertArrayEquals(new double[] {0.375, -0.25}, c.solve(new double[] {1, 0}, 1), TOLERANCE);
    }

    @Test
    void solutionsOfRandomPositiveDefiniteSystemsSatisfyTheSystem() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + random.nextInt(12);
            int columns = 1 + random.nextInt(4);
            // A = Mᵀ M + I is symmetric positive definite.
            double[] m = new double[n * n];
            for (int i = 0; i < m.length; i++) {
                m[i] = random.nextGaussian();
            }
            double[] a = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = i == j ? 1 : 0;
                    for (int r = 0; r < n; r++) {
                        s += m[r * n + i] * m[r * n + j];
                    }
                    a[i * n + j] = s;
                }
            }
            double[] b = new double[n * columns];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextGaussian();
            }
            double[] x = Cholesky.factor(a, n).orElseThrow().solve(b, columns);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < columns; c++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        s += a[i * n + j] * x[j * columns + c];
                    }
                    assertEquals(b[i * columns + c], s, 1e-9, "trial " + trial);
                }
            }
        }
    }

    @Test
    void refusesSingularAndIndefiniteMatrices() {
        assertTrue(Cholesky.factor(new double[] {1, 1, 1, 1}, 2).isEmpty(), "rank 1");
        assertTrue(Cholesky.factor(new double[] {0, 0, 0, 1}, 2).isEmpty(), "zero diagonal");
        assertTrue(Cholesky.factor(new double[] {1, 2, 2, 1}, 2).isEmpty(), "indefinite");
        assertTrue(Cholesky.factor(new double[] {Double.NaN}, 1).isEmpty(), "not a number");
        // Rank 1 up to rounding: the second pivot is 1e-13 of its diagonal entry, below the 1e-12 tolerance.
        assertTrue(Cholesky.factor(new double[] {1, 1, 1, 1 + 1e-13}, 2).isEmpty(), "numerically singular");
        assertTrue(Cholesky.factor(new double[] {1, 1, 1, 1 + 1e-11}, 2).isPresent(), "ill-conditioned but regular");
    }

    @Test
    void rejectsArraysOfTheWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> Cholesky.factor(new double[3], 2));
        Cholesky c = Cholesky.factor(new double[] {1}, 1).orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> c.solve(new double[3], 2));
    }
}
