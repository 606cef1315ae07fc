package io.illc.core.spec;

import io.illc.core.Workers;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How and where a run is executed: {@code "execution": {"threads": N, "data": "auto", "engine":
 * "local" | "spark", "spark": {"master": URL, "conf": {...}}}}. Results never depend on it.
 *
 * @param threads worker threads for the work that runs in parallel (local explanations of rows,
 *                chunks of streamed rows, a large model's layers, blocks of the forward pass, the
 *                global metrics, the feature summaries), at least 1; {@code null} for every
 *                available processor of the machine that runs it
 * @param data    whether the local engine holds the data rows in memory or streams them from the CSV
 *                file in chunks (the Spark engine always keeps them on its executors)
 * @param engine  {@link #LOCAL} (this machine) or {@link #SPARK} (a Spark cluster, or Spark in this JVM)
 * @param spark   the Spark settings; {@code null} unless the engine is {@link #SPARK}
 */
public record ExecutionSpec(Integer threads, DataMode data, String engine, Spark spark) {
    /** The single-machine engine. */
    public static final String LOCAL = "local";
    /** The Spark engine (module illc-spark). */
    public static final String SPARK = "spark";
    /** Every available processor of this machine, data held or streamed as {@link DataMode#AUTO} decides. */
    public static final ExecutionSpec DEFAULT = new ExecutionSpec(null);

    /**
     * Held or streamed rows. Streamed rows give the same trained and fine-tuned networks, partitions
     * and metrics as held ones; what needs rows held (a holdout, a complexity budget, local
     * explanations) cannot stream.
     */
    public enum DataMode {
        /** Stream a CSV file that held (about four times its size) would not fit in the heap, when the run can stream; else hold. */
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
        Objects.requireNonNull(engine, "engine");
        if (engine.equals(SPARK) && spark == null) {
            spark = Spark.DEFAULT;
        }
        if (!engine.equals(SPARK) && spark != null) {
            throw new IllegalArgumentException("Spark settings for the " + engine + " engine");
        }
    }

    /** {@code threads} workers of this machine, data {@link DataMode#AUTO}. */
    public ExecutionSpec(Integer threads) {
        this(threads, DataMode.AUTO);
    }

    /** {@code threads} workers of this machine. */
    public ExecutionSpec(Integer threads, DataMode data) {
        this(threads, data, LOCAL, null);
    }

    /** The thread count on this machine. */
    public int threadCount() {
        return threads == null ? Workers.available() : threads;
    }

    /** The same settings on {@code count} threads. */
    public ExecutionSpec withThreads(int count) {
        return new ExecutionSpec(count, data, engine, spark);
    }

    /** The same settings on {@code newEngine}, with {@code newSpark} ({@code null} off Spark). */
    public ExecutionSpec withEngine(String newEngine, Spark newSpark) {
        return new ExecutionSpec(threads, data, newEngine, newSpark);
    }

    /**
     * The Spark engine's settings.
     *
     * @param master the master URL ({@code local[*]}: Spark inside this JVM on every processor)
     * @param conf   further Spark properties ({@code spark.executor.memory} → {@code 4g}), in spec order
     */
    public record Spark(String master, Map<String, String> conf) {
        /** Spark inside the JVM that runs illc, on every processor. */
        public static final String DEFAULT_MASTER = "local[*]";
        public static final Spark DEFAULT = new Spark(DEFAULT_MASTER, Map.of());

        public Spark {
            Objects.requireNonNull(master, "master");
            conf = Collections.unmodifiableMap(new LinkedHashMap<>(conf));
        }
    }
}
