package io.illc.plugins.metric;

import io.illc.api.ClusterAssignment;
import io.illc.api.DetailKey;
import io.illc.api.Metric;
import io.illc.api.MetricFactory.Scope;
import io.illc.api.MetricInput;
import io.illc.api.MetricResult;
import io.illc.api.MetricSums;
import io.illc.api.Mlp;
import io.illc.api.Vector;

import java.io.Serializable;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Structural unfaithfulness: how far each cluster-neuron's output is from the mean output of the
 * neurons it replaces, over every hidden layer and the output layer,
 * <pre>  Σ_x w_x [ Σ_{l=1..d} Σ_{C∈P_l} D(mean_{j∈C} O^M_x(j), O^μ_x(C)) + Σ_o D(O^M_x(o), O^μ_x(o)) ]
 *   / (Σ_l K_l + n_out)</pre>
 * with D from {@link Norm} and w the row weights (1/N globally, which gives the paper's division
 * by {@code (Σ_l K_l + n_out) · N}; π̂ locally). The output layer is compared neuron by neuron,
 * i.e. as a layer whose partition has one neuron per cluster.
 *
 * <p>Details: globally, {@code perLayer} holds d+1 numbers, each layer's own weighted sum divided
 * by its K_l (n_out for the output layer, last). Locally, {@code atInstance} is the formula on the
 * explained row alone (weight 1 on it), left out when there is no such row. Immutable and
 * thread-safe.
 */
final class StructuralUnfaithfulness implements Metric, Serializable {
    private static final long serialVersionUID = 1L;

    private final Norm norm;
    private final Scope scope;

    StructuralUnfaithfulness(Norm norm, Scope scope) {
        this.norm = Objects.requireNonNull(norm, "norm");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    @Override
    public MetricResult evaluate(MetricInput in) {
        double[][] perRow = unweightedRowSums(in);
        double[] layerSums = weightedLayerSums(perRow, in.rowWeights());
        int[] widths = widths(in.original(), in.clusters());
        if (scope == Scope.GLOBAL) {
            return globalResult(layerSums, widths);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        if (in.instance() >= 0) {
            double atInstance = 0;
            for (int l = 0; l < perRow.length; l++) {
                atInstance += perRow[l][in.instance()];
            }
            details.put(DetailKey.AT_INSTANCE.name(), atInstance / sum(widths));
        }
        return MetricResult.of(total(layerSums) / sum(widths), details);
    }

    /** The global metric is a sum over rows per layer. */
    @Override
    public Optional<MetricSums<?>> sums(Mlp original, Mlp compressed, List<ClusterAssignment> clusters) {
        return scope == Scope.GLOBAL ? Optional.of(new Sums(this, widths(original, clusters))) : Optional.empty();
    }

    /** {@code Σ_x w_x S_l(x)} per layer, {@code [d+1]}. */
    private static final class Sums implements MetricSums<double[]> {
        private static final long serialVersionUID = 1L;
        private final StructuralUnfaithfulness metric;
        private final int[] widths;

        Sums(StructuralUnfaithfulness metric, int[] widths) {
            this.metric = metric;
            this.widths = widths;
        }

        @Override
        public double[] zero() {
            return new double[widths.length];
        }

        @Override
        public double[] add(double[] sums, MetricInput rows) {
            double[] part = weightedLayerSums(metric.unweightedRowSums(rows), rows.rowWeights());
            for (int l = 0; l < sums.length; l++) {
                sums[l] += part[l];
            }
            return sums;
        }

        @Override
        public double[] combine(double[] left, double[] right) {
            for (int l = 0; l < left.length; l++) {
                left[l] += right[l];
            }
            return left;
        }

        @Override
        public MetricResult result(double[] sums) {
            return globalResult(sums, widths);
        }
    }

    /** K_1..K_d and n_out. */
    private static int[] widths(Mlp original, List<ClusterAssignment> clusters) {
        int d = original.hiddenLayerCount();
        int[] widths = new int[d + 1];
        for (int l = 0; l <= d; l++) {
            widths[l] = l < d ? clusters.get(l).clusterCount() : original.outputCount();
        }
        return widths;
    }

    private static MetricResult globalResult(double[] layerSums, int[] widths) {
        double[] perLayer = new double[widths.length];
        for (int l = 0; l < widths.length; l++) {
            perLayer[l] = layerSums[l] / widths[l];
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(DetailKey.PER_LAYER.name(), perLayer);
        return MetricResult.of(total(layerSums) / sum(widths), details);
    }

    private static double total(double[] layerSums) {
        double total = 0;
        for (double v : layerSums) {
            total += v;
        }
        return total;
    }

    private static int sum(int[] widths) {
        int total = 0;
        for (int w : widths) {
            total += w;
        }
        return total;
    }

    /** {@code Σ_x w_x S_l(x)} for every layer, {@code [d+1]}. */
    private static double[] weightedLayerSums(double[][] perRow, Vector rowWeights) {
        double[] w = rowWeights.toArray();
        double[] layerSums = new double[perRow.length];
        for (int l = 0; l < perRow.length; l++) {
            for (int x = 0; x < w.length; x++) {
                layerSums[l] += w[x] * perRow[l][x];
            }
        }
        return layerSums;
    }

    /**
     * {@code S_l(x) = Σ_{C} D(mean_{j∈C} O^M_x(j), O^μ_x(C))} for every layer l (index 0 = layer 1,
     * index d = the output layer) and row x: {@code [d+1][N]}.
     */
    private double[][] unweightedRowSums(MetricInput in) {
        Shapes.requireSameOutputs(in);
        Shapes.requireOneNeuronPerCluster(in);
        int d = in.hiddenLayerCount();
        int rows = in.rows();
        double[][] out = new double[d + 1][rows];
        for (int l = 0; l <= d; l++) {
            ClusterAssignment p = l < d ? in.clusters().get(l) : ClusterAssignment.identity(in.original().outputCount());
            int n = p.neurons();
            int k = p.clusterCount();
            int[] labels = p.labels();
            int[] sizes = p.sizes();
            // Read in place, the original layer row by row into the same array: one row stays in
            // cache, a copy of the whole [N, n] would not.
            DoubleBuffer originalLayer = in.originalActivations().get(l).readOnlyValues();
            DoubleBuffer compressed = in.compressedActivations().get(l).readOnlyValues();
            double[] original = new double[n];
            double[] means = new double[k];
            for (int x = 0; x < rows; x++) {
                originalLayer.get(x * n, original);
                out[l][x] = rowDistance(original, labels, sizes, means, compressed, x * k);
            }
        }
        return out;
    }

    /**
     * S_l at one row: Σ_c of the distance between the mean of cluster c's original neurons and its
     * cluster-neuron ({@code compressed} from {@code at}). {@code means}: room for the K means. A
     * method of its own, called once per row, so that the JIT compiles it early and cheaply.
     */
    private double rowDistance(double[] original, int[] labels, int[] sizes, double[] means, DoubleBuffer compressed,
                               int at) {
        Arrays.fill(means, 0.0);
        for (int j = 0; j < original.length; j++) {
            means[labels[j]] += original[j];
        }
        double s = 0;
        for (int c = 0; c < means.length; c++) {
            s += norm.distance(means[c] / sizes[c], compressed.get(at + c));
        }
        return s;
    }
}
