package io.illc.plugins.metric;

import io.illc.api.Metric;
import io.illc.api.MetricFactory;
import io.illc.api.MetricFactory.Scope;
import io.illc.api.MetricInput;
import io.illc.api.MetricResult;
import io.illc.api.Parameter;
import io.illc.api.Parameters;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.illc.plugins.metric.MetricFixtures.TOLERANCE;
import static io.illc.plugins.metric.MetricFixtures.handCase;
import static io.illc.plugins.metric.MetricFixtures.numbers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/*
 * Per-row layer sums of the hand case (see MetricFixtures.handCase):
 *   l1:      layer 1 (.5, 1)    layer 2 (1, .5)    output (.2, .8)
 *   squared: layer 1 (.25, 1)   layer 2 (1, .25)   output (.02, .32)
 * Widths: K_1 = 2, K_2 = 1, n_out = 2, so the denominator is 5.
 */
class StructuralUnfaithfulnessTest {
    private static final double[] UNIFORM = {0.5, 0.5};
    private static final double[] PI_HAT = {0.25, 0.75};

    private static Metric metric(MetricFactory factory, String norm) {
        return factory.create(Parameters.of(Map.of("norm", norm)));
    }

    @Test
    void globalL1AveragesOverLayersNeuronsAndRows() {
        MetricResult r = metric(new StructuralUnfaithfulnessFactory(), "l1").evaluate(handCase(UNIFORM, -1));
        // (1.5 + 1.5 + 1.0) / (5 · 2)
        assertEquals(0.4, r.value(), TOLERANCE);
        // Per layer: .75 / 2, .75 / 1, .5 / 2.
        assertArrayEquals(new double[] {0.375, 0.75, 0.25}, numbers(r.details().get("perLayer")), TOLERANCE);
        assertEquals(List.of("perLayer"), List.copyOf(r.details().keySet()));
    }

    @Test
    void globalSquaredUsesSquaredDistances() {
        MetricResult r = metric(new StructuralUnfaithfulnessFactory(), "squared").evaluate(handCase(UNIFORM, -1));
        // (1.25 + 1.25 + .34) / 10
        assertEquals(0.284, r.value(), TOLERANCE);
        assertArrayEquals(new double[] {0.3125, 0.625, 0.085}, numbers(r.details().get("perLayer")), TOLERANCE);
    }

    @Test
    void localWeightsRowsByPiHatAndReportsTheInstanceAlone() {
        MetricResult r = metric(new LocalStructuralUnfaithfulnessFactory(), "l1").evaluate(handCase(PI_HAT, 1));
        // (.25·.5 + .75·1) + (.25·1 + .75·.5) + (.25·.2 + .75·.8) = .875 + .625 + .65, over 5.
        assertEquals(0.43, r.value(), TOLERANCE);
        // Row 1 alone: (1 + .5 + .8) / 5.
        assertEquals(0.46, (double) r.details().get("atInstance"), TOLERANCE);
        assertEquals(List.of("atInstance"), List.copyOf(r.details().keySet()));
    }

    @Test
    void localLeavesOutAtInstanceWhenThereIsNoInstance() {
        MetricResult r = metric(new LocalStructuralUnfaithfulnessFactory(), "squared").evaluate(handCase(PI_HAT, -1));
        // (.25·.25 + .75·1) + (.25·1 + .75·.25) + (.25·.02 + .75·.32) = .8125 + .4375 + .245, over 5.
        assertEquals(0.299, r.value(), TOLERANCE);
        assertFalse(r.details().containsKey("atInstance"));
    }

    @Test
    void localWithUniformWeightsEqualsGlobal() {
        MetricInput in = handCase(UNIFORM, -1);
        for (String norm : List.of("l1", "squared")) {
            assertEquals(metric(new StructuralUnfaithfulnessFactory(), norm).evaluate(in).value(),
                    metric(new LocalStructuralUnfaithfulnessFactory(), norm).evaluate(in).value(), 0.0);
        }
    }

    @Test
    void isExactlyZeroWithoutCompression() {
        for (String norm : List.of("l1", "squared")) {
            MetricResult r = metric(new StructuralUnfaithfulnessFactory(), norm).evaluate(MetricFixtures.uncompressed());
            assertEquals(0.0, r.value(), 0.0);
            assertArrayEquals(new double[] {0, 0, 0}, numbers(r.details().get("perLayer")), 0.0);
        }
    }

    @Test
    void rejectsACompressedLayerWhoseWidthIsNotTheClusterCount() {
        // P_2 has 2 clusters but the compressed layer 2 has 1 neuron.
        MetricInput in = MetricFixtures.input(new int[][] {{0, 1, 0}, {0, 1}},
                new double[][][] {{{0, 2, 4}}, {{1, 3}}, {{0.7, 0.3}}},
                new double[][][] {{{2.5, 2}}, {{1}}, {{0.6, 0.4}}},
                new double[] {1}, -1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> metric(new StructuralUnfaithfulnessFactory(), "l1").evaluate(in));
        assertTrue(e.getMessage().contains("hidden layer 2"), e.getMessage());
    }

    @Test
    void bothFactoriesDeclareTheNormWithDefaultL1() {
        for (MetricFactory f : List.of(new StructuralUnfaithfulnessFactory(), new LocalStructuralUnfaithfulnessFactory())) {
            List<Parameter> params = f.parameters();
            assertEquals(1, params.size());
            assertEquals("norm", params.get(0).name());
            assertEquals("l1", params.get(0).defaultValue());
            assertEquals(List.of("l1", "squared"), params.get(0).choices());
        }
        assertEquals(Scope.GLOBAL, new StructuralUnfaithfulnessFactory().scope());
        assertEquals(Scope.LOCAL, new LocalStructuralUnfaithfulnessFactory().scope());
        assertEquals("structural-unfaithfulness", new StructuralUnfaithfulnessFactory().name());
        assertEquals("local-structural-unfaithfulness", new LocalStructuralUnfaithfulnessFactory().name());
        assertThrows(IllegalArgumentException.class, () -> metric(new StructuralUnfaithfulnessFactory(), "l2"));
    }
}
