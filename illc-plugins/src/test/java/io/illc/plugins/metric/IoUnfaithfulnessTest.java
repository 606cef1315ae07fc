package io.illc.plugins.metric;

import io.illc.api.MetricFactory.Scope;
import io.illc.api.MetricResult;
import io.illc.api.Parameters;
import org.junit.jupiter.api.Test;

import static io.illc.plugins.metric.MetricFixtures.TOLERANCE;
import static io.illc.plugins.metric.MetricFixtures.handCase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IoUnfaithfulnessTest {

    @Test
    void globalValueIsTheMeanSquaredOutputDifferenceAndSumTheTotal() {
        // Row 0: .1² + .1² = .02; row 1: .4² + .4² = .32.
        MetricResult r = new IoUnfaithfulnessFactory().create(Parameters.empty()).evaluate(handCase(new double[] {0.5, 0.5}, -1));
        assertEquals(0.17, r.value(), TOLERANCE);
        assertEquals(0.34, (double) r.details().get("sum"), TOLERANCE);
        assertEquals(1, r.details().size());
    }

    @Test
    void localValueWeightsEachRowByPiHat() {
        // .25·.02 + .75·.32
        MetricResult r = new LocalIoUnfaithfulnessFactory().create(Parameters.empty()).evaluate(handCase(new double[] {0.25, 0.75}, 1));
        assertEquals(0.245, r.value(), TOLERANCE);
        assertTrue(r.details().isEmpty());
    }

    @Test
    void isExactlyZeroWithoutCompression() {
        MetricResult r = new IoUnfaithfulnessFactory().create(Parameters.empty()).evaluate(MetricFixtures.uncompressed());
        assertEquals(0.0, r.value(), 0.0);
        assertEquals(0.0, (double) r.details().get("sum"), 0.0);
    }

    @Test
    void factoriesDeclareTheirScopeAndNoParameters() {
        assertEquals("io-unfaithfulness", new IoUnfaithfulnessFactory().name());
        assertEquals(Scope.GLOBAL, new IoUnfaithfulnessFactory().scope());
        assertEquals("local-io-unfaithfulness", new LocalIoUnfaithfulnessFactory().name());
        assertEquals(Scope.LOCAL, new LocalIoUnfaithfulnessFactory().scope());
        assertTrue(new IoUnfaithfulnessFactory().parameters().isEmpty());
        assertTrue(new LocalIoUnfaithfulnessFactory().parameters().isEmpty());
    }
}
