package io.illc.core.spec;

import io.illc.core.Workers;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a run uses the machine: {@code "execution": {"threads": N, "data": "auto"}}. Results never
 * depend on it.
 *
 * @param threads worker threads for the work that runs in parallel (local explanations of rows,
 *                chunks of streamed rows), at least 1; {@code null} for every available processor of
 *                the machine that runs it
 * @param data    whether the data rows are held in memory or streamed from the CSV file in chunks
 */
public record ExecutionSpec(Integer threads, DataMode data) {
    /** Every available processor, data held or streamed as {@link DataMode#AUTO} decides. */
    public static final ExecutionSpec DEFAULT = new ExecutionSpec(null);

    /**
     * Held or streamed rows. Streamed rows give the same partitions, network and metrics as held
     * ones; what needs rows held (training, a holdout, a complexity budget, fine-tuning, local
     * explanations) cannot stream.
     */
    public enum DataMode {
        /** Stream a CSV file that would not fit in a quarter of the heap, when the run can stream; else hold. */
        AUTO,
        /** Hold every row in memory. */
        MEMORY,
        /** Read the CSV file in chunks; a setting that needs rows held is an error. */
        STREAM;

        /** The spec value: {@code auto}, {@code memory} or {@code stream}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Every spec value, in declaration order. */
        public static List<String> jsonNames() {
            return Arrays.stream(values()).map(DataMode::jsonName).toList();
        }

        /** The mode a spec names. */
        public static DataMode fromJsonName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    public ExecutionSpec {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        Objects.requireNonNull(data, "data");
    }

    /** {@code threads} workers, data {@link DataMode#AUTO}. */
    public ExecutionSpec(Integer threads) {
        this(threads, DataMode.AUTO);
    }

    /** The thread count on this machine. */
    public int threadCount() {
        return threads == null ? Workers.available() : threads;
    }
}
