package io.illc.plugins.metric;

import io.illc.api.MetricFactory;
import io.illc.api.MetricFactory.Scope;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class MetricRegistrationTest {

    @Test
    void serviceLoaderFindsEveryMetricWithItsScope() {
        Map<String, Scope> found = new TreeMap<>();
        for (MetricFactory f : ServiceLoader.load(MetricFactory.class)) {
            if (f.getClass().getPackageName().equals(MetricRegistrationTest.class.getPackageName())) {
                assertEquals(null, found.put(f.name(), f.scope()), "duplicate name " + f.name());
                assertFalse(f.description().isBlank() || f.description().contains("\n"), f.name());
            }
        }
        assertEquals(new TreeMap<>(Map.of(
                "agreement", Scope.GLOBAL,
                "cognitive-complexity", Scope.GLOBAL,
                "dead-neurons", Scope.GLOBAL,
                "io-unfaithfulness", Scope.GLOBAL,
                "structural-unfaithfulness", Scope.GLOBAL,
                "sign-agreement", Scope.GLOBAL,
                "local-io-unfaithfulness", Scope.LOCAL,
                "local-structural-unfaithfulness", Scope.LOCAL)), found);
    }
}
