package io.illc.core.attribution;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@link Attributions#compute} computes.
 *
 * @param methods the methods, without repeats, in {@link Method} order
 * @param target  the output whose strength is attributed
 * @param samples the permutations sampled per layer for Shapley values of a layer with more than
 *                {@link Attributions#EXACT_SHAPLEY_LIMIT} arguments; at least 2 (a standard error needs two)
 */
public record AttributionSettings(List<Method> methods, Target target, int samples) {
    /** The permutations sampled per layer by default. */
    public static final int DEFAULT_SAMPLES = 1000;

    /** An attribution method. */
    public enum Method {
        GRADIENT, REMOVAL, SHAPLEY;

        /** The name in specs and in {@code attribution.json}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The output attributed: the predicted one ({@link #PREDICTED}), one named by its argument id,
     * or one by its 0-based index among the outputs.
     *
     * @param name  the output's id, or {@code null}
     * @param index the output's index, or {@code null}; at most one of the two is set
     */
    public record Target(String name, Integer index) {
        /** The output of the predicted class (with one output: that output). */
        public static final Target PREDICTED = new Target(null, null);

        public Target {
            if (name != null && index != null) {
                throw new IllegalArgumentException("a target is a name or an index, not both");
            }
            if (index != null && index < 0) {
                throw new IllegalArgumentException("negative output index " + index);
            }
        }

        /**
         * The index among {@code outputIds} this target picks.
         *
         * @param predicted the index of the predicted output
         * @throws IllegalArgumentException for a name or index that is not an output, listing the outputs
         */
        public int resolve(List<String> outputIds, int predicted) {
            if (name == null && index == null) {
                return predicted;
            }
            int i = name != null ? outputIds.indexOf(name) : index;
            if (i < 0 || i >= outputIds.size()) {
                throw new IllegalArgumentException((name != null ? "'" + name + "' is not an output" : "output index "
                        + index + " is out of range 0.." + (outputIds.size() - 1)) + "; the outputs are "
                        + String.join(", ", outputIds) + " (or \"predicted\")");
            }
            return i;
        }

        /** How the spec writes it: {@code "predicted"}, the name, or the index. */
        public Object jsonValue() {
            return name != null ? name : index != null ? (Object) index : "predicted";
        }
    }

    public AttributionSettings {
        methods = List.copyOf(methods);
        Objects.requireNonNull(target, "target");
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("no attribution method");
        }
        if (samples < 2) {
            throw new IllegalArgumentException("Shapley sampling needs at least 2 permutations, got " + samples);
        }
    }

    /** Every method, the predicted output, {@link #DEFAULT_SAMPLES} permutations. */
    public static AttributionSettings all() {
        return new AttributionSettings(List.of(Method.values()), Target.PREDICTED, DEFAULT_SAMPLES);
    }
}
