package io.illc.core.compress;

import io.illc.api.ClusterAssignment;
import io.illc.api.Matrix;
import io.illc.api.NeuronPoints;
import io.illc.core.finetune.SmallProblem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterBudgetTest {
    private static final List<Matrix> THREE_LAYERS = List.of(random(1, 40, 7), random(2, 40, 5), random(3, 40, 9));

    private static Matrix random(long seed, int rows, int neurons) {
        Random r = new Random(seed);
        double[][] a = new double[rows][neurons];
        for (double[] row : a) {
            for (int j = 0; j < neurons; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return Matrix.of(a);
    }

    private static ClusterBudget.Allocation allocate(List<Matrix> layers, double omega) {
        return ClusterBudget.allocate(layers, SmallProblem.kmeans(), omega, 0);
    }

    @Test
    void theWithinClusterSumOfSquaresMatchesAHandComputedCase() {
        // Neurons as points over two rows: (0, 0), (2, 0), (10, 10). {0, 1} has centre (1, 0): 1 + 1; {2} alone: 0.
        Matrix points = Matrix.of(new double[][]{{0, 2, 10}, {0, 0, 10}});
        NeuronPoints p = NeuronPoints.of(1, points);

        assertEquals(2.0, ClusterBudget.withinClusterSumOfSquares(p.gram(), ClusterAssignment.fromLabels(new int[]{0, 0, 1})), 1e-12);
        // One cluster: centre (4, 10/3); 16 + 100/9 + 4 + 100/9 + 36 + 400/9 = 56 + 600/9.
        assertEquals(56 + 600.0 / 9, ClusterBudget.withinClusterSumOfSquares(p.gram(), ClusterAssignment.fromLabels(new int[]{0, 0, 0})), 1e-9);
        assertEquals(0.0, ClusterBudget.withinClusterSumOfSquares(p.gram(), ClusterAssignment.identity(3)));
    }

    @Test
    void theProductNeverExceedsTheBudgetAndNoLayerCanBeRaisedWithinIt() {
        for (double omega : new double[]{1, 2, 3.5, 10, 37.5, 100, 314, 315, 1000}) {
            int[] k = allocate(THREE_LAYERS, omega).clusterCounts();
            int[] n = {7, 5, 9};
            long product = 1;
            for (int l = 0; l < 3; l++) {
                assertTrue(k[l] >= 1 && k[l] <= n[l], "Ω " + omega + ": k " + java.util.Arrays.toString(k));
                product *= k[l];
            }
            assertTrue(product <= omega, "Ω " + omega + ": product " + product);
            for (int l = 0; l < 3; l++) {
                if (k[l] < n[l]) {
                    assertTrue(product / k[l] * (k[l] + 1) > omega, "Ω " + omega + ": layer " + (l + 1) + " could grow");
                }
            }
        }
    }

    @Test
    void aBudgetOfEveryNeuronCompressesNothing() {
        assertArrayEquals(new int[]{7, 5, 9}, allocate(THREE_LAYERS, 7 * 5 * 9).clusterCounts());
        assertArrayEquals(new int[]{7, 5, 9}, allocate(THREE_LAYERS, 1e6).clusterCounts());
    }

    @Test
    void aBudgetOfOneGivesOneClusterPerLayer() {
        assertArrayEquals(new int[]{1, 1, 1}, allocate(THREE_LAYERS, 1).clusterCounts());
        assertArrayEquals(new int[]{1, 1, 1}, allocate(THREE_LAYERS, 1.9).clusterCounts());
    }

    @Test
    void aLayerOfDuplicatedNeuronsGetsFewerClustersThanALayerOfDistinctOnes() {
        // Layer 1: 8 neurons, only 2 distinct (each repeated 4 times); layer 2: 8 distinct neurons.
        Matrix distinct = random(5, 30, 8);
        double[][] duplicated = new double[30][8];
        Matrix two = random(6, 30, 2);
        for (int r = 0; r < 30; r++) {
            for (int j = 0; j < 8; j++) {
                duplicated[r][j] = two.get(r, j % 2);
            }
        }
        ClusterBudget.Allocation a = allocate(List.of(Matrix.of(duplicated), distinct), 16);

        assertArrayEquals(new int[]{2, 8}, a.clusterCounts());
        assertEquals(0.0, a.errors().get(0).get(2), 1e-9, "two clusters hold the duplicates exactly");
        assertEquals(BigInteger.valueOf(16), a.product());
    }

    @Test
    void aFractionalBudgetAdmitsOnlyWholeProductsBelowIt() {
        List<Matrix> layers = List.of(random(1, 10, 3), random(2, 10, 3), random(3, 10, 3));
        // 26.999... lets 3·3·2 = 18 in but not 27.
        int[] k = allocate(layers, new BigDecimal("26.999999999").doubleValue()).clusterCounts();
        assertEquals(18, k[0] * k[1] * k[2]);
    }

    @Test
    void aBudgetBelowOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> allocate(THREE_LAYERS, 0.5));
        assertThrows(IllegalArgumentException.class, () -> allocate(THREE_LAYERS, Double.POSITIVE_INFINITY));
    }
}
