package io.illc.plugins.metric;

import io.illc.api.Metric;
import io.illc.api.Parameters;
import org.junit.jupiter.api.Test;

import io.illc.api.MetricInput;

import static io.illc.plugins.metric.MetricFixtures.TOLERANCE;
import static io.illc.plugins.metric.MetricFixtures.handCase;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AgreementTest {
    private final Metric agreement = new AgreementFactory().create(Parameters.empty());

    @Test
    void isTheShareOfRowsWithTheSameArgmax() {
        // Row 0: both predict class 0; row 1: original class 1, compressed class 0.
        assertEquals(0.5, agreement.evaluate(handCase(new double[] {0.5, 0.5}, -1)).value(), TOLERANCE);
    }

    @Test
    void weighsRowsByTheRowWeights() {
        assertEquals(0.25, agreement.evaluate(handCase(new double[] {0.25, 0.75}, -1)).value(), TOLERANCE);
    }

    @Test
    void isOneWithoutCompression() {
        assertEquals(1.0, agreement.evaluate(MetricFixtures.uncompressed()).value(), TOLERANCE);
    }

    @Test
    void withEqualWeightsIsExactlyTheCountOverN() {
        int n = 569;
        double[] weights = new double[n];
        java.util.Arrays.fill(weights, 1.0 / n);
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(sum != 1.0, "summing 569 rounded 1/569's is not exactly 1");

        double[][][] activations = {new double[n][3], new double[n][4], new double[n][2]};
        for (double[] row : activations[2]) {
            row[0] = 0.9;
            row[1] = 0.1;
        }
        MetricInput in = MetricFixtures.input(new int[][] {{0, 1, 2}, {0, 1, 2, 3}}, activations, activations, weights, -1);

        assertEquals(1.0, Agreement.INSTANCE.evaluate(in).value(), 0.0);
    }

    @Test
    void takesTheFirstMaximumOnTies() {
        assertEquals(0, Agreement.predictedClass(new double[] {0.5, 0.5}, 0, 2));
        assertEquals(1, Agreement.predictedClass(new double[] {9, 0.2, 0.4, 0.4}, 1, 3));
    }

    @Test
    void thresholdsASingleOutputAtOneHalfInclusive() {
        // Original outputs .7, .5, .49, .1 → classes 1, 1, 0, 0; compressed .6, .49, .5, .2 → 1, 0, 1, 0.
        var in = MetricFixtures.input(new int[][] {{0}},
                new double[][][] {{{1}, {1}, {1}, {1}}, {{0.7}, {0.5}, {0.49}, {0.1}}},
                new double[][][] {{{1}, {1}, {1}, {1}}, {{0.6}, {0.49}, {0.5}, {0.2}}},
                new double[] {0.25, 0.25, 0.25, 0.25}, -1);
        assertEquals(0.5, agreement.evaluate(in).value(), TOLERANCE);
    }
}
