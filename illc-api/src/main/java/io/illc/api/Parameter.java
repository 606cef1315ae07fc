package io.illc.api;

import java.util.List;
import java.util.Objects;

/**
 * One typed parameter of a plugin, with its default. The catalog checks every value a spec gives
 * against this declaration; a parameter a plugin does not declare is an error.
 *
 * @param name         the key in the spec's {@code params} object (camelCase)
 * @param type         the value type
 * @param defaultValue the value used when the spec leaves the key out; {@code null} means
 *                     "required" unless {@code optional} is true
 * @param optional     true when leaving the key out means "not set" (the value is then {@code null})
 * @param choices      for {@link Type#CHOICE}: the allowed values; empty otherwise
 * @param min          inclusive lower bound for numbers ({@code -inf} = none)
 * @param max          inclusive upper bound for numbers ({@code +inf} = none)
 * @param description  one line for {@code illc describe}
 */
public record Parameter(String name, Type type, Object defaultValue, boolean optional, List<String> choices,
                        double min, double max, String description) {

    /** The value types a parameter can have. */
    public enum Type {
        INTEGER, NUMBER, BOOLEAN, STRING, CHOICE,
        /** A file path; relative paths resolve against the spec file's folder. */
        PATH
    }

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
        if (type == Type.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("choice parameter '" + name + "' needs choices");
        }
        if (min > max) {
            throw new IllegalArgumentException("parameter '" + name + "' has min " + min + " > max " + max);
        }
    }

    /** True when the spec must give a value. */
    public boolean required() {
        return defaultValue == null && !optional;
    }

    public static Parameter integer(String name, int defaultValue, int min, int max, String description) {
        return new Parameter(name, Type.INTEGER, defaultValue, false, List.of(), min, max, description);
    }

    public static Parameter number(String name, double defaultValue, double min, double max, String description) {
        return new Parameter(name, Type.NUMBER, defaultValue, false, List.of(), min, max, description);
    }

    /** A number that may be left out (then {@code null}). */
    public static Parameter optionalNumber(String name, double min, double max, String description) {
        return new Parameter(name, Type.NUMBER, null, true, List.of(), min, max, description);
    }

    /** An integer that may be left out (then {@code null}). */
    public static Parameter optionalInteger(String name, int min, int max, String description) {
        return new Parameter(name, Type.INTEGER, null, true, List.of(), min, max, description);
    }

    public static Parameter bool(String name, boolean defaultValue, String description) {
        return new Parameter(name, Type.BOOLEAN, defaultValue, false, List.of(),
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, description);
    }

    public static Parameter choice(String name, String defaultValue, List<String> choices, String description) {
        return new Parameter(name, Type.CHOICE, defaultValue, false, choices,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, description);
    }

    /** A file path the spec must give. */
    public static Parameter requiredPath(String name, String description) {
        return new Parameter(name, Type.PATH, null, false, List.of(),
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, description);
    }
}
