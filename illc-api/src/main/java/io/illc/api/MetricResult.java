package io.illc.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A metric's value and its details, written to {@code metrics.json} as
 * {@code {"value": ..., "details": {...}}}. Detail values are numbers, strings, booleans or lists of
 * numbers. Immutable.
 */
public final class MetricResult {
    private final double value;
    private final Map<String, Object> details;

    private MetricResult(double value, Map<String, Object> details) {
        this.value = value;
        this.details = details;
    }

    public static MetricResult of(double value) {
        return new MetricResult(value, Map.of());
    }

    /** {@code details} in iteration order; lists are copied. */
    public static MetricResult of(double value, Map<String, ?> details) {
        Map<String, Object> copy = new LinkedHashMap<>();
        details.forEach((k, v) -> {
            Objects.requireNonNull(v, () -> "detail '" + k + "' is null");
            if (v instanceof List<?> list) {
                copy.put(k, List.copyOf(list));
            } else if (v instanceof double[] array) {
                copy.put(k, java.util.Arrays.stream(array).boxed().toList());
            } else if (v instanceof Number || v instanceof String || v instanceof Boolean) {
                copy.put(k, v);
            } else {
                throw new IllegalArgumentException("detail '" + k + "' has unsupported type " + v.getClass().getSimpleName());
            }
        });
        return new MetricResult(value, Collections.unmodifiableMap(copy));
    }

    public double value() {
        return value;
    }

    /** Unmodifiable, in insertion order. */
    public Map<String, Object> details() {
        return details;
    }

    @Override
    public String toString() {
        return "MetricResult[value=" + value + ", details=" + details + "]";
    }
}
