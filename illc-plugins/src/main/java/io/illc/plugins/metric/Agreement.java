package io.illc.plugins.metric;

import io.illc.api.Metric;
import io.illc.api.MetricInput;
import io.illc.api.MetricResult;

/**
 * The share of rows, weighted by the row weights (a plain share globally), on which both networks
 * predict the same class. With several outputs the class is the argmax (the first maximum on
 * ties). With a single output (a sigmoid probability) the class is 1 when the output is ≥ 0.5 and
 * 0 otherwise, so an output of exactly 0.5 counts as class 1. Stateless and thread-safe.
 */
final class Agreement implements Metric {
    static final Agreement INSTANCE = new Agreement();

    /** The single-output decision threshold: class 1 iff p ≥ 0.5. */
    static final double THRESHOLD = 0.5;

    private Agreement() {
    }

    @Override
    public MetricResult evaluate(MetricInput in) {
        Shapes.requireSameOutputs(in);
        int d = in.hiddenLayerCount();
        int outputs = in.original().outputCount();
        double[] original = in.originalActivations().get(d).toRowMajor();
        double[] compressed = in.compressedActivations().get(d).toRowMajor();
        double[] w = in.rowWeights().toArray();
        double agreed = 0;
        int agreeing = 0;
        for (int x = 0; x < w.length; x++) {
            if (predictedClass(original, x * outputs, outputs) == predictedClass(compressed, x * outputs, outputs)) {
                agreed += w[x];
                agreeing++;
            }
        }
        // With equal weights (every global metric) the share is a count over N: return it exactly,
        // not as a sum of N rounded 1/N's (which gives 0.9999999999999938 for 569 of 569 rows).
        return MetricResult.of(equal(w) ? (double) agreeing / w.length : agreed);
    }

    private static boolean equal(double[] w) {
        for (double v : w) {
            if (v != w[0]) {
                return false;
            }
        }
        return true;
    }

    /** The class predicted from {@code values[offset .. offset + outputs)}. */
    static int predictedClass(double[] values, int offset, int outputs) {
        if (outputs == 1) {
            return values[offset] >= THRESHOLD ? 1 : 0;
        }
        int best = 0;
        for (int o = 1; o < outputs; o++) {
            if (values[offset + o] > values[offset + best]) {
                best = o;
            }
        }
        return best;
    }
}
