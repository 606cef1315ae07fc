package io.illc.api;

/** The service interface of metric plugins. */
public interface MetricFactory extends PluginFactory<Metric> {

    /** Where a metric applies. */
    enum Scope {
        /** Run on every global compression; every installed global metric runs by default. */
        GLOBAL,
        /** Run on every local explanation. */
        LOCAL
    }

    Scope scope();
}
