package io.illc.plugins.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.illc.api.ClusterAssignment;
import io.illc.api.NeuronPoints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AgglomerativeClusteringTest {

    private static ClusterAssignment cluster(Linkage linkage, double[][] neurons, int k) {
        return new AgglomerativeClustering(linkage).cluster(Neurons.points(1, neurons), k, 0L);
    }

    private static ClusterAssignment labels(int... labels) {
        return ClusterAssignment.fromLabels(labels);
    }

    @Test
    void wardCutsPointsOnALineAsComputedByHand() {
        // 0,1 and 5,6 merge first (each raises the sum of squares by 0.5). Then the increases are
        // {0,1}+{5,6}: 2·2/4·5² = 25, {5,6}+{20}: 2·1/3·14.5² ≈ 140.2, {0,1}+{20}: 2/3·19.5² = 253.5.
        double[][] line = Neurons.onLine(0, 1, 5, 6, 20);
        assertEquals(labels(0, 0, 1, 1, 2), cluster(Linkage.WARD, line, 3));
        assertEquals(labels(0, 0, 0, 0, 1), cluster(Linkage.WARD, line, 2));
    }

    @Test
    void averageAndCompleteLinkageDisagreeWhereTheHandComputationSaysSo() {
        // A = {-1.5, -1} and B = {3, 5} form first (distances 0.5 and 2); then C = {9.4}.
        // complete: d(A,B) = 6.5, d(B,C) = 6.4 -> B joins C.
        // average:  d(A,B) = (4.5+6.5+4+6)/4 = 5.25, d(B,C) = (6.4+4.4)/2 = 5.4 -> A joins B.
        // ward:     2·2/4·5.25² ≈ 27.6 for A+B, 2·1/3·5.4² = 19.44 for B+C -> B joins C.
        double[][] line = Neurons.onLine(-1.5, -1, 3, 5, 9.4);
        assertEquals(labels(0, 0, 1, 1, 1), cluster(Linkage.COMPLETE, line, 2));
        assertEquals(labels(0, 0, 0, 0, 1), cluster(Linkage.AVERAGE, line, 2));
        assertEquals(labels(0, 0, 1, 1, 1), cluster(Linkage.WARD, line, 2));
        assertEquals(labels(0, 0, 1, 1, 2), cluster(Linkage.AVERAGE, line, 3));
    }

    @ParameterizedTest
    @EnumSource(Linkage.class)
    void equalsBruteForceGreedyMergingOnRandomInputsForEveryK(Linkage linkage) {
        for (int seed = 0; seed < 30; seed++) {
            Random random = new Random(seed);
            int n = 2 + random.nextInt(24);
            double[][] neurons = Neurons.gaussian(random, n, 5 + random.nextInt(4));
            Map<Integer, ClusterAssignment> expected = bruteForce(linkage, neurons);
            NeuronPoints points = Neurons.points(1, neurons);
            AgglomerativeClustering strategy = new AgglomerativeClustering(linkage);
            for (int k = 1; k <= n; k++) {
                assertEquals(expected.get(k), strategy.cluster(points, k, seed),
                        linkage + ", seed " + seed + ", n " + n + ", k " + k);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Linkage.class)
    void givesExactlyKClustersAndIdentityAtKEqualsN(Linkage linkage) {
        double[][] neurons = Neurons.gaussian(new Random(7), 12, 6);
        for (int k = 1; k <= 12; k++) {
            assertEquals(k, cluster(linkage, neurons, k).clusterCount());
        }
        assertEquals(ClusterAssignment.identity(12), cluster(linkage, neurons, 12));
        assertEquals(labels(new int[12]), cluster(linkage, neurons, 1));
    }

    @ParameterizedTest
    @EnumSource(Linkage.class)
    void mergesDuplicatedAndDeadNeuronsIntoOneClusterFirst(Linkage linkage) {
        double[][] neurons = Neurons.gaussian(new Random(3), 9, 5);
        double[] zero = new double[5];
        neurons[1] = zero.clone();
        neurons[4] = zero.clone();
        neurons[7] = zero.clone();
        neurons[5] = neurons[2].clone();
        // 9 neurons, 6 distinct points: with k = 6 exactly the duplicates are merged.
        ClusterAssignment six = cluster(linkage, neurons, 6);
        assertEquals(labels(0, 1, 2, 3, 1, 2, 4, 1, 5), six);
        for (int k = 1; k < 6; k++) {
            ClusterAssignment a = cluster(linkage, neurons, k);
            assertEquals(a.label(1), a.label(4));
            assertEquals(a.label(1), a.label(7));
            assertEquals(a.label(2), a.label(5));
        }
    }

    @Test
    void rejectsKOutsideOneToN() {
        NeuronPoints points = Neurons.points(2, Neurons.onLine(0, 1, 2));
        AgglomerativeClustering ward = new AgglomerativeClustering(Linkage.WARD);
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> ward.cluster(points, 4, 0));
        assertTrue(tooMany.getMessage().contains("layer 2") && tooMany.getMessage().contains("between 1 and 3"),
                tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ward.cluster(points, 0, 0));
    }

    @Test
    void rejectsNonFiniteActivations() {
        double[][] neurons = Neurons.onLine(0, Double.NaN, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cluster(Linkage.WARD, neurons, 2));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
    }

    /**
     * Every partition of the greedy merging (n clusters down to 1), recomputing each candidate merge's
     * cost from the vectors: Ward's increase of the sum of squares, the mean or the largest pairwise
     * Euclidean distance. Keyed by the number of clusters.
     */
    private static Map<Integer, ClusterAssignment> bruteForce(Linkage linkage, double[][] neurons) {
        int n = neurons.length;
        List<List<Integer>> clusters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clusters.add(new ArrayList<>(List.of(i)));
        }
        Map<Integer, ClusterAssignment> partitions = new HashMap<>();
        partitions.put(n, partition(clusters, n));
        while (clusters.size() > 1) {
            int bestA = -1;
            int bestB = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int a = 0; a < clusters.size(); a++) {
                for (int b = a + 1; b < clusters.size(); b++) {
                    double cost = cost(linkage, neurons, clusters.get(a), clusters.get(b));
                    if (cost < best) {
                        best = cost;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            clusters.get(bestA).addAll(clusters.remove(bestB));
            partitions.put(clusters.size(), partition(clusters, n));
        }
        return partitions;
    }

    private static double cost(Linkage linkage, double[][] neurons, List<Integer> a, List<Integer> b) {
        switch (linkage) {
            case WARD: {
                List<Integer> union = new ArrayList<>(a);
                union.addAll(b);
                return sumOfSquares(neurons, union) - sumOfSquares(neurons, a) - sumOfSquares(neurons, b);
            }
            case AVERAGE: {
                double sum = 0;
                for (int i : a) {
                    for (int j : b) {
                        sum += Math.sqrt(Neurons.squaredDistance(neurons[i], neurons[j]));
                    }
                }
                return sum / (a.size() * b.size());
            }
            case COMPLETE: {
                double max = 0;
                for (int i : a) {
                    for (int j : b) {
                        max = Math.max(max, Math.sqrt(Neurons.squaredDistance(neurons[i], neurons[j])));
                    }
                }
                return max;
            }
            default:
                throw new AssertionError(linkage);
        }
    }

    private static double sumOfSquares(double[][] neurons, List<Integer> members) {
        int[] m = members.stream().mapToInt(Integer::intValue).toArray();
        double[] centre = Neurons.centroid(neurons, m);
        return Arrays.stream(m).mapToDouble(i -> Neurons.squaredDistance(neurons[i], centre)).sum();
    }

    private static ClusterAssignment partition(List<List<Integer>> clusters, int n) {
        int[] labels = new int[n];
        for (int c = 0; c < clusters.size(); c++) {
            for (int i : clusters.get(c)) {
                labels[i] = c;
            }
        }
        return ClusterAssignment.fromLabels(labels);
    }
}
