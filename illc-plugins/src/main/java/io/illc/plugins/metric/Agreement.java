package io.illc.plugins.metric;

import io.illc.api.ClusterAssignment;
import io.illc.api.Metric;
import io.illc.api.MetricInput;
import io.illc.api.MetricResult;
import io.illc.api.MetricSums;
import io.illc.api.Mlp;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

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
        return Sums.INSTANCE.result(Sums.INSTANCE.add(Sums.INSTANCE.zero(), in));
    }

    /** Agreement is a weighted count over rows. */
    @Override
    public Optional<MetricSums<?>> sums(Mlp original, Mlp compressed, List<ClusterAssignment> clusters) {
        return Optional.of(Sums.INSTANCE);
    }

    /** The weight and the number of agreeing rows, the number of rows, and whether every weight is the same. */
    static final class Counts implements Serializable {
        private static final long serialVersionUID = 1L;
        double agreed;
        long agreeing;
        long rows;
        /** The first row's weight; NaN before any row. */
        double weight = Double.NaN;
        boolean equalWeights = true;
    }

    private enum Sums implements MetricSums<Counts> {
        INSTANCE;

        @Override
        public Counts zero() {
            return new Counts();
        }

        @Override
        public Counts add(Counts counts, MetricInput in) {
            Shapes.requireSameOutputs(in);
            int d = in.hiddenLayerCount();
            int outputs = in.original().outputCount();
            double[] original = in.originalActivations().get(d).toRowMajor();
            double[] compressed = in.compressedActivations().get(d).toRowMajor();
            double[] w = in.rowWeights().toArray();
            for (int x = 0; x < w.length; x++) {
                if (predictedClass(original, x * outputs, outputs) == predictedClass(compressed, x * outputs, outputs)) {
                    counts.agreed += w[x];
                    counts.agreeing++;
                }
                note(counts, w[x]);
            }
            counts.rows += w.length;
            return counts;
        }

        private static void note(Counts counts, double weight) {
            if (Double.isNaN(counts.weight)) {
                counts.weight = weight;
            } else if (weight != counts.weight) {
                counts.equalWeights = false;
            }
        }

        @Override
        public Counts combine(Counts left, Counts right) {
            left.agreed += right.agreed;
            left.agreeing += right.agreeing;
            left.rows += right.rows;
            left.equalWeights &= right.equalWeights;
            if (!Double.isNaN(right.weight)) {
                note(left, right.weight);
            }
            return left;
        }

        @Override
        public MetricResult result(Counts counts) {
            // With equal weights (every global metric) the share is a count over N: return it exactly,
            // not as a sum of N rounded 1/N's (which gives 0.9999999999999938 for 569 of 569 rows).
            return MetricResult.of(counts.equalWeights && counts.rows > 0 ? (double) counts.agreeing / counts.rows
                    : counts.agreed);
        }
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
