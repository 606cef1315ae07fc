package io.illc.plugins.render;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Which of a group of edges a picture keeps: the strongest by a magnitude per edge (an
 * {@link EdgeStrength}). Thinning changes the picture only, never the QBAF. Selections are index
 * lists in ascending order, so they keep the QBAF's edge order.
 */
sealed interface EdgeSelection permits EdgeSelection.Quantile, EdgeSelection.TopK {

    /**
     * The kept edges of a group, as ascending indices into {@code magnitude}.
     *
     * @param magnitude one value ≥ 0 per edge of the group, in edge order
     */
    int[] select(double[] magnitude);

    /**
     * One phrase for a comment in the output, e.g. {@code s >= 0.74 (the 0.8 quantile of s)}.
     *
     * @param measure the magnitude's name, e.g. {@code s}
     */
    String describe(double[] magnitude, String measure);

    /**
     * Every edge with magnitude {@code >= } the {@code q}-quantile of the magnitudes of the group.
     *
     * @param q in [0, 1]: 0 keeps every edge, 1 only the edges of the largest magnitude
     */
    record Quantile(double q) implements EdgeSelection {
        public Quantile {
            if (!(q >= 0 && q <= 1)) {
                throw new IllegalArgumentException("edgeQuantile is " + q + " but must lie in [0, 1]");
            }
        }

        @Override
        public int[] select(double[] magnitude) {
            if (magnitude.length == 0) {
                return new int[0];
            }
            double threshold = threshold(magnitude);
            return IntStream.range(0, magnitude.length).filter(i -> magnitude[i] >= threshold).toArray();
        }

        @Override
        public String describe(double[] magnitude, String measure) {
            return magnitude.length == 0 ? "no edges"
                    : measure + " >= " + DotRenderer.exact(threshold(magnitude)) + " (the " + DotRenderer.exact(q)
                    + " quantile of " + measure + ")";
        }

        private double threshold(double[] magnitude) {
            return quantile(Arrays.stream(magnitude).sorted().toArray(), q);
        }
    }

    /**
     * The {@code k} edges of largest magnitude (all of them when there are fewer); among equal
     * magnitudes the earlier edge wins.
     */
    record TopK(int k) implements EdgeSelection {
        public TopK {
            if (k < 1) {
                throw new IllegalArgumentException("topK is " + k + " but must be at least 1");
            }
        }

        @Override
        public int[] select(double[] magnitude) {
            // Stable sort by decreasing magnitude keeps ties in edge order, so the choice is deterministic.
            return IntStream.range(0, magnitude.length).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -magnitude[i]))
                    .limit(k).mapToInt(Integer::intValue).sorted().toArray();
        }

        @Override
        public String describe(double[] magnitude, String measure) {
            return "the " + k + " edges of largest " + measure;
        }
    }

    /**
     * The {@code q}-quantile of sorted values with linear interpolation (numpy's default, "type 7"):
     * the value at position {@code p = q·(n−1)} of the ascending list, interpolated between
     * {@code sorted[floor(p)]} and {@code sorted[ceil(p)]}.
     *
     * @param sorted ascending, at least one value
     * @param q      in [0, 1]
     */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("the quantile of no values is undefined");
        }
        double position = q * (sorted.length - 1);
        int lo = (int) Math.floor(position);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double fraction = position - lo;
        if (fraction == 0) {
            return sorted[lo];
        }
        // a + f·(b − a) can round one ulp past b; the quantile lies in [a, b], and a threshold above b
        // would wrongly hide the edges of weight b.
        return Math.min(sorted[lo] + fraction * (sorted[hi] - sorted[lo]), sorted[hi]);
    }
}
