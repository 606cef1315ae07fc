package io.illc.plugins.metric;

import io.illc.api.Metric;
import io.illc.api.MetricResult;
import io.illc.api.Parameters;
import org.junit.jupiter.api.Test;

import static io.illc.plugins.metric.MetricFixtures.TOLERANCE;
import static io.illc.plugins.metric.MetricFixtures.handCase;
import static io.illc.plugins.metric.MetricFixtures.numbers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DeadNeuronsTest {
    private final Metric dead = new DeadNeuronsFactory().create(Parameters.empty());

    @Test
    void poolsDeadNeuronsOverAllHiddenLayers() {
        // Neuron 0 of layer 1 is 0 on both rows: 1 dead of 3 + 2 = 5 hidden neurons.
        MetricResult r = dead.evaluate(handCase(new double[] {0.5, 0.5}, -1));
        assertEquals(0.2, r.value(), TOLERANCE);
        assertArrayEquals(new double[] {1.0 / 3, 0}, numbers(r.details().get("perLayer")), TOLERANCE);
        assertArrayEquals(new double[] {0, 0}, numbers(r.details().get("perLayerCompressed")), TOLERANCE);
    }

    @Test
    void countsANeuronPositiveOnOneRowAsAliveAndNegativeOutputsAsDead() {
        // Original layer 1: [-1, 0, 0.5] and [-2, 0, 0] → neurons 0 and 1 dead; layer 2: [0, 0] and [0, 3] → neuron 0 dead.
        // Compressed layer 1 (K = 2): [0, 1] and [-1, 0] → cluster-neuron 0 dead; layer 2 (K = 1): [2], [0] → alive.
        var in = MetricFixtures.input(new int[][] {{0, 0, 1}, {0, 0}},
                new double[][][] {{{-1, 0, 0.5}, {-2, 0, 0}}, {{0, 0}, {0, 3}}, {{1}, {1}}},
                new double[][][] {{{0, 1}, {-1, 0}}, {{2}, {0}}, {{1}, {1}}},
                new double[] {0.5, 0.5}, -1);
        MetricResult r = dead.evaluate(in);
        assertEquals(3.0 / 5, r.value(), TOLERANCE);
        assertArrayEquals(new double[] {2.0 / 3, 0.5}, numbers(r.details().get("perLayer")), TOLERANCE);
        assertArrayEquals(new double[] {0.5, 0}, numbers(r.details().get("perLayerCompressed")), TOLERANCE);
    }

    @Test
    void findsNoDeadNeuronsWhereEveryNeuronFiresOnSomeRow() {
        MetricResult r = dead.evaluate(MetricFixtures.uncompressed());
        assertEquals(0.0, r.value(), 0.0);
        assertArrayEquals(new double[] {0, 0}, numbers(r.details().get("perLayer")), 0.0);
        assertArrayEquals(new double[] {0, 0}, numbers(r.details().get("perLayerCompressed")), 0.0);
    }
}
