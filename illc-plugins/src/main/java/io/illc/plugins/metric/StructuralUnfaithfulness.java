package io.illc.plugins.metric;

import io.illc.api.ClusterAssignment;
import io.illc.api.DetailKey;
import io.illc.api.Matrix;
import io.illc.api.Metric;
import io.illc.api.MetricFactory.Scope;
import io.illc.api.MetricInput;
import io.illc.api.MetricResult;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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
final class StructuralUnfaithfulness implements Metric {
    private final Norm norm;
    private final Scope scope;

    StructuralUnfaithfulness(Norm norm, Scope scope) {
        this.norm = Objects.requireNonNull(norm, "norm");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    @Override
    public MetricResult evaluate(MetricInput in) {
        Shapes.requireSameOutputs(in);
        Shapes.requireOneNeuronPerCluster(in);
        int d = in.hiddenLayerCount();
        double[][] perRow = unweightedRowSums(in);
        double[] w = in.rowWeights().toArray();
        int[] widths = new int[d + 1];
        double[] layerSums = new double[d + 1];
        int totalWidth = 0;
        double total = 0;
        for (int l = 0; l <= d; l++) {
            widths[l] = l < d ? in.clusters().get(l).clusterCount() : in.original().outputCount();
            for (int x = 0; x < w.length; x++) {
                layerSums[l] += w[x] * perRow[l][x];
            }
            totalWidth += widths[l];
            total += layerSums[l];
        }
        Map<String, Object> details = new LinkedHashMap<>();
        if (scope == Scope.GLOBAL) {
            double[] perLayer = new double[d + 1];
            for (int l = 0; l <= d; l++) {
                perLayer[l] = layerSums[l] / widths[l];
            }
            details.put(DetailKey.PER_LAYER.name(), perLayer);
        } else if (in.instance() >= 0) {
            double atInstance = 0;
            for (int l = 0; l <= d; l++) {
                atInstance += perRow[l][in.instance()];
            }
            details.put(DetailKey.AT_INSTANCE.name(), atInstance / totalWidth);
        }
        return MetricResult.of(total / totalWidth, details);
    }

    /**
     * {@code S_l(x) = Σ_{C} D(mean_{j∈C} O^M_x(j), O^μ_x(C))} for every layer l (index 0 = layer 1,
     * index d = the output layer) and row x: {@code [d+1][N]}.
     */
    private double[][] unweightedRowSums(MetricInput in) {
        int d = in.hiddenLayerCount();
        int rows = in.rows();
        double[][] out = new double[d + 1][rows];
        for (int l = 0; l <= d; l++) {
            ClusterAssignment p = l < d ? in.clusters().get(l) : ClusterAssignment.identity(in.original().outputCount());
            int n = p.neurons();
            int k = p.clusterCount();
            int[] labels = p.labels();
            int[] sizes = p.sizes();
            Matrix originalLayer = in.originalActivations().get(l);
            double[] compressed = in.compressedActivations().get(l).toRowMajor();
            double[] means = new double[k];
            for (int x = 0; x < rows; x++) {
                // Row by row: a copy of one row stays in cache, a copy of the whole [N, n] would not.
                double[] original = originalLayer.row(x);
                Arrays.fill(means, 0.0);
                for (int j = 0; j < n; j++) {
                    means[labels[j]] += original[j];
                }
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += norm.distance(means[c] / sizes[c], compressed[x * k + c]);
                }
                out[l][x] = s;
            }
        }
        return out;
    }
}
