package io.illc.api;

import java.util.Locale;

/** The five extension points, each with the factory interface {@link java.util.ServiceLoader} looks up. */
public enum PluginKind {
    CLUSTERING(ClusteringStrategyFactory.class),
    AGGREGATION(AggregationFunctionFactory.class),
    ACTIVATION_INVERSE(ActivationInverseFactory.class),
    METRIC(MetricFactory.class),
    RENDERER(ExplanationRendererFactory.class);

    private final Class<? extends PluginFactory<?>> factoryType;

    PluginKind(Class<? extends PluginFactory<?>> factoryType) {
        this.factoryType = factoryType;
    }

    /** The service interface a plugin's {@code META-INF/services} file is named after. */
    public Class<? extends PluginFactory<?>> factoryType() {
        return factoryType;
    }

    /** The lower-case word used in messages and {@code illc plugins}: clustering, aggregation, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
