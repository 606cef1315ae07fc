package io.illc.core.local;

import io.illc.api.Matrix;
import io.illc.core.spec.LocalSpec.Distance;

import java.util.Objects;

/**
 * The neighbourhood kernel of a local explanation: the weight of data row x' for an explained row x is
 * <pre>  π(x') = exp(−d(x, x')² / (2 w²))</pre>
 * with d the Euclidean distance over the features, each divided by its population standard deviation
 * over the data rows ({@link Distance#STANDARDIZED}; a constant feature, σ = 0, is left unscaled) or
 * over the raw values ({@link Distance#RAW}). The neighbourhood is always the data rows the kernel was
 * made from, also for a row that is not among them, unless a subset of them is named
 * ({@link #weights(int, int[])}): then π is over those rows only, while the standard deviations stay
 * those of all the data rows, so a sampled neighbourhood measures distances exactly as the full one
 * (a row's π is the same number in both). Immutable and thread-safe.
 */
public final class Kernel {
    /**
     * The width of the paper's Definition 10 is this factor times √m, m the number of features: so
     * narrow that the explained row carries almost all the weight (an effective size near 1).
     */
    public static final double DEFINITION_10_WIDTH_FACTOR = 0.1;
    /** LIME's and SpArX's width, this factor times √m: the default (see {@code docs/local.md}). */
    public static final double LIME_WIDTH_FACTOR = 0.75;

    private final int rows;
    private final int features;
    /** The data rows divided by {@link #scales}, row-major {@code [rows, features]}. */
    private final double[] scaled;
    private final double[] scales;
    /** Each feature's population standard deviation over the data rows (0 for a constant feature). */
    private final double[] std;
    private final double width;

    /**
     * @param data     the neighbourhood, {@code [N, m]} with N ≥ 1
     * @param distance how features are scaled before measuring distances
     * @param width    w &gt; 0, or {@code null} for {@link #defaultWidth(int)}, LIME's width
     */
    public Kernel(Matrix data, Distance distance, Double width) {
        this(data, populationStd(Objects.requireNonNull(data, "data")), distance, width);
    }

