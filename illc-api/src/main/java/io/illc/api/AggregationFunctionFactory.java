package io.illc.api;

/** The service interface of aggregation plugins. */
public interface AggregationFunctionFactory extends PluginFactory<AggregationFunction> {
}
