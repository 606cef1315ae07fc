package io.illc.plugins.metric;

import io.illc.api.ClusterAssignment;
import io.illc.api.DetailKey;
import io.illc.api.Matrix;
import io.illc.api.Metric;
import io.illc.api.MetricFactory.Scope;
import io.illc.api.MetricInput;
import io.illc.api.MetricResult;
import io.illc.api.MetricSums;
import io.illc.api.Mlp;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Input-output unfaithfulness (Definition 6): the squared difference of the two networks'
 * post-activation outputs, {@code Σ_x w_x Σ_o (O^M_x(o) − O^μ_x(o))²} with w the row weights
 * (1/N globally, π̂ locally). The global variant also reports {@code details.sum}, the unweighted
 * {@code Σ_x Σ_o (O^M_x(o) − O^μ_x(o))²} of Definition 6 taken literally. Immutable and thread-safe.
 */
final class IoUnfaithfulness implements Metric {
    /** The unweighted sum of Definition 6, global only. */
    static final DetailKey SUM = new DetailKey("sum", DetailKey.Shape.NUMBER);

    private final Scope scope;

    IoUnfaithfulness(Scope scope) {
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    @Override
    public MetricResult evaluate(MetricInput in) {
        double[] sums = Sums.INSTANCE.add(Sums.INSTANCE.zero(), in);
        return scope == Scope.GLOBAL ? Sums.INSTANCE.result(sums) : MetricResult.of(sums[0]);
    }

    /** The global metric is a sum over rows. */
    @Override
    public Optional<MetricSums<?>> sums(Mlp original, Mlp compressed, List<ClusterAssignment> clusters) {
        return scope == Scope.GLOBAL ? Optional.of(Sums.INSTANCE) : Optional.empty();
    }

    /** {@code [Σ_x w_x row_x, Σ_x row_x]} with {@code row_x = Σ_o (O^M_x(o) − O^μ_x(o))²}. */
    private enum Sums implements MetricSums<double[]> {
        INSTANCE;

        @Override
        public double[] zero() {
            return new double[2];
        }

        @Override
        public double[] add(double[] sums, MetricInput in) {
            double[] part = rowSums(in);
            sums[0] += part[0];
            sums[1] += part[1];
            return sums;
        }

        @Override
        public double[] combine(double[] left, double[] right) {
            left[0] += right[0];
            left[1] += right[1];
            return left;
        }

        @Override
        public MetricResult result(double[] sums) {
            return MetricResult.of(sums[0], Map.of(SUM.name(), sums[1]));
        }
    }

    private static double[] rowSums(MetricInput in) {
        Shapes.requireSameOutputs(in);
        int d = in.hiddenLayerCount();
        Matrix originalOut = in.originalActivations().get(d);
        double[] original = originalOut.toRowMajor();
        double[] compressed = in.compressedActivations().get(d).toRowMajor();
        double[] w = in.rowWeights().toArray();
        int outputs = originalOut.cols();
        double weighted = 0;
        double sum = 0;
        for (int x = 0; x < w.length; x++) {
            double row = 0;
            for (int o = x * outputs; o < (x + 1) * outputs; o++) {
                double diff = original[o] - compressed[o];
                row += diff * diff;
            }
            weighted += w[x] * row;
            sum += row;
        }
        return new double[]{weighted, sum};
    }
}
