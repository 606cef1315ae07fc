package io.illc.api;

import java.util.List;

/**
 * The service interface of metric plugins. Besides its name and parameters a metric factory declares
 * the contract the engine relies on: where the metric applies ({@link #scope()}), which way it is
 * better ({@link #direction()}) and which details it writes ({@link #detailKeys()}).
 */
public interface MetricFactory extends PluginFactory<Metric> {

    /** Where a metric applies. */
    enum Scope {
        /** Run on every global compression; every installed global metric runs by default. */
        GLOBAL,
        /** Run on every local explanation. */
        LOCAL
    }

    /** Which way a metric's value is better, as reports that compare two methods rank it. */
    enum Direction {
        /** Smaller values mean a better compression (an unfaithfulness, an error). */
        LOWER_IS_BETTER,
        /** Larger values mean a better compression (an agreement, an accuracy). */
        HIGHER_IS_BETTER,
        /**
         * Neither: the value describes the setting rather than the compression's quality (the
         * cluster counts asked for, the original network), so it is shown but never ranked.
         */
        INFORMATIONAL,
        /** Not declared: shown but never ranked. The default, for metrics written before directions existed. */
        UNKNOWN
    }

    Scope scope();

    /**
     * Which way the metric is better. Reports rank methods by it; {@link Direction#INFORMATIONAL} and
     * {@link Direction#UNKNOWN} values are shown but not ranked.
     *
     * @return by default {@link Direction#UNKNOWN}
     */
    default Direction direction() {
        return Direction.UNKNOWN;
    }

    /**
     * Every key the metric may write into {@link MetricResult#details()}, in the order it writes
     * them. A metric writes no other key, and writes each with its declared shape; a key may be left
     * out of a result (an {@link DetailKey#AT_INSTANCE} without an explained row). Use the shared
     * constants of {@link DetailKey} for the keys the engine reads.
     *
     * @return by default none declared; the engine then still writes whatever details the metric returns
     */
    default List<DetailKey> detailKeys() {
        return List.of();
    }
}
