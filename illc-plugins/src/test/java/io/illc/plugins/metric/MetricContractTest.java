package io.illc.plugins.metric;

import io.illc.api.DetailKey;
import io.illc.api.MetricFactory;
import io.illc.api.MetricFactory.Direction;
import io.illc.api.MetricFactory.Scope;
import io.illc.api.MetricResult;
import io.illc.api.Parameter;
import io.illc.api.Parameters;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the built-in metrics declare through the SPI, and that their results keep to it. */
class MetricContractTest {

    @Test
    void everyBuiltInMetricDeclaresWhichWayItIsBetter() {
        Map<String, Direction> declared = new TreeMap<>();
        builtIns().forEach(f -> declared.put(f.name(), f.direction()));

        assertEquals(new TreeMap<>(Map.of(
                "agreement", Direction.HIGHER_IS_BETTER,
                "cognitive-complexity", Direction.INFORMATIONAL,
                "dead-neurons", Direction.INFORMATIONAL,
                "io-unfaithfulness", Direction.LOWER_IS_BETTER,
                "structural-unfaithfulness", Direction.LOWER_IS_BETTER,
                "sign-agreement", Direction.HIGHER_IS_BETTER,
                "local-io-unfaithfulness", Direction.LOWER_IS_BETTER,
                "local-structural-unfaithfulness", Direction.LOWER_IS_BETTER)), declared);
    }

    @Test
    void everyBuiltInMetricWritesOnlyItsDeclaredDetailKeysWithTheirDeclaredShapes() {
        for (MetricFactory f : builtIns()) {
            // Row 0 is the explained row, so a local metric writes its at-instance detail too.
            MetricResult result = f.create(defaults(f)).evaluate(MetricFixtures.handCase(new double[] {0.5, 0.5},
                    f.scope() == Scope.LOCAL ? 0 : -1));
            Map<String, DetailKey> keys = new LinkedHashMap<>();
            f.detailKeys().forEach(k -> keys.put(k.name(), k));

            assertEquals(f.detailKeys().size(), keys.size(), f.name() + " declares a detail key twice");
            assertEquals(List.copyOf(keys.keySet()), List.copyOf(result.details().keySet()),
                    f.name() + " writes its declared detail keys, in the declared order");
            result.details().forEach((name, value) -> assertTrue(keys.get(name).shape().accepts(value),
                    f.name() + " writes " + name + " = " + value + ", declared a " + keys.get(name).shape().label()));
        }
    }

    private static List<MetricFactory> builtIns() {
        return ServiceLoader.load(MetricFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.getClass().getPackageName().equals(MetricContractTest.class.getPackageName()))
                .toList();
    }

    private static Parameters defaults(MetricFactory f) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter p : f.parameters()) {
            values.put(p.name(), p.defaultValue());
        }
        return Parameters.of(values);
    }
}
