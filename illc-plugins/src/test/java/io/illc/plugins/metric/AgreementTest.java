package io.illc.plugins.metric;

import io.illc.api.Metric;
import io.illc.api.Parameters;
import org.junit.jupiter.api.Test;

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
