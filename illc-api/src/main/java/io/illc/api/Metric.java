package io.illc.api;

/** Measures a compression. Implementations are immutable and thread-safe. */
public interface Metric {

    /** The metric's value and details on the given networks and rows. */
    MetricResult evaluate(MetricInput input);
}
