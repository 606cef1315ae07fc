package io.illc.plugins.clustering;

import io.illc.api.ClusterAssignment;
import io.illc.api.ClusteringStrategy;
import io.illc.api.Matrix;
import io.illc.api.NeuronPoints;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k-means on the neurons of one layer: k-means++ seeding, then Lloyd iterations, the best of
 * {@code restarts} seeded runs. Immutable and thread-safe: all working memory is local to
 * {@link #cluster}.
 *
 * <p><b>Gram space.</b> Centroids are never formed: the squared distance from point {@code i} to
 * the centroid of cluster {@code C} is
 * {@code G_ii − (2/|C|) Σ_{m∈C} G_im + (1/|C|²) Σ_{m,m'∈C} G_mm'}, with {@code G} the Gram matrix of
 * the centred points. The sums {@code T[i][C] = Σ_{m∈C} G_im} are built once per run in O(n²) and
 * then updated only for the points that changed cluster, so an iteration costs O(n·K) plus O(n)
 * per moved point.
 *
 * <p><b>Seeding</b> (k-means++): the first centre is a point drawn uniformly, each next centre a point
 * drawn with probability proportional to its squared distance to the nearest centre so far. When
 * every remaining distance is 0 (fewer than {@code k} distinct points) no more centres are added,
 * so the result has fewer than {@code k} clusters.
 *
 * <p><b>Lloyd iterations</b>: every point moves to its nearest centroid; a point whose current
 * centroid is among the nearest stays (so every move strictly lowers the inertia and the iteration
 * cannot cycle), otherwise the lowest cluster index wins. A run stops when no point moves, when the
 * inertia fell by at most {@code tolerance} times its previous value, or after
 * {@code maxIterations} reassignments. (scikit-learn's {@code tol} bounds the centre movement
 * instead; without explicit centres the relative inertia decrease is the natural criterion.)
 *
 * <p><b>Empty clusters</b>: a cluster that loses all its points during Lloyd is dropped for the rest
 * of that run (K shrinks) instead of being re-seeded, so the result may have fewer than {@code k}
 * clusters; it never has more.
 *
 * <p><b>Restarts</b>: the run with the lowest inertia (sum of squared distances of the points to
 * their centroids) wins; on equal inertia the earliest. Run {@code r} draws from the
 * {@code r}-th {@link SplittableRandom#split() split} of {@code new SplittableRandom(seed)}, so the
 * same seed always gives the same partition.
 */
final class KMeansClustering implements ClusteringStrategy {
    private final int maxIterations;
    private final double tolerance;
    private final int restarts;

    /**
     * @param maxIterations at least 1
     * @param tolerance     finite, at least 0
     * @param restarts      at least 1
     */
    KMeansClustering(int maxIterations, double tolerance, int restarts) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
        }
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a finite number >= 0, got " + tolerance);
        }
        if (restarts < 1) {
            throw new IllegalArgumentException("restarts must be at least 1, got " + restarts);
        }
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        this.restarts = restarts;
    }

    int maxIterations() {
        return maxIterations;
    }

    double tolerance() {
        return tolerance;
    }

    int restarts() {
        return restarts;
    }

    @Override
    public ClusterAssignment cluster(NeuronPoints points, int k, long seed) {
        int n = points.neurons();
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("layer " + points.layer() + ": cannot split " + n
                    + " neurons into " + k + " clusters; k must be between 1 and " + n);
        }
        double[] gram = symmetricGram(points);
        SplittableRandom root = new SplittableRandom(seed);
        Run best = null;
        for (int r = 0; r < restarts; r++) {
            Run run = new Run(gram, n, k);
            run.seed(root.split());
            run.lloyd(maxIterations, tolerance);
            if (best == null || run.inertia < best.inertia) {
                best = run;
            }
        }
        return ClusterAssignment.fromLabels(best.labels);
    }

    /**
     * {@code [n, n]} row-major copy of the Gram matrix, upper triangle mirrored: a Gram matrix that
     * rounding made slightly asymmetric gives one well-defined inner product per pair.
     */
    private static double[] symmetricGram(NeuronPoints points) {
        int n = points.neurons();
        Matrix g = points.gram();
        double[] values = g.toRowMajor();
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = values[i * n + j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("layer " + points.layer() + ": the Gram matrix holds " + v
                            + " at (" + i + ", " + j + "); the activations must be finite");
                }
                values[j * n + i] = v;
            }
        }
        return values;
    }

    /** One seeded k-means run; mutable working state, confined to one call of {@link #cluster}. */
    private static final class Run {
        private final double[] gram;
        private final int n;
        private final int k;
        /** Cluster of each point, in {@code 0..clusters-1}; a dropped cluster keeps its index with size 0. */
        private final int[] labels;
        /** {@code [n, clusters]} row-major: {@code within[i][c] = Σ_{m∈c} G_im}. */
        private double[] within;
        private int[] size;
        private int clusters;
        private double inertia;

        Run(double[] gram, int n, int k) {
            this.gram = gram;
            this.n = n;
            this.k = k;
            this.labels = new int[n];
        }

        private double squaredDistance(int i, int j) {
            return i == j ? 0.0 : Math.max(0.0, gram[i * n + i] + gram[j * n + j] - 2 * gram[i * n + j]);
        }

        /** k-means++: chooses up to k centre points and assigns every point to its nearest centre. */
        void seed(SplittableRandom random) {
            double[] nearest = new double[n];
            int first = random.nextInt(n);
            for (int i = 0; i < n; i++) {
                nearest[i] = squaredDistance(i, first);
                labels[i] = 0;
            }
            clusters = 1;
            while (clusters < k) {
                double total = 0;
                for (double d : nearest) {
                    total += d;
                }
                if (total <= 0) {
                    break;
                }
                int centre = sample(nearest, total, random.nextDouble() * total);
                for (int i = 0; i < n; i++) {
                    double d = squaredDistance(i, centre);
                    if (d < nearest[i]) {
                        nearest[i] = d;
                        labels[i] = clusters;
                    }
                }
                clusters++;
            }
            initialiseSums();
        }

        /** The first point whose cumulative weight exceeds {@code u}: never a point of weight 0. */
        private int sample(double[] weights, double total, double u) {
            double cumulative = 0;
            int last = -1;
            for (int i = 0; i < n; i++) {
                if (weights[i] > 0) {
                    cumulative += weights[i];
                    last = i;
                    if (u < cumulative) {
                        return i;
                    }
                }
            }
            // u < total, but the running sum may round slightly below total: take the last candidate.
            return last;
        }

        private void initialiseSums() {
            within = new double[n * clusters];
            size = new int[clusters];
            for (int m = 0; m < n; m++) {
                size[labels[m]]++;
            }
            for (int i = 0; i < n; i++) {
                int row = i * n;
                int out = i * clusters;
                for (int m = 0; m < n; m++) {
                    within[out + labels[m]] += gram[row + m];
                }
            }
            inertia = currentInertia();
        }

        /** Σ_i G_ii − Σ_C (Σ_{m,m'∈C} G_mm') / |C|. */
        private double currentInertia() {
            double[] pairSums = new double[clusters];
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += gram[i * n + i];
                pairSums[labels[i]] += within[i * clusters + labels[i]];
            }
            for (int c = 0; c < clusters; c++) {
                if (size[c] > 0) {
                    total -= pairSums[c] / size[c];
                }
            }
            return total;
        }

        void lloyd(int maxIterations, double tolerance) {
            int[] target = new int[n];
            double[] offset = new double[clusters];
            double[] twoOverSize = new double[clusters];
            for (int iteration = 0; iteration < maxIterations; iteration++) {
                // The centroid-only part of each distance: (1/|C|²) Σ_{m,m'∈C} G_mm'.
                Arrays.fill(offset, 0);
                for (int m = 0; m < n; m++) {
                    offset[labels[m]] += within[m * clusters + labels[m]];
                }
                for (int c = 0; c < clusters; c++) {
                    if (size[c] > 0) {
                        offset[c] /= (double) size[c] * size[c];
                        twoOverSize[c] = 2.0 / size[c];
                    }
                }
                int moved = 0;
                for (int i = 0; i < n; i++) {
                    int row = i * clusters;
                    // G_ii is the same for every cluster, so it is left out of the comparison.
                    // Starting from the current cluster and scanning with a strict < keeps the
                    // current cluster on ties and otherwise picks the lowest index.
                    int current = labels[i];
                    double best = offset[current] - twoOverSize[current] * within[row + current];
                    int bestCluster = current;
                    for (int c = 0; c < clusters; c++) {
                        if (size[c] > 0) {
                            double d = offset[c] - twoOverSize[c] * within[row + c];
                            if (d < best) {
                                best = d;
                                bestCluster = c;
                            }
                        }
                    }
                    target[i] = bestCluster;
                    if (bestCluster != current) {
                        moved++;
                    }
                }
                if (moved == 0) {
                    return;
                }
                for (int m = 0; m < n; m++) {
                    if (target[m] != labels[m]) {
                        move(m, labels[m], target[m]);
                    }
                }
                double previous = inertia;
                inertia = currentInertia();
                if (previous - inertia <= tolerance * previous) {
                    return;
                }
            }
        }

        /** Point m leaves cluster {@code from} for cluster {@code to}; a cluster left empty is dropped. */
        private void move(int m, int from, int to) {
            labels[m] = to;
            size[from]--;
            size[to]++;
            for (int i = 0; i < n; i++) {
                double g = gram[m * n + i];
                int row = i * clusters;
                within[row + from] -= g;
                within[row + to] += g;
            }
        }
    }
}
