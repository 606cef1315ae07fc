package io.illc.api;

import java.util.Objects;

/**
 * The points a {@link ClusteringStrategy} partitions: the neurons of one hidden layer, neuron
 * {@code i} being column {@code i} of {@link #points()}, a vector in R^samples.
 *
 * <p>For a global compression the points are the layer's activations {@code A_l}; for a local
 * explanation each row is scaled by its kernel weight ({@code A_l[:, i] ⊙ π}). The engine also
 * hands over the Gram matrix of the <em>centred</em> points (each point minus the mean point), from
 * which every squared Euclidean distance follows in O(1): clustering algorithms that only need
 * distances never have to touch the {@code samples}-long vectors. Centring changes no distance and
 * keeps the Gram entries small, so the subtraction in {@link #squaredDistance} loses little precision.
 *
 * <p><b>Gram matrix only.</b> When the engine streams the data ({@link #ofGram}) it never holds
 * the {@code [samples, neurons]} points, only the Gram matrix, which is a sum over the rows. Then
 * {@link #hasPoints()} is false and {@link #points()} and {@link #samples()} throw. A clustering
 * that works from {@link #gram()} alone (every built-in one does) runs on both; one that needs the
 * points should say so in its message when {@link #hasPoints()} is false.
 */
public final class NeuronPoints {
    private final int layer;
    private final Matrix points;
    private final Matrix gram;

    /**
     * @param layer  the hidden layer, 1-based
     * @param points {@code [samples, neurons]}
     * @param gram   {@code [neurons, neurons]}: {@code gram[i][j] = (p_i - p̄) · (p_j - p̄)}
     */
    public NeuronPoints(int layer, Matrix points, Matrix gram) {
        this(Objects.requireNonNull(points, "points"), gram, layer);
    }

    /** {@code points} may be null: then only the Gram matrix is known. */
    private NeuronPoints(Matrix points, Matrix gram, int layer) {
        Objects.requireNonNull(gram, "gram");
        if (layer < 1) {
            throw new IllegalArgumentException("hidden layers are numbered from 1, got " + layer);
        }
        if (gram.rows() != gram.cols()) {
            throw new IllegalArgumentException("gram is [" + gram.rows() + ", " + gram.cols() + "], not square");
        }
        if (points != null && gram.rows() != points.cols()) {
            throw new IllegalArgumentException("gram is [" + gram.rows() + ", " + gram.cols() + "] but there are "
                    + points.cols() + " neurons");
        }
        this.layer = layer;
        this.points = points;
        this.gram = gram;
    }

    /**
     * Neurons known by their centred Gram matrix alone, as a streamed compression computes it.
     *
     * @param layer the hidden layer, 1-based
     * @param gram  {@code [neurons, neurons]}: {@code gram[i][j] = (p_i - p̄) · (p_j - p̄)}
     */
    public static NeuronPoints ofGram(int layer, Matrix gram) {
        return new NeuronPoints(null, gram, layer);
    }

    /** Points and their centred Gram matrix computed in plain Java (tests and small inputs). */
    public static NeuronPoints of(int layer, Matrix points) {
        int n = points.cols();
        int s = points.rows();
        double[][] centred = new double[n][s];
        for (int i = 0; i < n; i++) {
            centred[i] = points.column(i);
        }
        for (int r = 0; r < s; r++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += centred[i][r];
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                centred[i][r] -= mean;
            }
        }
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double dot = 0;
                for (int r = 0; r < s; r++) {
                    dot += centred[i][r] * centred[j][r];
                }
                g[i][j] = dot;
                g[j][i] = dot;
            }
        }
        return new NeuronPoints(layer, points, Matrix.of(g));
    }

    /** The hidden layer these neurons belong to, 1-based. */
    public int layer() {
        return layer;
    }

    /** n, the number of neurons (points). */
    public int neurons() {
        return gram.rows();
    }

    /** True when the points themselves are here, false when only their Gram matrix is ({@link #ofGram}). */
    public boolean hasPoints() {
        return points != null;
    }

    /**
     * The dimension of each point (number of data rows).
     *
     * @throws IllegalStateException when only the Gram matrix is known ({@link #hasPoints()} false)
     */
    public int samples() {
        return points().rows();
    }

    /**
     * {@code [samples, neurons]}.
     *
     * @throws IllegalStateException when only the Gram matrix is known ({@link #hasPoints()} false)
     */
    public Matrix points() {
        if (points == null) {
            throw new IllegalStateException("layer " + layer + ": the data was streamed, so only the Gram matrix of "
                    + "the neurons is known, not their points; use gram()");
        }
        return points;
    }

    /** {@code [neurons, neurons]}, inner products of the centred points. */
    public Matrix gram() {
        return gram;
    }

    /** ‖p_i − p_j‖², from the Gram matrix; tiny negative rounding results are returned as 0. */
    public double squaredDistance(int i, int j) {
        if (i == j) {
            return 0.0;
        }
        return Math.max(0.0, gram.get(i, i) + gram.get(j, j) - 2 * gram.get(i, j));
    }
}
