package io.illc.plugins.render;

import io.illc.api.Edge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Which edges a picture draws: the strongest ones by |weight|. Thinning changes the picture only,
 * never the QBAF. Selections keep the QBAF's edge order.
 */
sealed interface EdgeSelection permits EdgeSelection.Quantile, EdgeSelection.TopK {

    /** The drawn edges, a sub-list of {@code edges} in the same order. */
    List<Edge> select(List<Edge> edges);

    /** One line for a comment in the output, e.g. {@code |weight| >= 0.74 (the 0.8 quantile of |weight|)}. */
    String describe(List<Edge> edges);

    /**
     * Every edge with {@code |weight| >= } the {@code q}-quantile of |weight| over all edges.
     *
     * @param q in [0, 1]: 0 draws every edge, 1 only the edges of the largest |weight|
     */
    record Quantile(double q) implements EdgeSelection {
        public Quantile {
            if (!(q >= 0 && q <= 1)) {
                throw new IllegalArgumentException("edgeQuantile is " + q + " but must lie in [0, 1]");
            }
        }

        @Override
        public List<Edge> select(List<Edge> edges) {
            if (edges.isEmpty()) {
                return List.of();
            }
            double threshold = threshold(edges);
            return edges.stream().filter(e -> Math.abs(e.weight()) >= threshold).toList();
        }

        @Override
        public String describe(List<Edge> edges) {
            return edges.isEmpty() ? "no edges"
                    : "|weight| >= " + DotRenderer.exact(threshold(edges)) + " (the " + DotRenderer.exact(q)
                    + " quantile of |weight|)";
        }

        private double threshold(List<Edge> edges) {
            double[] magnitudes = edges.stream().mapToDouble(e -> Math.abs(e.weight())).sorted().toArray();
            return quantile(magnitudes, q);
        }
    }

    /**
     * The {@code k} edges of largest |weight| (all of them when there are fewer); among equal
     * |weight| the earlier edge wins.
     */
    record TopK(int k) implements EdgeSelection {
        public TopK {
            if (k < 1) {
                throw new IllegalArgumentException("topK is " + k + " but must be at least 1");
            }
        }

        @Override
        public List<Edge> select(List<Edge> edges) {
            // Stable sort by decreasing |weight| keeps ties in edge order, so the choice is deterministic.
            int[] chosen = IntStream.range(0, edges.size()).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -Math.abs(edges.get(i).weight())))
                    .limit(k).mapToInt(Integer::intValue).sorted().toArray();
            List<Edge> out = new ArrayList<>(chosen.length);
            for (int i : chosen) {
                out.add(edges.get(i));
            }
            return out;
        }

        @Override
        public String describe(List<Edge> edges) {
            return "the " + k + " edges of largest |weight|";
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
