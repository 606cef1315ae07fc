package io.illc.core.local;

import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.MetricResult;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import io.illc.core.compress.Compressor;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.data.Dataset;
import io.illc.core.spec.CompressionSpec.Method;
import io.illc.core.spec.LocalSpec.Distance;
import io.illc.core.spec.LocalSpec.Neighbourhood;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sampled neighbourhood (local.neighbourhood): which rows, their weights, and that "all" is unchanged. */
class NeighbourhoodTest {
    /**
     * Six rows whose two features have mean 2/3 and population variance 5/9 each: standardised, the
     * squared distance is 9/5 of the raw one, so with w = 1 a row's weight is exp(−0.9 · raw d²).
     */
    private static final Matrix SIX = Matrix.of(new double[][]{{0, 0}, {1, 0}, {0, 1}, {1, 1}, {2, 0}, {0, 2}});
    private static final long SEED = 42;

    @Test
    void theSampleIsSortedDistinctAndTheSameForTheSameSeed() {
        int[] sample = NeighbourhoodSample.rows(6, 3, SEED);
        assertArrayEquals(sample, NeighbourhoodSample.rows(6, 3, SEED));
        assertEquals(3, sample.length);
        assertEquals(3, Arrays.stream(sample).distinct().count());
        assertTrue(IntStream.range(1, sample.length).allMatch(i -> sample[i] > sample[i - 1]));
        assertTrue(Arrays.stream(sample).allMatch(r -> r >= 0 && r < 6));
        assertFalse(Arrays.equals(NeighbourhoodSample.rows(1000, 10, 1), NeighbourhoodSample.rows(1000, 10, 2)),
                "another seed, another sample");
        assertNotEquals(SEED, NeighbourhoodSample.seed(SEED), "the sample has its own salt");
    }

