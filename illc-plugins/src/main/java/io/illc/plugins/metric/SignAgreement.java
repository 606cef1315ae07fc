package io.illc.plugins.metric;

import io.illc.api.ClusterAssignment;
import io.illc.api.DetailKey;
import io.illc.api.Metric;
import io.illc.api.MetricInput;
import io.illc.api.MetricResult;
import io.illc.api.MetricSums;
import io.illc.api.Mlp;

import java.io.Serializable;
import java.nio.DoubleBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The share of the compressed network's weights whose sign ({@link Math#signum}: −1, 0 or +1)
 * equals that of the average aggregation (Definition 9) on the same partitions, over every entry
 * of every weight matrix (layers 1..d+1; biases are not counted). It tells how often an
 * aggregation other than {@code average} turns an attack of the SpArX QBAF into a support or the
 * other way round; for the average aggregation itself it is exactly 1.
 *
 * <p>The reference network depends on the original network and the partitions only: hidden layer
 * l's weights are the means over each cluster C of P_l of the rows of W_l, after W_l's columns
 * are summed over the clusters of P_{l−1} (for l = 1 the columns are the inputs); the output
 * layer's weights are W_{d+1} with its columns summed over P_d. The sums and means run in the
 * order the average aggregation uses, so its own network agrees bit for bit, including exact
 * zeros.
 *
 * <p>Details: {@code perLayer} holds the share per layer 1..d+1 (a layer without weights agrees
 * vacuously: 1), {@code flipped} the number of positions whose sign differs. The rows and their
 * weights are not used. Stateless and thread-safe.
 */
final class SignAgreement implements Metric, Serializable {
    private static final long serialVersionUID = 1L;
    /** The number of weight positions whose sign differs from the average aggregation's. */
    static final DetailKey FLIPPED = new DetailKey("flipped", DetailKey.Shape.NUMBER);

    static final SignAgreement INSTANCE = new SignAgreement();

    private SignAgreement() {
    }

    private Object readResolve() {
        return INSTANCE;
    }

    /** The metric reads the networks alone: no pass over the rows. */
    @Override
    public Optional<MetricSums<?>> sums(Mlp original, Mlp compressed, List<ClusterAssignment> clusters) {
        return Optional.of(new NetworksOnly(this, original, compressed, clusters));
    }

    @Override
    public MetricResult evaluate(MetricInput in) {
        Shapes.requireSameOutputs(in);
        Shapes.requireOneNeuronPerCluster(in);
        int d = in.hiddenLayerCount();
        double[][] reference = averageWeights(in.original(), in.clusters());
        double[] perLayer = new double[d + 1];
        long agreed = 0;
        long total = 0;
        int flipped = 0;
        for (int l = 0; l <= d; l++) {
            double[] compressed = in.compressed().layers().get(l).weights().toRowMajor();
            if (compressed.length != reference[l].length) {
                throw new IllegalArgumentException("layer " + (l + 1) + " of the compressed network has "
                        + compressed.length + " weights, the average aggregation on the same partitions "
                        + reference[l].length);
            }
            int same = 0;
            for (int i = 0; i < compressed.length; i++) {
                if (Math.signum(compressed[i]) == Math.signum(reference[l][i])) {
                    same++;
                }
            }
            perLayer[l] = compressed.length == 0 ? 1.0 : (double) same / compressed.length;
            agreed += same;
            total += compressed.length;
            flipped += compressed.length - same;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(DetailKey.PER_LAYER.name(), perLayer);
        details.put(FLIPPED.name(), flipped);
        return MetricResult.of(total == 0 ? 1.0 : (double) agreed / total, details);
    }

    /**
     * The average aggregation's weights on the given partitions, row-major per layer
     * (index l = layer l+1): {@code [K_l, K_{l−1}]} for hidden layers, {@code [n_out, K_d]} last.
     */
    static double[][] averageWeights(Mlp original, List<ClusterAssignment> clusters) {
        int d = original.hiddenLayerCount();
        double[][] out = new double[d + 1][];
        double[] halfMerged = original.layer(1).weights().toRowMajor();
        int in = original.inputCount();
        for (int l = 1; l <= d; l++) {
            ClusterAssignment p = clusters.get(l - 1);
            out[l - 1] = clusterMeansOfRows(halfMerged, in, p);
            halfMerged = columnSums(original.layer(l + 1).weights().readOnlyValues(), original.layer(l + 1).outputs(), p);
            in = p.clusterCount();
        }
        out[d] = halfMerged;
        return out;
    }

    /** {@code [K, in]}: the mean of the rows of {@code w} ({@code [n, in]}) over each cluster, summed in row order. */
    private static double[] clusterMeansOfRows(double[] w, int in, ClusterAssignment p) {
        int k = p.clusterCount();
        int[] sizes = p.sizes();
        double[] means = new double[k * in];
        for (int j = 0; j < p.neurons(); j++) {
            addRow(means, p.label(j) * in, w, j * in, in);
        }
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < in; i++) {
                means[c * in + i] /= sizes[c];
            }
        }
        return means;
    }

    // The loops over a layer's rows call these once per row: the JIT compiles them early and
    // cheaply, where the loops inline in their callers each made a large on-stack replacement.

    /** {@code into[at..at+length) += values[from..from+length)}. */
    private static void addRow(double[] into, int at, double[] values, int from, int length) {
        for (int i = 0; i < length; i++) {
            into[at + i] += values[from + i];
        }
    }

    /**
     * {@code [out, K]}: the columns of {@code w} ({@code [out, n]}, read in place) summed over each
     * cluster, in column order.
     */
    private static double[] columnSums(DoubleBuffer w, int out, ClusterAssignment p) {
        int n = p.neurons();
        int k = p.clusterCount();
        double[] sums = new double[out * k];
        int[] labels = p.labels();
        for (int t = 0; t < out; t++) {
            addColumns(sums, t * k, w, t * n, labels);
        }
        return sums;
    }

    /**
     * Adds one row of {@code w}, its values from {@code from} on (one per neuron), to
     * {@code sums[at..at+K)}: each value to its neuron's cluster, in column order.
     */
    private static void addColumns(double[] sums, int at, DoubleBuffer w, int from, int[] labels) {
        for (int i = 0; i < labels.length; i++) {
            sums[at + labels[i]] += w.get(from + i);
        }
    }
}
