package io.illc.plugins.render;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdgeSelectionTest {
    /** The magnitudes of five edges, in edge order. */
    private static final double[] EDGES = {0.1, 0.9, 0.5, 0.3, 0.7};

    @Test
    void quantileInterpolatesLinearlyLikeNumpy() {
        double[] sorted = {1, 2, 3, 4, 5};
        // numpy.quantile([1, 2, 3, 4, 5], q): position q·4.
        assertEquals(4.2, EdgeSelection.quantile(sorted, 0.8), 1e-15);
        assertEquals(3.0, EdgeSelection.quantile(sorted, 0.5));
        assertEquals(1.0, EdgeSelection.quantile(sorted, 0));
        assertEquals(5.0, EdgeSelection.quantile(sorted, 1));
        assertEquals(1.25, EdgeSelection.quantile(new double[] {1, 2}, 0.25));
        assertEquals(7.0, EdgeSelection.quantile(new double[] {7}, 0.3));
    }

    @Test
    void quantileNeverExceedsTheLargestValue() {
        Random random = new Random(5);
        for (int trial = 0; trial < 1000; trial++) {
            double[] sorted = random.doubles(1 + random.nextInt(8)).sorted().toArray();
            double q = random.nextDouble();
            double v = EdgeSelection.quantile(sorted, q);
            assertTrue(v >= sorted[0] && v <= sorted[sorted.length - 1], () -> "quantile " + v);
        }
    }

    @Test
    void theEdgeQuantileKeepsEdgesAtOrAboveTheThresholdInEdgeOrder() {
        // |w| sorted: 0.1, 0.3, 0.5, 0.7, 0.9; the 0.8 quantile is 0.7 + 0.2·0.2 = 0.74.
        assertArrayEquals(new int[] {1}, new EdgeSelection.Quantile(0.8).select(EDGES));
        // The 0.5 quantile is 0.5 exactly: the edge of magnitude 0.5 is kept.
        assertArrayEquals(new int[] {1, 2, 4}, new EdgeSelection.Quantile(0.5).select(EDGES));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, new EdgeSelection.Quantile(0).select(EDGES));
        assertArrayEquals(new int[] {1}, new EdgeSelection.Quantile(1).select(EDGES));
        assertArrayEquals(new int[0], new EdgeSelection.Quantile(0.8).select(new double[0]));
    }

    @Test
    void topKKeepsTheLargestMagnitudesInEdgeOrder() {
        assertArrayEquals(new int[] {1, 4}, new EdgeSelection.TopK(2).select(EDGES));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, new EdgeSelection.TopK(99).select(EDGES));
    }

    @Test
    void topKBreaksTiesByEdgeOrder() {
        double[] tied = {1, 2, 1, 1};
        assertArrayEquals(new int[] {0, 1}, new EdgeSelection.TopK(2).select(tied));
        assertArrayEquals(new int[] {0, 1, 2}, new EdgeSelection.TopK(3).select(tied));
    }

    @Test
    void describesTheThreshold() {
        assertEquals("s >= 0.5 (the 0.5 quantile of s)", new EdgeSelection.Quantile(0.5).describe(EDGES, "s"));
        assertEquals("the 3 edges of largest s", new EdgeSelection.TopK(3).describe(EDGES, "s"));
    }

    @Test
    void rejectsParametersOutOfRange() {
        assertEquals("edgeQuantile is 1.5 but must lie in [0, 1]",
                assertThrows(IllegalArgumentException.class, () -> new EdgeSelection.Quantile(1.5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EdgeSelection.Quantile(Double.NaN));
        assertEquals("topK is 0 but must be at least 1",
                assertThrows(IllegalArgumentException.class, () -> new EdgeSelection.TopK(0)).getMessage());
    }
}
