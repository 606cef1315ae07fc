package io.illc.core.local;

import java.util.Objects;

/**
 * The LIME baseline of a local explanation: a linear surrogate of the original network fitted on the
 * same neighbourhood rows with the same kernel weights, as LIME's tabular explainer fits it for a
 * classifier ({@code Ridge(alpha)} on {@code predict_proba}, every feature, no feature selection).
 * For every output o of the network separately (the post-activation outputs: class probabilities
 * for softmax and sigmoid outputs, the values themselves for a linear output)
 * <pre>  minimise over b_o, β_o   Σ_x π_x (y_{x,o} − b_o − z_x · β_o)² + ridge · ‖β_o‖²</pre>
 * with π the kernel weights (unnormalised, the explained row's own weight 1, as LIME passes them as
 * sample weights), {@code z_x = (x − x₀) / σ} the row's offset from the explained row x₀ in units of
 * each feature's population standard deviation over the data (1 for a constant feature; LIME
 * standardises the same way, and the centring only moves the unpenalised intercept), and the
 * intercept b_o not penalised. The normal equations
 * <pre>  (Z̃ᵀ Π Z̃ + ridge · diag(0, 1, …, 1)) [b_o, β_o] = Z̃ᵀ Π y_o,   Z̃ = [1, z]</pre>
 * share one Cholesky factorisation for all outputs.
 *
 * <p>Its local io-unfaithfulness is the formula of the {@code local-io-unfaithfulness} metric with
 * the surrogate in place of the local network, on the same rows with the same weights π̂:
 * {@code Σ_x π̂_x Σ_o (y_{x,o} − ŷ_{x,o})²}. Immutable.
 *
 * @param intercept    b_o per output
 * @param coefficients β, row-major {@code [outputs, features]}: output o's change per standard
 *                     deviation of each feature
 */
public record LimeSurrogate(double[] intercept, double[] coefficients) {
    /** A Cholesky pivot at most this share of its diagonal entry counts as zero (a singular system). */
    static final double SINGULAR = 1e-12;

    public LimeSurrogate {
        intercept = intercept.clone();
        coefficients = coefficients.clone();
        if (intercept.length == 0 || coefficients.length % intercept.length != 0) {
            throw new IllegalArgumentException(coefficients.length + " coefficients for " + intercept.length + " outputs");
        }
    }

    /**
     * Fits the surrogate.
     *
     * @param x0      the explained row, m raw feature values
     * @param std     each feature's standard deviation (0 or less: the feature is left unscaled)
     * @param rows    the neighbourhood rows, row-major {@code [n, m]} raw feature values
     * @param outputs the original network's outputs at those rows, row-major {@code [n, outputs]}
     * @param pi      the rows' kernel weights π, n of them, ≥ 0
     * @param ridge   the penalty on β, ≥ 0
     * @throws IllegalArgumentException when the system is singular (with ridge 0: fewer weighted rows
     *                                  than features, or a feature constant over the weighted rows)
     */
    public static LimeSurrogate fit(double[] x0, double[] std, double[] rows, double[] outputs, double[] pi, double ridge) {
        int m = x0.length;
        int n = pi.length;
        Objects.requireNonNull(std, "std");
        if (std.length != m || rows.length != n * m || n == 0 || outputs.length % n != 0) {
            throw new IllegalArgumentException("shapes: " + m + " features, " + std.length + " deviations, "
                    + rows.length + " row values and " + outputs.length + " outputs for " + n + " rows");
        }
        if (!(ridge >= 0) || !Double.isFinite(ridge)) {
            throw new IllegalArgumentException("the LIME ridge must be a number ≥ 0, got " + ridge);
        }
        int k = outputs.length / n;
        int p = m + 1;
        double[] gram = new double[p * p];
        double[] rhs = new double[p * k];
        double[] z = new double[p];
        for (int x = 0; x < n; x++) {
            offsets(x0, std, rows, x, z);
            double w = pi[x];
            if (w == 0) {
                continue;
            }
            for (int i = 0; i < p; i++) {
                double wz = w * z[i];
                for (int j = 0; j <= i; j++) {
                    gram[i * p + j] += wz * z[j];
                }
                for (int o = 0; o < k; o++) {
                    rhs[i * k + o] += wz * outputs[x * k + o];
                }
            }
        }
        for (int i = 1; i < p; i++) {
            gram[i * p + i] += ridge;
        }
        double[] theta = solve(gram, rhs, p, k);
        double[] intercept = new double[k];
        double[] coefficients = new double[k * m];
        for (int o = 0; o < k; o++) {
            intercept[o] = theta[o];
            for (int j = 0; j < m; j++) {
                coefficients[o * m + j] = theta[(j + 1) * k + o];
            }
        }
        return new LimeSurrogate(intercept, coefficients);
    }

