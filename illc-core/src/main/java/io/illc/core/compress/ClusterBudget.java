package io.illc.core.compress;

import io.illc.api.ClusterAssignment;
import io.illc.api.ClusteringStrategy;
import io.illc.api.Matrix;
import io.illc.api.NeuronPoints;
import io.illc.core.linalg.Nd;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Shares a complexity budget Ω out over the hidden layers: cluster counts {@code k_l} with
 * {@code 1 ≤ k_l ≤ n_l} and {@code Π_l k_l ≤ Ω}, chosen so that the layers whose neurons cluster
 * badly get more clusters.
 *
 * <p>The rule (greedy marginal allocation): every layer starts at {@code k_l = 1}. Each step looks,
 * for every layer, at the raise to {@code k' = min(n_l, k_l + max(1, floor(k_l / 4)), ⌊Ω / Π_{i≠l} k_i⌋)}
 * (a step of about a quarter, cut down to what the budget still allows) and takes the raise with the
 * largest {@code (e_l(k_l) − e_l(k')) / ln(k' / k_l)}: the fall of that layer's relative clustering
 * error per unit of {@code ln Ω} spent (ties: the lower layer). It stops when no layer can be raised by one
 * without exceeding Ω. Raises that do not lower the error are still taken when nothing better fits,
 * so {@code Ω ≥ Π n_l} compresses nothing.
 *
 * <p>{@code E_l(k)} is the within-cluster sum of squares of layer l's neurons, each neuron being its
 * column of activations over the rows, clustered into k with the run's clustering plugin and the
 * layer's seed: {@code Σ_C Σ_{j∈C} ‖a_j − ā_C‖²}; the rule uses {@code e_l(k) = E_l(k) / E_l(1)}, the
 * share of the layer's spread that k clusters leave (0 for a layer whose neurons are all alike).
 * Relative, because activations grow or shrink from layer to layer: on raw sums of squares (tried on
 * a 10 × 100 ReLU network of breast-cancer) the deep layers, whose activations are larger, took
 * nearly all of the budget and the first layers were left with 4 or 5 clusters, and the compression
 * was less faithful than the uniform counts of the same Ω. The activations are the <em>original</em>
 * network's for both methods (ILLC's own activations depend on the counts chosen for the layers
 * before it, which would make the allocation a search over whole compressions). {@code E_l(1)} and
 * {@code E_l(n_l)} need no clustering; every other value is computed once and reused. The raises
 * grow geometrically, so a layer of n neurons costs about {@code 4 ln n + 4} clusterings at most.
 *
 * <p>Stateless and thread-safe.
 */
public final class ClusterBudget {
    /** A raise is about a quarter of the current count (at least one). */
    private static final int STEP_DIVISOR = 4;

    private ClusterBudget() {
    }

    /**
     * The allocation and the errors it was based on.
     *
     * @param complexity    Ω
     * @param clusterCounts k_l per hidden layer
     * @param errors        per hidden layer, E_l at every k evaluated (k → error), in increasing k
     */
    public record Allocation(double complexity, int[] clusterCounts, List<SortedMap<Integer, Double>> errors) {
        public Allocation {
            clusterCounts = clusterCounts.clone();
            errors = errors.stream().map(m -> Collections.unmodifiableSortedMap(new TreeMap<>(m))).toList();
        }

        @Override
        public int[] clusterCounts() {
            return clusterCounts.clone();
        }

        /** {@code Π_l k_l}, exactly. */
        public BigInteger product() {
            BigInteger p = BigInteger.ONE;
            for (int k : clusterCounts) {
                p = p.multiply(BigInteger.valueOf(k));
            }
            return p;
        }
    }

    /**
     * @param hiddenActivations the original network's hidden layers' outputs over the fitting rows,
     *                          {@code [N, n_l]} each, layer 1 first
     * @param clustering        the run's clustering
     * @param complexity        Ω ≥ 1
     * @param seed              the run's seed; layer l clusters with {@link CompressionRequest#layerSeed}
     */
    public static Allocation allocate(List<Matrix> hiddenActivations, ClusteringStrategy clustering, double complexity,
                                      long seed) {
        Objects.requireNonNull(clustering, "clustering");
        if (!(complexity >= 1) || !Double.isFinite(complexity)) {
            throw new IllegalArgumentException("the complexity must be a finite number ≥ 1, got " + complexity);
        }
        int d = hiddenActivations.size();
        List<Layer> layers = new ArrayList<>(d);
        for (int l = 0; l < d; l++) {
            layers.add(new Layer(l + 1, hiddenActivations.get(l), clustering, seed));
        }
        BigDecimal budget = new BigDecimal(complexity);
        int[] k = new int[d];
        java.util.Arrays.fill(k, 1);
        while (true) {
            int best = -1;
            int bestTarget = 0;
            double bestGain = Double.NEGATIVE_INFINITY;
            for (int l = 0; l < d; l++) {
                int target = Math.min(layers.get(l).width(), k[l] + Math.max(1, k[l] / STEP_DIVISOR));
                target = (int) Math.min(target, affordable(budget, k, l));
                if (target <= k[l]) {
                    continue;
                }
                Layer layer = layers.get(l);
                double gain = (layer.relativeError(k[l]) - layer.relativeError(target)) / Math.log((double) target / k[l]);
                if (gain > bestGain) {
                    bestGain = gain;
                    best = l;
                    bestTarget = target;
                }
            }
            if (best < 0) {
                break;
            }
            k[best] = bestTarget;
        }
        return new Allocation(complexity, k, layers.stream().map(Layer::errors).toList());
    }

    /** {@code ⌊Ω / Π_{i≠l} k_i⌋}, capped at {@link Integer#MAX_VALUE}: the largest k_l the budget allows. */
    private static long affordable(BigDecimal budget, int[] k, int l) {
        BigInteger rest = BigInteger.ONE;
        for (int i = 0; i < k.length; i++) {
            if (i != l) {
                rest = rest.multiply(BigInteger.valueOf(k[i]));
            }
        }
        BigInteger most = budget.divide(new BigDecimal(rest), 0, RoundingMode.FLOOR).toBigInteger();
        return most.min(BigInteger.valueOf(Integer.MAX_VALUE)).longValue();
    }

    /**
     * {@code Σ_C Σ_{j∈C} ‖a_j − ā_C‖²} from the centred Gram matrix G of the points:
     * {@code Σ_C (Σ_{j∈C} G_jj − Σ_{i,j∈C} G_ij / |C|)}. Centring moves every point alike and so
     * changes no within-cluster distance.
     */
    static double withinClusterSumOfSquares(Matrix gram, ClusterAssignment partition) {
        double total = 0;
        for (int[] members : partition.membersByCluster()) {
            double diagonal = 0;
            double all = 0;
            for (int i : members) {
                diagonal += gram.get(i, i);
                for (int j : members) {
                    all += gram.get(i, j);
                }
            }
            total += diagonal - all / members.length;
        }
        // Rounding can leave a tiny negative sum for clusters of identical points; the true value is 0.
        return Math.max(0.0, total);
    }

    /** One hidden layer's neurons and the errors computed for it so far. */
    private static final class Layer {
        private final NeuronPoints points;
        private final ClusteringStrategy clustering;
        private final long seed;
        private final Map<Integer, Double> errors = new HashMap<>();

        Layer(int layer, Matrix activations, ClusteringStrategy clustering, long seed) {
            INDArray a = Nd.toNd(activations);
            this.points = new NeuronPoints(layer, activations, Nd.centredGram(a));
            this.clustering = clustering;
            this.seed = CompressionRequest.layerSeed(seed, layer);
        }

        int width() {
            return points.neurons();
        }

        double error(int k) {
            return errors.computeIfAbsent(k, this::compute);
        }

        /** {@code E_l(k) / E_l(1)}: the share of the layer's spread that k clusters leave; 0 for a layer without spread. */
        double relativeError(int k) {
            double total = error(1);
            return total == 0 ? 0.0 : error(k) / total;
        }

        private double compute(int k) {
            int n = points.neurons();
            if (k == n) {
                return 0.0;
            }
            ClusterAssignment partition = k == 1 ? ClusterAssignment.fromLabels(new int[n])
                    : clustering.cluster(points, k, seed);
            return withinClusterSumOfSquares(points.gram(), partition);
        }

        SortedMap<Integer, Double> errors() {
            return new TreeMap<>(errors);
        }
    }
}
