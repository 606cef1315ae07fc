package io.illc.plugins.aggregation;

import io.illc.api.AggregationFunctionFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AggregationRegistrationTest {

    @Test
    void serviceLoaderFindsEveryAggregation() {
        List<String> names = ServiceLoader.load(AggregationFunctionFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.getClass().getPackageName().equals(AggregationRegistrationTest.class.getPackageName()))
                .map(AggregationFunctionFactory::name).sorted().toList();
        assertEquals(List.of("average", "local", "refit"), names);
    }
}
