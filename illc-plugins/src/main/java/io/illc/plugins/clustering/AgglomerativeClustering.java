package io.illc.plugins.clustering;

import io.illc.api.ClusterAssignment;
import io.illc.api.ClusteringStrategy;
import io.illc.api.NeuronPoints;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * Bottom-up hierarchical clustering of the neurons with Euclidean distances, cut into {@code k}
 * clusters. Immutable and thread-safe: all working memory is local to {@link #cluster}.
 *
 * <p>The dendrogram is built the way scipy's {@code linkage} builds it for Ward, average and complete
 * linkage: the nearest-neighbour-chain algorithm on a full distance matrix with Lance–Williams
 * updates (see {@link Linkage}), O(n²) time and memory. The merges are then stably sorted by
 * height and the first {@code n − k} are applied with a union-find, which is how scipy orders the
 * dendrogram and how scikit-learn cuts it into {@code n_clusters}. Without exact ties the result is
 * exactly the partition of scipy's {@code fcluster(linkage(X, method), k, 'maxclust')} and of
 * scikit-learn's {@code AgglomerativeClustering(n_clusters=k, linkage=method)}.
 *
 * <p>Ties: when the tip of the chain has several nearest clusters, the previous chain element wins
 * (the algorithm needs that to terminate), otherwise the one with the lowest index — scipy's rule;
 * merges of equal height are applied in the order the chain found them. Identical points (dead
 * neurons are identical zero vectors) are at distance 0 and therefore merge before anything else.
 */
final class AgglomerativeClustering implements ClusteringStrategy {
    /** The side of the tiles the distance matrix is filled in: 64 doubles are 8 cache lines. */
    private static final int TILE = 64;

    private final Linkage linkage;

    AgglomerativeClustering(Linkage linkage) {
        this.linkage = Objects.requireNonNull(linkage, "linkage");
    }

    Linkage linkage() {
        return linkage;
    }

    @Override
    public ClusterAssignment cluster(NeuronPoints points, int k, long seed) {
        int n = points.neurons();
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("layer " + points.layer() + ": cannot cut " + n
                    + " neurons into " + k + " clusters; k must be between 1 and " + n);
        }
        Dendrogram dendrogram = buildDendrogram(points);
        return cut(dendrogram, n, k);
    }

    /** The n − 1 merges in the order the chain found them; {@code a} and {@code b} are members of the two merged clusters. */
    private record Dendrogram(int[] a, int[] b, double[] height) {
    }

    private Dendrogram buildDendrogram(NeuronPoints points) {
        int n = points.neurons();
        double[] d = distanceMatrix(points);
        // The diagonal is never a candidate: at +∞ it loses every strict comparison of the scan,
        // so the scan needs no "i != x" test. Nothing else reads it.
        for (int i = 0; i < n; i++) {
            d[i * n + i] = Double.POSITIVE_INFINITY;
        }
        int[] size = new int[n];
        Arrays.fill(size, 1);
        // The active clusters in increasing order: the scans visit only these (on average half of
        // the n slots), in the same increasing order as a scan over all slots would.
        int[] active = new int[n];
        Arrays.setAll(active, i -> i);
        int activeCount = n;
        int[] chain = new int[n];
        int chainLength = 0;
        int[] mergeA = new int[n - 1];
        int[] mergeB = new int[n - 1];
        double[] mergeHeight = new double[n - 1];

        for (int step = 0; step < n - 1; step++) {
            if (chainLength == 0) {
                chain[chainLength++] = active[0];
            }
            int x;
            int y;
            double best;
            while (true) {
                x = chain[chainLength - 1];
                y = nearest(d, x * n, active, activeCount, chainLength > 1 ? chain[chainLength - 2] : -1);
                best = y < 0 ? Double.POSITIVE_INFINITY : d[x * n + y];
                if (chainLength > 1 && y == chain[chainLength - 2]) {
                    break;
                }
                chain[chainLength++] = y;
            }
            chainLength -= 2;
            // Like scipy: the union lives on in the higher slot, the lower one retires.
            int gone = Math.min(x, y);
            int kept = Math.max(x, y);
            mergeA[step] = gone;
            mergeB[step] = kept;
            mergeHeight[step] = best;
            int position = Arrays.binarySearch(active, 0, activeCount, gone);
            System.arraycopy(active, position + 1, active, position, activeCount - position - 1);
            activeCount--;
            updateDistances(d, n, active, activeCount, gone, kept, best, size);
            size[kept] += size[gone];
        }
        return new Dendrogram(mergeA, mergeB, mergeHeight);
    }

    // The two loops of every merge, each a method of its own called once per step: the JIT compiles
    // them early and cheaply, where inline they made a compilation and an on-stack replacement of
    // the whole chain algorithm in every run.

    /**
     * The active cluster nearest to the one whose row of {@code d} starts at {@code row}: the first
     * in increasing order with the smallest distance, strictly below that of {@code start} (the
     * chain's previous cluster, which so wins ties), or {@code start} itself; -1 when none is below +∞.
     */
    private static int nearest(double[] d, int row, int[] active, int activeCount, int start) {
        int y = start;
        double best = start < 0 ? Double.POSITIVE_INFINITY : d[row + start];
        for (int t = 0; t < activeCount; t++) {
            int i = active[t];
            double v = d[row + i];
            if (v < best) {
                best = v;
                y = i;
            }
        }
        return y;
    }

    /** Lance–Williams: the distance of the merged cluster (in slot {@code kept}) to every other active one. */
    private void updateDistances(double[] d, int n, int[] active, int activeCount, int gone, int kept, double height,
                                 int[] size) {
        int goneRow = gone * n;
        int keptRow = kept * n;
        for (int t = 0; t < activeCount; t++) {
            int i = active[t];
            if (i != kept) {
                double updated = linkage.merged(d[goneRow + i], d[keptRow + i], height, size[gone], size[kept], size[i]);
                d[keptRow + i] = updated;
                d[i * n + kept] = updated;
            }
        }
    }

    /**
     * {@code [n, n]} row-major: squared Euclidean distances for Ward, plain ones otherwise, each
     * {@link NeuronPoints#squaredDistance} of the pair. Only the upper triangle of the Gram matrix
     * is read and mirrored, so a Gram matrix that rounding made slightly asymmetric still gives one
     * distance per pair. The diagonal is left at 0.
     */
    private double[] distanceMatrix(NeuronPoints points) {
        int n = points.neurons();
        // One copy of the Gram matrix becomes the distance matrix in place: each upper entry is
        // read before it and its mirror are overwritten; the diagonal is kept aside first.
        double[] d = points.gram().toRowMajor();
        double[] diagonal = new double[n];
        for (int i = 0; i < n; i++) {
            diagonal[i] = d[i * n + i];
            d[i * n + i] = 0.0;
        }
        boolean squared = linkage.squared();
        boolean finite = true;
        // Tile by tile: the mirrored writes of a tile fall into a few cache lines, where writing
        // whole columns would touch a new line with every write.
        for (int i0 = 0; i0 < n; i0 += TILE) {
            for (int j0 = i0; j0 < n; j0 += TILE) {
                for (int i = i0; i < Math.min(i0 + TILE, n); i++) {
                    for (int j = Math.max(j0, i + 1); j < Math.min(j0 + TILE, n); j++) {
                        double sq = squaredDistance(diagonal, d[i * n + j], i, j);
                        finite &= Double.isFinite(sq);
                        double v = squared ? sq : Math.sqrt(sq);
                        d[i * n + j] = v;
                        d[j * n + i] = v;
                    }
                }
            }
        }
        if (!finite) {
            throw nonFinite(points);
        }
        return d;
    }

    /** As {@link NeuronPoints#squaredDistance} computes it, from the diagonal and the entry (i, j) of the Gram matrix. */
    private static double squaredDistance(double[] diagonal, double gramIj, int i, int j) {
        return Math.max(0.0, diagonal[i] + diagonal[j] - 2 * gramIj);
    }

    /** The error for the first pair, in row-major order, whose distance is not finite. */
    private static IllegalArgumentException nonFinite(NeuronPoints points) {
        for (int i = 0; i < points.neurons(); i++) {
            for (int j = i + 1; j < points.neurons(); j++) {
                double sq = points.squaredDistance(i, j);
                if (!Double.isFinite(sq)) {
                    return new IllegalArgumentException("layer " + points.layer() + ": the distance between neurons "
                            + i + " and " + j + " is " + sq + "; the activations must be finite");
                }
            }
        }
        throw new IllegalStateException("a distance was not finite, but none is on recomputation");
    }

    private static ClusterAssignment cut(Dendrogram dendrogram, int n, int k) {
        Integer[] order = new Integer[n - 1];
        Arrays.setAll(order, i -> i);
        double[] height = dendrogram.height();
        // Arrays.sort on objects is a stable merge sort, like scipy's argsort(kind='mergesort').
        Arrays.sort(order, Comparator.comparingDouble(i -> height[i]));
        int[] parent = new int[n];
        Arrays.setAll(parent, i -> i);
        // The merges form a spanning tree of the neurons, so every applied merge joins two different
        // components, whatever the order: n − k merges leave exactly k clusters.
        for (int m = 0; m < n - k; m++) {
            int step = order[m];
            int ra = find(parent, dendrogram.a()[step]);
            int rb = find(parent, dendrogram.b()[step]);
            parent[ra] = rb;
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = find(parent, i);
        }
        return ClusterAssignment.fromLabels(labels);
    }

    private static int find(int[] parent, int i) {
        int root = i;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[i] != root) {
            int next = parent[i];
            parent[i] = root;
            i = next;
        }
        return root;
    }

    @Override
    public String toString() {
        return "agglomerative(linkage=" + linkage.specName() + ")";
    }
}