    @Test
    void aSampleOfAtLeastEveryRowIsEveryRow() {
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5}, NeighbourhoodSample.rows(6, 6, SEED));
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5}, NeighbourhoodSample.rows(6, 100, SEED));
    }

    @Test
    void theDefaultIsEveryRowUpToTheLimitAndASampleOfTheLimitAbove() {
        assertEquals(10_000, Neighbourhood.DEFAULT_LIMIT);
        assertEquals(Neighbourhood.ALL, Neighbourhood.byDefault(569));
        assertEquals(Neighbourhood.ALL, Neighbourhood.byDefault(10_000));
        assertEquals(Neighbourhood.sample(10_000), Neighbourhood.byDefault(10_001));
        assertEquals(Neighbourhood.ALL, Neighbourhood.byDefault(6, 6));
        assertEquals(Neighbourhood.sample(6), Neighbourhood.byDefault(7, 6));
        assertThrows(IllegalArgumentException.class, () -> Neighbourhood.sample(0));
    }

    @Test
    void aRowOutsideTheSampleJoinsItAndTheWeightsAreRenormalisedOverTheSampleAndTheRow() {
        int[] sample = NeighbourhoodSample.rows(6, 3, SEED);
        LocalExplainer explainer = sixRowExplainer(sample);
        int outside = IntStream.range(0, 6).filter(r -> Arrays.binarySearch(sample, r) < 0).findFirst().orElseThrow();
        LocalExplanation e = explainer.explain(outside);

        int[] expectedRows = IntStream.concat(Arrays.stream(sample), IntStream.of(outside)).sorted().toArray();
        assertArrayEquals(expectedRows, e.neighbours());
        // By hand: the seed picks rows 0, 2 and 4; row 1 = (1, 0) joins them. Raw squared distances
        // 1, 0, 2, 1, so π = e^−0.9, 1, e^−1.8, e^−0.9 over rows 0, 1, 2, 4.
        assertArrayEquals(new int[]{0, 2, 4}, sample);
        assertEquals(1, outside);
        double byHand = 1 + 2 * Math.exp(-0.9) + Math.exp(-1.8);
        assertArrayEquals(new double[]{Math.exp(-0.9) / byHand, 1 / byHand, Math.exp(-1.8) / byHand, Math.exp(-0.9) / byHand},
                e.weights().toArray(), 1e-15);
        double[] pi = Arrays.stream(expectedRows).mapToDouble(r -> Math.exp(-0.9 * rawSquaredDistance(outside, r))).toArray();
        double sum = Arrays.stream(pi).sum();
        for (int i = 0; i < pi.length; i++) {
            assertEquals(pi[i] / sum, e.weights().get(i), 1e-15, "π̂ of row " + expectedRows[i]);
        }
        int self = Arrays.binarySearch(e.neighbours(), outside);
        assertEquals(1 / sum, e.weights().get(self), 1e-15, "the row's own weight π = 1, normalised");
        assertEquals(1.0, e.weights().sum(), 1e-15);
    }

    @Test
    void aRowInTheSampleHasTheSampleAsItsNeighbourhood() {
        int[] sample = NeighbourhoodSample.rows(6, 3, SEED);
        LocalExplanation e = sixRowExplainer(sample).explain(sample[1]);
        assertArrayEquals(sample, e.neighbours());
        double[] pi = Arrays.stream(sample).mapToDouble(r -> Math.exp(-0.9 * rawSquaredDistance(sample[1], r))).toArray();
        double sum = Arrays.stream(pi).sum();
        for (int i = 0; i < pi.length; i++) {
            assertEquals(pi[i] / sum, e.weights().get(i), 1e-15, "π̂ of row " + sample[i]);
        }
    }

    @Test
    void aNewRowIsExplainedOverTheSameSampleLikeTheDataRowWithItsValues() {
        int[] sample = NeighbourhoodSample.rows(6, 3, SEED);
        LocalExplainer explainer = sixRowExplainer(sample);
        LocalExplanation asData = explainer.explain(sample[0]);
        LocalExplanation asNew = explainer.explainNew(0, SIX.row(sample[0]));
        assertArrayEquals(sample, asNew.neighbours());
        assertEquals(asData.weights(), asNew.weights());
        assertEquals(asData.partitions(), asNew.partitions());
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void allAndASampleOfEveryRowGiveIdenticalExplanations(Method method) throws IOException {
        Mlp original = LocalExplainerTest.tiny("bc_tiny");
        Dataset data = BuiltinDatasets.load("breast-cancer");
        LocalExplainer all = explainer(original, data, method, null);
        LocalExplainer sampled = explainer(original, data, method, NeighbourhoodSample.rows(data.rows(), data.rows(), SEED));
        for (int row : new int[]{0, 3, 568}) {
            assertIdentical(all.explain(row), sampled.explain(row));
        }
        assertIdentical(all.explainNew(0, data.features().row(7)), sampled.explainNew(0, data.features().row(7)));
    }

    @Test
    void aSampledNeighbourhoodIsDeterministicAndAlwaysHoldsTheExplainedRow() throws IOException {
        Mlp original = LocalExplainerTest.tiny("bc_tiny");
        Dataset data = BuiltinDatasets.load("breast-cancer");
        int[] sample = NeighbourhoodSample.rows(data.rows(), 100, SEED);
        LocalExplainer once = explainer(original, data, Method.ILLC, sample);
        LocalExplainer again = explainer(original, data, Method.ILLC, sample);
        Kernel kernel = once.settings().kernel();
        for (int i = 0; i < 6; i++) {
            int row = i;
            LocalExplanation e = once.explain(row);
            assertIdentical(e, again.explain(row));
            int self = Arrays.binarySearch(e.neighbours(), row);
            assertTrue(self >= 0, "row " + row + " is in its own neighbourhood");
            int[] rows = IntStream.concat(Arrays.stream(sample), IntStream.of(row)).distinct().sorted().toArray();
            double[] piHat = Kernel.normalise(kernel.weights(row, rows));
            assertEquals(piHat[Arrays.binarySearch(rows, row)], e.weights().get(self), 0.0, "its own weight");
            assertTrue(Arrays.stream(e.neighbours()).allMatch(r -> r == row || Arrays.binarySearch(sample, r) >= 0),
                    "only sampled rows and the row itself");
        }
    }

    @Test
    void theKernelStandardisesOverAllRowsAlsoForASubsetOfThem() {
        Kernel kernel = new Kernel(SIX, Distance.STANDARDIZED, 1.0);
        double[] all = kernel.weights(4);
        double[] some = kernel.weights(4, new int[]{0, 5});
        assertEquals(all[0], some[0], 0.0);
        assertEquals(all[5], some[1], 0.0);
        assertEquals(Math.exp(-0.9 * 8), some[1], 1e-15);
    }

    @Test
    void aSampleMustBeAscendingDistinctRowsOfTheData() {
        assertThrows(IllegalArgumentException.class, () -> sixRowExplainer(new int[]{2, 1}));
        assertThrows(IllegalArgumentException.class, () -> sixRowExplainer(new int[]{1, 1}));
        assertThrows(IllegalArgumentException.class, () -> sixRowExplainer(new int[]{6}));
        assertThrows(IllegalArgumentException.class, () -> sixRowExplainer(new int[]{}));
    }

    private static double rawSquaredDistance(int a, int b) {
        double[] x = SIX.row(a);
        double[] y = SIX.row(b);
        return (x[0] - y[0]) * (x[0] - y[0]) + (x[1] - y[1]) * (x[1] - y[1]);
    }

    /** A 2 → 3 ReLU → 1 sigmoid network on the six rows, w = 1, k = 2, no row dropped as negligible. */
    private static LocalExplainer sixRowExplainer(int[] sample) {
        Mlp mlp = Mlp.unnamed(java.util.List.of(
                new DenseLayer(Matrix.of(new double[][]{{1, -0.5}, {0.3, 0.8}, {-0.7, 0.4}}), Vector.of(0.1, -0.2, 0.3),
                        Activation.RELU),
                new DenseLayer(Matrix.of(new double[][]{{0.5, -1, 0.7}}), Vector.of(0.05), Activation.SIGMOID)));
        return new LocalExplainer(new LocalSettings(mlp, SIX, new Kernel(SIX, Distance.STANDARDIZED, 1.0), Method.GLOBAL,
                new int[]{2}, LocalGoldenTest.ward(), LocalGoldenTest.local(), LocalGoldenTest.localMetrics(), SEED, 0,
                sample), new Compressor());
    }

    private static LocalExplainer explainer(Mlp original, Dataset data, Method method, int[] sample) {
        LocalSettings s = LocalGoldenTest.settings(original, data, method, LocalGoldenTest.localMetrics(),
                LocalExplainer.NEGLIGIBLE_WEIGHT);
        return new LocalExplainer(new LocalSettings(s.original(), s.data(), s.kernel(), s.method(), s.clusterCounts(),
                s.clustering(), s.aggregation(), s.metrics(), s.seed(), s.negligibleWeight(), sample), new Compressor());
    }

    /** Bit for bit: rows, weights, partitions, networks, outputs and every metric value and detail. */
    private static void assertIdentical(LocalExplanation expected, LocalExplanation actual) {
        String row = "row " + expected.row();
        assertArrayEquals(expected.neighbours(), actual.neighbours(), row);
        assertEquals(expected.weights(), actual.weights(), row);
        assertEquals(expected.partitions(), actual.partitions(), row);
        assertEquals(expected.compressed(), actual.compressed(), row);
        assertEquals(expected.originalOutput(), actual.originalOutput(), row);
        assertEquals(expected.compressedOutput(), actual.compressedOutput(), row);
        assertEquals(expected.metrics().keySet(), actual.metrics().keySet(), row);
        for (Map.Entry<String, MetricResult> m : expected.metrics().entrySet()) {
            MetricResult a = actual.metrics().get(m.getKey());
            assertEquals(m.getValue().value(), a.value(), m.getKey() + " of " + row);
            assertEquals(m.getValue().details(), a.details(), m.getKey() + " details of " + row);
        }
    }
}
