package io.illc.core.compress;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time in seconds per named stage, in the order the stages first ran. Not thread-safe:
 * one instance per run.
 */
public final class StageTimings {
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    /** Adds the time since {@code startNanos} (from {@link System#nanoTime()}) to {@code stage}. */
    public void add(String stage, long startNanos) {
        seconds.merge(stage, (System.nanoTime() - startNanos) / 1e9, Double::sum);
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
