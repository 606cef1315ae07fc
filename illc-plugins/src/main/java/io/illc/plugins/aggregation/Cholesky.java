package io.illc.plugins.aggregation;

import java.util.Optional;

/**
 * The Cholesky factorisation {@code A = L Lᵀ} of a symmetric positive definite matrix, for
 * solving {@code A X = B} with many right-hand sides. Plain Java: the systems here are small
 * ({@code (K_l + 1)²} with K_l at most a few hundred), where an ND4J call would cost more than it
 * saves. Immutable and thread-safe.
 */
final class Cholesky {
    /**
     * A pivot {@code L[j, j]²} at most this share of {@code A[j, j]} means the matrix is singular
     * to working precision: the elimination has cancelled all but rounding noise of the diagonal
     * entry, so a solve would amplify that noise instead of returning a solution.
     */
    static final double RELATIVE_PIVOT_TOLERANCE = 1e-12;

    private final int size;
    /** L, row-major {@code [size, size]}, zero above the diagonal. */
    private final double[] lower;

    private Cholesky(int size, double[] lower) {
        this.size = size;
        this.lower = lower;
    }

    /**
     * Factors {@code a}. Only the lower triangle (with the diagonal) is read.
     *
     * @param a    row-major {@code [size, size]}, symmetric; not changed
     * @param size the order of the matrix
     * @return the factorisation, or empty when {@code a} is not positive definite to working
     *         precision (a pivot is not finite or not above {@link #RELATIVE_PIVOT_TOLERANCE}
     *         times its diagonal entry)
     */
    static Optional<Cholesky> factor(double[] a, int size) {
        if (a.length != size * size) {
            throw new IllegalArgumentException("a [" + size + ", " + size + "] matrix needs " + size * size
                    + " values, got " + a.length);
        }
        double[] l = new double[size * size];
        for (int j = 0; j < size; j++) {
            double pivot = a[j * size + j];
            for (int k = 0; k < j; k++) {
                pivot -= l[j * size + k] * l[j * size + k];
            }
            if (!(pivot > 0 && pivot > RELATIVE_PIVOT_TOLERANCE * a[j * size + j] && Double.isFinite(pivot))) {
                return Optional.empty();
            }
            double diagonal = Math.sqrt(pivot);
            l[j * size + j] = diagonal;
            for (int i = j + 1; i < size; i++) {
                double s = a[i * size + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * size + k] * l[j * size + k];
                }
                l[i * size + j] = s / diagonal;
            }
        }
        return Optional.of(new Cholesky(size, l));
    }

    /** The order of the factored matrix. */
    int size() {
        return size;
    }

    /**
     * X with {@code A X = B}, by forward then backward substitution on all columns at once.
     *
     * @param b       row-major {@code [size, columns]}; not changed
     * @param columns the number of right-hand sides
     * @return X, row-major {@code [size, columns]}
     */
    double[] solve(double[] b, int columns) {
        if (b.length != size * columns) {
            throw new IllegalArgumentException("right-hand sides [" + size + ", " + columns + "] need "
                    + size * columns + " values, got " + b.length);
        }
        double[] x = b.clone();
        // L Y = B: row i of Y from the rows above it; the inner loop runs along a row of Y (cache-friendly).
        for (int i = 0; i < size; i++) {
            for (int k = 0; k < i; k++) {
                double lik = lower[i * size + k];
                if (lik != 0) {
                    for (int c = 0; c < columns; c++) {
                        x[i * columns + c] -= lik * x[k * columns + c];
                    }
                }
            }
            double d = lower[i * size + i];
            for (int c = 0; c < columns; c++) {
                x[i * columns + c] /= d;
            }
        }
        // Lᵀ X = Y: row i of X from the rows below it.
        for (int i = size - 1; i >= 0; i--) {
            for (int k = i + 1; k < size; k++) {
                double lki = lower[k * size + i];
                if (lki != 0) {
                    for (int c = 0; c < columns; c++) {
                        x[i * columns + c] -= lki * x[k * columns + c];
                    }
                }
            }
            double d = lower[i * size + i];
            for (int c = 0; c < columns; c++) {
                x[i * columns + c] /= d;
            }
        }
        return x;
    }
}
