package io.illc.plugins.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.illc.api.ClusterAssignment;
import io.illc.api.NeuronPoints;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KMeansClusteringTest {
    private static final KMeansClustering DEFAULTS = new KMeansClustering(300, 1e-4, 10);

    /** Three tight blobs of 8 neurons each around far-apart centres in R^6, neurons interleaved. */
    private static double[][] threeBlobs(Random random) {
        double[][] centres = {{50, 0, 0, 0, 0, 0}, {0, 50, 0, 0, 0, -50}, {-50, -50, 0, 50, 0, 0}};
        double[][] neurons = new double[24][6];
        for (int i = 0; i < 24; i++) {
            for (int r = 0; r < 6; r++) {
                neurons[i][r] = centres[i % 3][r] + random.nextGaussian();
            }
        }
        return neurons;
    }

    @Test
    void separatesWellSeparatedBlobsExactly() {
        int[] blob = new int[24];
        for (int i = 0; i < 24; i++) {
            blob[i] = i % 3;
        }
        for (long seed = 0; seed < 10; seed++) {
            double[][] neurons = threeBlobs(new Random(seed));
            assertEquals(ClusterAssignment.fromLabels(blob), DEFAULTS.cluster(Neurons.points(1, neurons), 3, seed));
        }
    }

    @Test
    void splitsPointsOnALineAsComputedByHand() {
        // {0, 1} and {10, 11, 12}: any other split into two groups has a larger inertia
        // (0.5 + 2 = 2.5 here; e.g. {0, 1, 10} + {11, 12} gives 60.67 + 0.5).
        NeuronPoints points = Neurons.points(1, Neurons.onLine(0, 10, 1, 11, 12));
        assertEquals(ClusterAssignment.fromLabels(new int[] {0, 1, 0, 1, 1}), DEFAULTS.cluster(points, 2, 42));
    }

    @Test
    void givesTheSameLabelsForTheSameSeed() {
        double[][] neurons = Neurons.gaussian(new Random(5), 60, 7);
        NeuronPoints points = Neurons.points(1, neurons);
        for (long seed = 0; seed < 5; seed++) {
            ClusterAssignment first = DEFAULTS.cluster(points, 8, seed);
            ClusterAssignment again = new KMeansClustering(300, 1e-4, 10).cluster(Neurons.points(1, neurons), 8, seed);
            assertEquals(first, again);
        }
    }

    @Test
    void neverReturnsMoreThanKClusters() {
        for (int seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            int n = 1 + random.nextInt(40);
            NeuronPoints points = Neurons.points(1, Neurons.gaussian(random, n, 4));
            int k = 1 + random.nextInt(n);
            ClusterAssignment a = new KMeansClustering(300, 1e-4, 3).cluster(points, k, seed);
            assertEquals(n, a.neurons());
            assertTrue(a.clusterCount() >= 1 && a.clusterCount() <= k, a + " for k " + k);
        }
    }

    @Test
    void putsIdenticalNeuronsIntoOneCluster() {
        double[][] neurons = new double[7][];
        for (int i = 0; i < 7; i++) {
            neurons[i] = new double[] {0.5, -1, 2};
        }
        ClusterAssignment a = DEFAULTS.cluster(Neurons.points(3, neurons), 4, 9);
        assertEquals(ClusterAssignment.fromLabels(new int[7]), a);
    }

    @Test
    void stopsSeedingWhenFewerDistinctPointsThanKRemain() {
        // Two distinct points (one of them the dead neuron): k-means++ finds no third centre.
        double[][] neurons = {{0, 0}, {3, 4}, {0, 0}, {3, 4}, {0, 0}};
        ClusterAssignment a = DEFAULTS.cluster(Neurons.points(1, neurons), 4, 1);
        assertEquals(ClusterAssignment.fromLabels(new int[] {0, 1, 0, 1, 0}), a);
    }

    @Test
    void givesOneClusterForKOneAndSingletonsForKEqualsN() {
        NeuronPoints points = Neurons.points(1, Neurons.gaussian(new Random(2), 9, 3));
        assertEquals(ClusterAssignment.fromLabels(new int[9]), DEFAULTS.cluster(points, 1, 0));
        assertEquals(ClusterAssignment.identity(9), DEFAULTS.cluster(points, 9, 0));
    }

    @Test
    void keepsTheRestartWithTheLowestInertia() {
        // Restart 0 draws from the same stream whatever the number of restarts, so the best of ten
        // can only be at least as good as the single run.
        for (long seed = 0; seed < 10; seed++) {
            double[][] neurons = Neurons.gaussian(new Random(100 + seed), 50, 5);
            NeuronPoints points = Neurons.points(1, neurons);
            double single = Neurons.inertia(neurons, new KMeansClustering(300, 1e-4, 1).cluster(points, 6, seed));
            double best = Neurons.inertia(neurons, DEFAULTS.cluster(points, 6, seed));
            assertTrue(best <= single + 1e-9, best + " > " + single);
        }
    }

    @Test
    void convergesToAPartitionWhereEveryNeuronIsNearestToItsOwnCentroid() {
        for (long seed = 0; seed < 10; seed++) {
            double[][] neurons = Neurons.gaussian(new Random(seed), 40, 6);
            ClusterAssignment a = new KMeansClustering(1000, 0, 2).cluster(Neurons.points(1, neurons), 5, seed);
            double[][] centres = new double[a.clusterCount()][];
            for (int c = 0; c < centres.length; c++) {
                centres[c] = Neurons.centroid(neurons, a.members(c));
            }
            for (int i = 0; i < neurons.length; i++) {
                double own = Neurons.squaredDistance(neurons[i], centres[a.label(i)]);
                for (double[] centre : centres) {
                    assertTrue(own <= Neurons.squaredDistance(neurons[i], centre) + 1e-9,
                            "neuron " + i + " is nearer to another centroid, seed " + seed);
                }
            }
        }
    }

    @Test
    void rejectsKOutsideOneToN() {
        NeuronPoints points = Neurons.points(4, Neurons.onLine(0, 1, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DEFAULTS.cluster(points, 5, 0));
        assertTrue(e.getMessage().contains("layer 4") && e.getMessage().contains("between 1 and 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.cluster(points, 0, 0));
    }

    @Test
    void rejectsNonFiniteActivations() {
        NeuronPoints points = Neurons.points(1, Neurons.onLine(0, Double.POSITIVE_INFINITY, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DEFAULTS.cluster(points, 2, 0));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
    }

    @Test
    void rejectsParametersOutOfRange() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new KMeansClustering(0, 1e-4, 10))
                .getMessage().contains("maxIterations"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new KMeansClustering(300, -1, 10))
                .getMessage().contains("tolerance"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new KMeansClustering(300, Double.NaN, 10))
                .getMessage().contains("tolerance"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new KMeansClustering(300, 1e-4, 0))
                .getMessage().contains("restarts"));
    }
}
