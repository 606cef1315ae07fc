package io.illc.plugins.aggregation;

import io.illc.api.AggregationFunction;
import io.illc.api.DenseLayer;
import io.illc.api.OutgoingMerge;

import java.util.Locale;
import java.util.Objects;

/**
 * Definition 10: the outgoing weight from cluster C of layer l to neuron t of layer l+1 is
 * <pre>  W̃[t, C] = Σ_{x'} π̂(x') Σ_{i∈C} (O^M_{x'}(i) / h_{x'}(C)) · W_{l+1}[t, i]
 *            = Σ_{i∈C} c_i · W_{l+1}[t, i],   c_i = Σ_{x'} π̂(x') O^M_{x'}(i) / h_{x'}(C(i))</pre>
 * where O^M is layer l's output in the original network, h the cluster-neurons' output in the
 * partially compressed network and π̂ the row weights of the local neighbourhood. Each member's
 * weight is scaled by how much of the cluster-neuron's output it accounts for, near the explained
 * instance. Incoming weights and biases are the cluster means (the interface default); bias and
 * activation of layer l+1 are kept. Immutable and thread-safe.
 */
final class LocalAggregation implements AggregationFunction {

    /**
     * What to do with a row where a cluster-neuron's output h_{x'}(C) is exactly 0, so the ratio
     * O^M_{x'}(i) / h_{x'}(C) is undefined (a ReLU cluster-neuron that is off on that row).
     */
    enum ZeroActivation {
        /** Divide by 1 instead of 0, as the reference implementation does: the term becomes π̂(x') O^M_{x'}(i). */
        ONE,
        /** Drop the row's term for that cluster (the remaining rows' weights are not renormalised). */
        SKIP;

        /** The spec value: {@code one} or {@code skip}. */
        String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static ZeroActivation fromJsonName(String name) {
            for (ZeroActivation z : values()) {
                if (z.jsonName().equals(name)) {
                    return z;
                }
            }
            throw new IllegalArgumentException("zeroActivation must be 'one' or 'skip', got '" + name + "'");
        }
    }

    private final ZeroActivation zeroActivation;

    LocalAggregation(ZeroActivation zeroActivation) {
        this.zeroActivation = Objects.requireNonNull(zeroActivation, "zeroActivation");
    }

    @Override
    public DenseLayer mergeOutgoing(OutgoingMerge merge) {
        return ColumnMerge.weightedColumnSums(merge.next(), merge.clusters(), coefficients(merge));
    }

    /** {@code c_i} for every neuron i of layer l, {@code [n_l]}. */
    double[] coefficients(OutgoingMerge merge) {
        int rows = merge.rowWeights().size();
        int n = merge.clusters().neurons();
        int k = merge.clusters().clusterCount();
        int[] labels = merge.clusters().labels();
        double[] pi = merge.rowWeights().toArray();
        double[] original = merge.originalActivations().toRowMajor();
        double[] compressed = merge.compressedActivations().toRowMajor();
        double[] c = new double[n];
        for (int x = 0; x < rows; x++) {
            if (pi[x] == 0) {
                continue; // contributes nothing; local neighbourhoods are often mostly zero weight
            }
            for (int i = 0; i < n; i++) {
                double h = compressed[x * k + labels[i]];
                if (h == 0) {
                    if (zeroActivation == ZeroActivation.SKIP) {
                        continue;
                    }
                    h = 1.0;
                }
                c[i] += pi[x] * original[x * n + i] / h;
            }
        }
        return c;
    }

    ZeroActivation zeroActivation() {
        return zeroActivation;
    }
}