    /** The number of outputs. */
    public int outputs() {
        return intercept.length;
    }

    @Override
    public double[] intercept() {
        return intercept.clone();
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /**
     * The surrogate's outputs at the rows, row-major {@code [n, outputs]}.
     *
     * @param x0   the explained row the surrogate was fitted around
     * @param std  the standard deviations it was fitted with
     * @param rows row-major {@code [n, m]}
     */
    public double[] predict(double[] x0, double[] std, double[] rows) {
        int m = x0.length;
        int k = intercept.length;
        if (coefficients.length != k * m || rows.length % m != 0) {
            throw new IllegalArgumentException("the surrogate has " + coefficients.length / k + " features, the row " + m);
        }
        int n = rows.length / m;
        double[] z = new double[m + 1];
        double[] out = new double[n * k];
        for (int x = 0; x < n; x++) {
            offsets(x0, std, rows, x, z);
            for (int o = 0; o < k; o++) {
                double y = intercept[o];
                for (int j = 0; j < m; j++) {
                    y += coefficients[o * m + j] * z[j + 1];
                }
                out[x * k + o] = y;
            }
        }
        return out;
    }

    /**
     * {@code Σ_x w_x Σ_o (y_{x,o} − ŷ_{x,o})²}, the local io-unfaithfulness formula.
     *
     * @param original  the original outputs, row-major {@code [n, outputs]}
     * @param surrogate the surrogate's outputs, the same shape
     * @param w         the row weights π̂, n of them
     */
    public static double ioUnfaithfulness(double[] original, double[] surrogate, double[] w) {
        if (original.length != surrogate.length || w.length == 0 || original.length % w.length != 0) {
            throw new IllegalArgumentException(original.length + " and " + surrogate.length + " outputs for " + w.length
                    + " rows");
        }
        int k = original.length / w.length;
        double weighted = 0;
        for (int x = 0; x < w.length; x++) {
            double row = 0;
            for (int o = x * k; o < (x + 1) * k; o++) {
                double diff = original[o] - surrogate[o];
                row += diff * diff;
            }
            weighted += w[x] * row;
        }
        return weighted;
    }

    /** {@code z = [1, (row − x0) / σ]} for row {@code x} of {@code rows}. */
    private static void offsets(double[] x0, double[] std, double[] rows, int x, double[] z) {
        int m = x0.length;
        z[0] = 1;
        for (int j = 0; j < m; j++) {
            double scale = std[j] > 0 ? std[j] : 1.0;
            z[j + 1] = (rows[x * m + j] - x0[j]) / scale;
        }
    }

    /**
     * Solves {@code A θ = B} for a symmetric positive definite A (lower triangle given, {@code [p, p]})
     * and k right-hand sides ({@code [p, k]} row-major) by Cholesky.
     */
    private static double[] solve(double[] a, double[] b, int p, int k) {
        double[] l = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * p + j];
                for (int t = 0; t < j; t++) {
                    s -= l[i * p + t] * l[j * p + t];
                }
                if (i == j) {
                    if (!(s > SINGULAR * Math.abs(a[i * p + i])) || !(s > 0)) {
                        throw new IllegalArgumentException("the LIME surrogate's normal equations are singular (at "
                                + (i == 0 ? "the intercept" : "feature " + (i - 1)) + "): too few weighted rows, or a"
                                + " feature constant over them; set the ridge above 0");
                    }
                    l[i * p + i] = Math.sqrt(s);
                } else {
                    l[i * p + j] = s / l[j * p + j];
                }
            }
        }
        double[] y = b.clone();
        for (int i = 0; i < p; i++) {
            for (int o = 0; o < k; o++) {
                double s = y[i * k + o];
                for (int t = 0; t < i; t++) {
                    s -= l[i * p + t] * y[t * k + o];
                }
                y[i * k + o] = s / l[i * p + i];
            }
        }
        for (int i = p - 1; i >= 0; i--) {
            for (int o = 0; o < k; o++) {
                double s = y[i * k + o];
                for (int t = i + 1; t < p; t++) {
                    s -= l[t * p + i] * y[t * k + o];
                }
                y[i * k + o] = s / l[i * p + i];
            }
        }
        return y;
    }
}
