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
    /** The default width is this factor times √m, m the number of features. */
    public static final double DEFAULT_WIDTH_FACTOR = 0.1;

    private final int rows;
    private final int features;
    /** The data rows divided by {@link #scales}, row-major {@code [rows, features]}. */
    private final double[] scaled;
    private final double[] scales;
    private final double width;

    /**
     * @param data     the neighbourhood, {@code [N, m]} with N ≥ 1
     * @param distance how features are scaled before measuring distances
     * @param width    w &gt; 0, or {@code null} for {@link #defaultWidth(int)}
     */
    public Kernel(Matrix data, Distance distance, Double width) {
        this(data, scales(data, distance), width);
    }

    /**
     * A kernel over {@code data} whose features are divided by {@code scales} instead of by the standard
     * deviations of {@code data} itself: for an engine that holds only some rows of the data set (the
     * neighbourhood sample and the rows it explains) and measured the deviations over all of them.
     *
     * @param scales the divisor of each feature, each positive ({@link #scales()} of the whole data's kernel)
     */
    public Kernel(Matrix data, double[] scales, Double width) {
        Objects.requireNonNull(data, "data");
        if (data.rows() < 1) {
            throw new IllegalArgumentException("the neighbourhood needs at least one row");
        }
        if (scales.length != data.cols()) {
            throw new IllegalArgumentException(scales.length + " scales for " + data.cols() + " features");
        }
        for (double s : scales) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("a feature scale must be a positive number, got " + s);
            }
        }
        this.rows = data.rows();
        this.features = data.cols();
        this.width = width == null ? defaultWidth(features) : width;
        if (!(this.width > 0) || !Double.isFinite(this.width)) {
            throw new IllegalArgumentException("the kernel width must be a positive number, got " + this.width);
        }
        this.scales = scales.clone();
        this.scaled = data.toRowMajor();
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < features; j++) {
                scaled[r * features + j] /= this.scales[j];
            }
        }
    }

    private static double[] scales(Matrix data, Distance distance) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(distance, "distance");
        if (data.rows() < 1) {
            throw new IllegalArgumentException("the neighbourhood needs at least one row");
        }
        return distance == Distance.RAW ? ones(data.cols()) : populationStd(data);
    }

    /** {@code 0.1 · √m}. */
    public static double defaultWidth(int features) {
        return DEFAULT_WIDTH_FACTOR * Math.sqrt(features);
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

    /** σ_j = √(Σ (x_j − mean_j)² / N) per feature; 1 for a constant feature so it is left unscaled. */
    private static double[] populationStd(Matrix data) {
        int n = data.rows();
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
            double std = Math.sqrt(ss / n);
            out[j] = std > 0 ? std : 1.0;
        }
        return out;
    }

    private static double[] ones(int n) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, 1.0);
        return out;
    }
}
