package io.illc.core.spec;

import io.illc.core.Workers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How and where a run is executed: {@code "execution": {"threads": N, "engine": "local" | "spark",
 * "spark": {"master": URL, "conf": {...}}}}. Results never depend on it.
 *
 * @param threads worker threads for the work that runs in parallel (local explanations of rows),
 *                at least 1; {@code null} for every available processor of the machine that runs it
 * @param engine  {@link #LOCAL} (this machine) or {@link #SPARK} (a Spark cluster, or Spark in this JVM)
 * @param spark   the Spark settings; {@code null} unless the engine is {@link #SPARK}
 */
public record ExecutionSpec(Integer threads, String engine, Spark spark) {
    /** The single-machine engine. */
    public static final String LOCAL = "local";
    /** The Spark engine (module illc-spark). */
    public static final String SPARK = "spark";
    /** Every available processor, on this machine. */
    public static final ExecutionSpec DEFAULT = new ExecutionSpec(null);

    public ExecutionSpec {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        Objects.requireNonNull(engine, "engine");
        if (engine.equals(SPARK) && spark == null) {
            spark = Spark.DEFAULT;
        }
        if (!engine.equals(SPARK) && spark != null) {
            throw new IllegalArgumentException("Spark settings for the " + engine + " engine");
        }
    }

    /** On this machine. */
    public ExecutionSpec(Integer threads) {
        this(threads, LOCAL, null);
    }

    /** The thread count on this machine. */
    public int threadCount() {
        return threads == null ? Workers.available() : threads;
    }

    /** The same settings on {@code count} threads. */
    public ExecutionSpec withThreads(int count) {
        return new ExecutionSpec(count, engine, spark);
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
