package io.illc.api;

/** Measures a compression. Implementations are immutable and thread-safe. */
public interface Metric {

    /** The metric's value and details on the given networks and rows. */
    MetricResult evaluate(MetricInput input);

    /**
     * The same global metric as sums over rows (see {@link MetricSums}), for data streamed instead
     * of held. A metric without one still runs on data held in memory; on streamed data the engine
     * reports that it needs every row.
     *
     * @param original   the original network M
     * @param compressed the compressed network μ
     * @param clusters   P_1..P_d
     * @return by default empty: the metric needs every row at once
     */
    default java.util.Optional<MetricSums<?>> sums(Mlp original, Mlp compressed, java.util.List<ClusterAssignment> clusters) {
        return java.util.Optional.empty();
    }
}
