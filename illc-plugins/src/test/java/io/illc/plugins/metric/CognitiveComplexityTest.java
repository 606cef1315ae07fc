package io.illc.plugins.metric;

import io.illc.api.MetricInput;
import io.illc.api.MetricResult;
import io.illc.api.Parameters;
import org.junit.jupiter.api.Test;

import static io.illc.plugins.metric.MetricFixtures.TOLERANCE;
import static io.illc.plugins.metric.MetricFixtures.handCase;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CognitiveComplexityTest {

    private static MetricResult evaluate(MetricInput in) {
        return new CognitiveComplexityFactory().create(Parameters.empty()).evaluate(in);
    }

    @Test
    void isTheProductOfTheClusterCounts() {
        // K_1 = 2, K_2 = 1.
        MetricResult r = evaluate(handCase(new double[] {0.5, 0.5}, -1));
        assertEquals(2.0, r.value(), 0.0);
        assertEquals("2", r.details().get("exact"));
        assertEquals(Math.log10(2), (double) r.details().get("log10"), TOLERANCE);
    }

    @Test
    void isTheProductOfTheLayerWidthsWithoutCompression() {
        // Widths 3 and 4.
        MetricResult r = evaluate(MetricFixtures.uncompressed());
        assertEquals(12.0, r.value(), 0.0);
        assertEquals("12", r.details().get("exact"));
        assertEquals(Math.log10(12), (double) r.details().get("log10"), TOLERANCE);
    }
}
