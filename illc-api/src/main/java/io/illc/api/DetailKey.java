package io.illc.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The name and shape of one entry of {@link MetricResult#details()}: what a metric declares it
 * writes ({@link MetricFactory#detailKeys()}) and what the engine reads back. The constants here are
 * the keys both sides share; a metric's other keys are its own business and are declared the same way.
 *
 * @param name  the key in {@code details} and in {@code metrics.json}; non-blank
 * @param shape the kind of value stored under it
 */
public record DetailKey(String name, Shape shape) {
    /**
     * One number per layer, in layer order: the hidden layers 1..d (and, where the metric says so,
     * the output layer last). The experiment figures plot it per layer.
     */
    public static final DetailKey PER_LAYER = new DetailKey("perLayer", Shape.NUMBER_LIST);
    /** {@link #PER_LAYER} measured on the compressed network's cluster-neurons instead of the original's neurons. */
    public static final DetailKey PER_LAYER_COMPRESSED = new DetailKey("perLayerCompressed", Shape.NUMBER_LIST);
    /**
     * A local metric on the explained row alone (weight 1 on it); left out when there is no such row.
     * The engine evaluates local metrics on the explained row and copies this entry into the result.
     */
    public static final DetailKey AT_INSTANCE = new DetailKey("atInstance", Shape.NUMBER);

    /** The kinds of value {@link MetricResult} can hold. */
    public enum Shape {
        /** A {@link Number}. */
        NUMBER,
        /** A list of numbers (given as {@code double[]} or a {@code List} of {@link Number}s). */
        NUMBER_LIST,
        /** A {@link String}. */
        STRING,
        /** A {@link Boolean}. */
        BOOLEAN;

        /** True when {@code value}, as {@link MetricResult#details()} holds it, has this shape. */
        public boolean accepts(Object value) {
            return switch (this) {
                case NUMBER -> value instanceof Number;
                case NUMBER_LIST -> value instanceof List<?> list && list.stream().allMatch(Number.class::isInstance);
                case STRING -> value instanceof String;
                case BOOLEAN -> value instanceof Boolean;
            };
        }

        /** {@code number list}, ... for messages. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    public DetailKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a detail key needs a name");
        }
    }
}
