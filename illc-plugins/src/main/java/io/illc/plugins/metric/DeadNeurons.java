package io.illc.plugins.metric;

import io.illc.api.DetailKey;
import io.illc.api.Matrix;
import io.illc.api.Metric;
import io.illc.api.MetricInput;
import io.illc.api.MetricResult;

import java.util.LinkedHashMap;
import java.util.Map;

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
        int d = in.hiddenLayerCount();
        double[] perLayer = new double[d];
        double[] perLayerCompressed = new double[d];
        int dead = 0;
        int neurons = 0;
        for (int l = 0; l < d; l++) {
            Matrix original = in.originalActivations().get(l);
            int deadHere = deadCount(original);
            dead += deadHere;
            neurons += original.cols();
            perLayer[l] = (double) deadHere / original.cols();
            Matrix compressed = in.compressedActivations().get(l);
            perLayerCompressed[l] = (double) deadCount(compressed) / compressed.cols();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(DetailKey.PER_LAYER.name(), perLayer);
        details.put(DetailKey.PER_LAYER_COMPRESSED.name(), perLayerCompressed);
        return MetricResult.of(neurons == 0 ? 0.0 : (double) dead / neurons, details);
    }

    /**
     * The number of columns of {@code activations} ({@code [N, n]}) with no positive value. Each
     * column is read only until its first positive value, which for a live neuron is usually among
     * the first rows; only dead columns are read in full.
     */
    private static int deadCount(Matrix activations) {
        int rows = activations.rows();
        int dead = 0;
        for (int j = 0; j < activations.cols(); j++) {
            int r = 0;
            while (r < rows && !(activations.get(r, j) > 0)) {
                r++;
            }
            if (r == rows) {
                dead++;
            }
        }
        return dead;
    }
}
