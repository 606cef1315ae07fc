package io.illc.plugins.metric;

import io.illc.api.DetailKey;
import io.illc.api.Matrix;
import io.illc.api.MetricFactory.Scope;
import io.illc.api.MetricInput;
import io.illc.api.MetricResult;
import io.illc.api.Metric;

import java.util.Map;
import java.util.Objects;

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
        return scope == Scope.GLOBAL ? MetricResult.of(weighted, Map.of(SUM.name(), sum)) : MetricResult.of(weighted);
    }
}
