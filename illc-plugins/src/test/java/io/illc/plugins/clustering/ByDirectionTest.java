package io.illc.plugins.clustering;

import io.illc.api.ClusterAssignment;
import io.illc.api.Matrix;
import io.illc.api.NeuronPoints;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByDirectionTest {
    /**
     * Neurons 0 and 1 are proportional (1 is ten times 0), neurons 2 and 3 nearly equal to 0 but in
     * another direction. By distance, 0, 2 and 3 are close and 1 is far; by direction, {0, 1} and
     * {2, 3}.
     */
    private static final double[][] NEURONS = {{1, 0, 1}, {10, 0, 10}, {0, 1, 1}, {0, 1.1, 0.9}};

    @Test
    void proportionalNeuronsShareACluster() {
        NeuronPoints points = Neurons.points(1, NEURONS);

        ClusterAssignment byDistance = new AgglomerativeClustering(Linkage.WARD).cluster(points, 2, 0);
        ClusterAssignment byDirection = new ByDirection(new AgglomerativeClustering(Linkage.WARD)).cluster(points, 2, 0);

        int[] d = byDistance.labels();
        assertNotEquals(d[0], d[1], "by distance the scaled copy is on its own");
        int[] labels = byDirection.labels();
        assertEquals(labels[0], labels[1]);
        assertEquals(labels[2], labels[3]);
        assertNotEquals(labels[0], labels[2]);
    }

    @Test
    void clustersTheUnitVectorsComputedByHand() {
        // (3, 4) and (0, 2) become (0.6, 0.8) and (0, 1); a neuron that is always 0 stays 0.
        double[][] neurons = {{3, 4}, {0, 2}, {0, 0}};
        double[][] seen = new double[1][];
        new ByDirection((points, k, seed) -> {
            seen[0] = points.points().transpose().toRowMajor();
            return ClusterAssignment.fromLabels(new int[]{0, 1, 2});
        }).cluster(Neurons.points(2, neurons), 3, 0);

        double[] expected = {0.6, 0.8, 0, 1, 0, 0};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], seen[0][i], 1e-15, "value " + i);
        }
    }

    @Test
    void needsTheActivationsHeldAndSaysSo() {
        NeuronPoints gramOnly = NeuronPoints.ofGram(3, Matrix.of(new double[][]{{1, 0}, {0, 1}}));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ByDirection(new KMeansClustering(300, 1e-4, 1)).cluster(gramOnly, 1, 0));
        assertTrue(e.getMessage().startsWith("layer 3: 'directions' needs the activations held"), e.getMessage());
    }
}
