package io.illc.plugins.metric;

import io.illc.api.ClusterAssignment;
import io.illc.api.DetailKey;
import io.illc.api.Matrix;
import io.illc.api.Metric;
import io.illc.api.MetricInput;
import io.illc.api.MetricResult;
import io.illc.api.MetricSums;
import io.illc.api.Mlp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Dead neurons: a hidden neuron is dead when its output is ≤ 0 on every one of the N rows (row
 * weights play no part). The value is the share of the original's hidden neurons that are dead,
 * pooled over all hidden layers (dead count / Σ n_l; 0 for a network without hidden neurons).
 * {@code details.perLayer} is the share per hidden layer of the original, and
 * {@code details.perLayerCompressed} the same for the compressed network's cluster-neurons.
 * Stateless and thread-safe.
 */
final class DeadNeurons implements Metric {
    static final DeadNeurons INSTANCE = new DeadNeurons();

    private DeadNeurons() {
    }

    @Override
    public MetricResult evaluate(MetricInput in) {
        return Sums.INSTANCE.result(Sums.INSTANCE.add(Sums.INSTANCE.zero(), in));
    }

    /** A neuron is alive when some row has it positive: an "or" over rows, which folds like a sum. */
    @Override
    public Optional<MetricSums<?>> sums(Mlp original, Mlp compressed, List<ClusterAssignment> clusters) {
        return Optional.of(Sums.INSTANCE);
    }

    /**
     * Per hidden layer l (index l-1), which neurons of the original network were positive on some row,
     * then (index d+l-1) which cluster-neurons of the compressed one; empty before any row.
     */
    private enum Sums implements MetricSums<boolean[][]> {
        INSTANCE;

        @Override
        public boolean[][] zero() {
            return new boolean[0][];
        }

        @Override
        public boolean[][] add(boolean[][] alive, MetricInput in) {
            int d = in.hiddenLayerCount();
            boolean[][] part = new boolean[2 * d][];
            for (int l = 0; l < d; l++) {
                part[l] = alive(in.originalActivations().get(l));
                part[d + l] = alive(in.compressedActivations().get(l));
            }
            return combine(alive, part);
        }

        @Override
        public boolean[][] combine(boolean[][] left, boolean[][] right) {
            if (left.length == 0) {
                return right;
            }
            for (int l = 0; l < right.length; l++) {
                for (int j = 0; j < right[l].length; j++) {
                    left[l][j] |= right[l][j];
                }
            }
            return left;
        }

        @Override
        public MetricResult result(boolean[][] alive) {
            int d = alive.length / 2;
            double[] perLayer = new double[d];
            double[] perLayerCompressed = new double[d];
            int dead = 0;
            int neurons = 0;
            for (int l = 0; l < d; l++) {
                int deadHere = deadCount(alive[l]);
                dead += deadHere;
                neurons += alive[l].length;
                perLayer[l] = (double) deadHere / alive[l].length;
                perLayerCompressed[l] = (double) deadCount(alive[d + l]) / alive[d + l].length;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put(DetailKey.PER_LAYER.name(), perLayer);
            details.put(DetailKey.PER_LAYER_COMPRESSED.name(), perLayerCompressed);
            return MetricResult.of(neurons == 0 ? 0.0 : (double) dead / neurons, details);
        }
    }

    private static int deadCount(boolean[] alive) {
        int dead = 0;
        for (boolean a : alive) {
            if (!a) {
                dead++;
            }
        }
        return dead;
    }

    /**
     * Which columns of {@code activations} ({@code [N, n]}) have a positive value. Each column is
     * read only until its first positive value, which for a live neuron is usually among the first
     * rows; only dead columns are read in full.
     */
    private static boolean[] alive(Matrix activations) {
        int rows = activations.rows();
        boolean[] alive = new boolean[activations.cols()];
        for (int j = 0; j < alive.length; j++) {
            int r = 0;
            while (r < rows && !(activations.get(r, j) > 0)) {
                r++;
            }
            alive[j] = r < rows;
        }
        return alive;
    }
}