    /**
     * A kernel over {@code data} with the standard deviations {@code std} instead of those of
     * {@code data} itself: for an engine that holds only some rows of the data set (the neighbourhood
     * sample and the rows it explains) and measured the deviations over all of them.
     *
     * @param std each feature's population standard deviation over the whole data set, each ≥ 0
     *            ({@link #standardDeviations()} of the whole data's kernel)
     */
    public Kernel(Matrix data, double[] std, Distance distance, Double width) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(distance, "distance");
        if (data.rows() < 1) {
            throw new IllegalArgumentException("the neighbourhood needs at least one row");
        }
        if (std.length != data.cols()) {
            throw new IllegalArgumentException(std.length + " standard deviations for " + data.cols() + " features");
        }
        for (double s : std) {
            if (!(s >= 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("a standard deviation must be a number ≥ 0, got " + s);
            }
        }
        this.rows = data.rows();
        this.features = data.cols();
        this.width = width == null ? defaultWidth(features) : width;
        if (!(this.width > 0) || !Double.isFinite(this.width)) {
            throw new IllegalArgumentException("the kernel width must be a positive number, got " + this.width);
        }
        this.std = std.clone();
        this.scales = distance == Distance.RAW ? ones(features) : nonZero(std);
        this.scaled = data.toRowMajor();
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < features; j++) {
                scaled[r * features + j] /= scales[j];
            }
        }
    }

    /** LIME's {@code 0.75 · √m}. */
    public static double defaultWidth(int features) {
        return LIME_WIDTH_FACTOR * Math.sqrt(features);
    }

    /** The paper's {@code 0.1 · √m} (Definition 10). */
    public static double definition10Width(int features) {
        return DEFINITION_10_WIDTH_FACTOR * Math.sqrt(features);
    }

    /** w. */
    public double width() {
        return width;
    }

    /** N, the number of rows in the neighbourhood. */
    public int rows() {
        return rows;
    }

    /** The divisor of each feature: its population standard deviation, or 1 (raw distances, constant features). */
    public double[] scales() {
        return scales.clone();
    }

    /** Each feature's population standard deviation over the data rows; 0 for a constant feature. */
    public double[] standardDeviations() {
        return std.clone();
    }

    /** The number of features m. */
    public int features() {
        return features;
    }

    /**
     * π of every row of {@code points} ({@code [n, m]}, raw feature values) for the row {@code x}, with
     * this kernel's scales and width: the weights of a neighbourhood that is not made of data rows.
     */
    public double[] weightsOf(double[] x, Matrix points) {
        if (points.cols() != features) {
            throw new IllegalArgumentException("the points have " + points.cols() + " features, the kernel " + features);
        }
        double[] z = scale(x);
        double[] p = points.toRowMajor();
        double twoWidthSquared = 2 * width * width;
        double[] pi = new double[points.rows()];
        for (int r = 0; r < pi.length; r++) {
            double d2 = 0;
            for (int j = 0; j < features; j++) {
                double diff = z[j] - p[r * features + j] / scales[j];
                d2 += diff * diff;
            }
            pi[r] = Math.exp(-d2 / twoWidthSquared);
        }
        return pi;
    }

    /**
     * The effective number of rows of a neighbourhood with weights π, {@code (Σπ)² / Σπ²} (Kish's
     * effective sample size): 1 when one row carries all the weight, n for n equal weights. Invariant
     * to scaling π, so π and π̂ give the same number.
     *
     * @throws IllegalArgumentException when every weight is 0
     */
    public static double effectiveSize(double[] pi) {
        double sum = 0;
        double squares = 0;
        for (double p : pi) {
            sum += p;
            squares += p * p;
        }
        if (!(squares > 0)) {
            throw new IllegalArgumentException("every kernel weight is 0: the neighbourhood is empty");
        }
        // Divide before squaring the sum: Σπ² may be tiny without Σπ² · (Σπ/Σπ²) overflowing.
        double ratio = sum / squares;
        return ratio * sum;
    }

    /** π over the N data rows for data row {@code row}: its own weight is exactly 1. */
    public double[] weights(int row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " is not among the " + rows + " rows");
        }
        double[] x = new double[features];
        System.arraycopy(scaled, row * features, x, 0, features);
        return weightsOfScaled(x);
    }

    /**
     * π over the data rows {@code among} (in that order) for data row {@code row}; each π is the same
     * number as in {@link #weights(int)}.
     */
    public double[] weights(int row, int[] among) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " is not among the " + rows + " rows");
        }
        double[] x = new double[features];
        System.arraycopy(scaled, row * features, x, 0, features);
        return weightsOfScaled(x, among);
    }

    /** π over the data rows {@code among} (in that order) for any row {@code x} of m raw feature values. */
    public double[] weights(double[] x, int[] among) {
        return weightsOfScaled(scale(x), among);
    }

    /** π over the N data rows for any row {@code x} of m raw feature values. */
    public double[] weights(double[] x) {
        return weightsOfScaled(scale(x));
    }

    private double[] scale(double[] x) {
        if (x.length != features) {
            throw new IllegalArgumentException("the row has " + x.length + " values, the kernel " + features + " features");
        }
        double[] z = new double[features];
        for (int j = 0; j < features; j++) {
            z[j] = x[j] / scales[j];
        }
        return z;
    }

    /**
     * π̂ = π / Σπ.
     *
     * @throws IllegalArgumentException when every weight is 0 (the row is too far from every data row
     *                                  for this width: exp underflows)
     */
    public static double[] normalise(double[] pi) {
        double sum = 0;
        for (double p : pi) {
            sum += p;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("every kernel weight is 0: the row is too far from all data rows"
                    + " for this kernel width");
        }
        double[] out = new double[pi.length];
        for (int i = 0; i < pi.length; i++) {
            out[i] = pi[i] / sum;
        }
        return out;
    }

    private double[] weightsOfScaled(double[] z) {
        double[] pi = new double[rows];
        for (int r = 0; r < rows; r++) {
            pi[r] = weightOfScaled(z, r);
        }
        return pi;
    }

    private double[] weightsOfScaled(double[] z, int[] among) {
        double[] pi = new double[among.length];
        for (int i = 0; i < among.length; i++) {
            if (among[i] < 0 || among[i] >= rows) {
                throw new IndexOutOfBoundsException("row " + among[i] + " is not among the " + rows + " rows");
            }
            pi[i] = weightOfScaled(z, among[i]);
        }
        return pi;
    }

    private double weightOfScaled(double[] z, int r) {
        double twoWidthSquared = 2 * width * width;
        double d2 = 0;
        int offset = r * features;
        for (int j = 0; j < features; j++) {
            double diff = z[j] - scaled[offset + j];
            d2 += diff * diff;
        }
        return Math.exp(-d2 / twoWidthSquared);
    }

    /** σ_j = √(Σ (x_j − mean_j)² / N) per feature; 0 for a constant feature. */
    private static double[] populationStd(Matrix data) {
        int n = data.rows();
        if (n < 1) {
            throw new IllegalArgumentException("the neighbourhood needs at least one row");
        }
        double[] out = new double[data.cols()];
        for (int j = 0; j < out.length; j++) {
            double[] column = data.column(j);
            double mean = 0;
            for (double v : column) {
                mean += v;
            }
            mean /= n;
            double ss = 0;
            for (double v : column) {
                ss += (v - mean) * (v - mean);
            }
            out[j] = Math.sqrt(ss / n);
        }
        return out;
    }

    /** The divisors of standardised distances: σ_j, or 1 for a constant feature so it is left unscaled. */
    private static double[] nonZero(double[] std) {
        double[] out = new double[std.length];
        for (int j = 0; j < std.length; j++) {
            out[j] = std[j] > 0 ? std[j] : 1.0;
        }
        return out;
    }

    private static double[] ones(int n) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, 1.0);
        return out;
    }
}
