package io.illc.core.spec;

import io.illc.core.Workers;

/**
 * How a run uses the machine: {@code "execution": {"threads": N}}. Results never depend on it.
 *
 * @param threads worker threads for the work that runs in parallel (local explanations of rows),
 *                at least 1; {@code null} for every available processor of the machine that runs it
 */
public record ExecutionSpec(Integer threads) {
    /** Every available processor. */
    public static final ExecutionSpec DEFAULT = new ExecutionSpec(null);

    public ExecutionSpec {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** The thread count on this machine. */
    public int threadCount() {
        return threads == null ? Workers.available() : threads;
    }
}
