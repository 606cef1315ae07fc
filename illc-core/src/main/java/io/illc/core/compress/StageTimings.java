package io.illc.core.compress;

import io.illc.core.Ticker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time in seconds per named stage, in the order the stages first ran, read from one
 * {@link Ticker}. Not thread-safe: one instance per run.
 */
public final class StageTimings {
    private final Ticker ticker;
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    public StageTimings(Ticker ticker) {
        this.ticker = ticker;
    }

    /** The ticker's reading now, to pass to {@link #add} when the stage ends. */
    public long start() {
        return ticker.nanos();
    }

    /** Adds the time since {@code startNanos} (a reading of {@link #start()}) to {@code stage}. */
    public void add(String stage, long startNanos) {
        seconds.merge(stage, (ticker.nanos() - startNanos) / 1e9, Double::sum);
    }

    /** Adds all of {@code other}'s stages to this one. */
    public void addAll(StageTimings other) {
        other.seconds.forEach((k, v) -> seconds.merge(k, v, Double::sum));
    }

    /** An unmodifiable view, in stage order. */
    public Map<String, Double> asMap() {
        return Collections.unmodifiableMap(seconds);
    }
}
