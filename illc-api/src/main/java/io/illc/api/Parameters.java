package io.illc.api;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checked, fully defaulted parameter values handed to a plugin factory. Values are
 * {@code Integer}, {@code Double}, {@code Boolean}, {@code String} or {@link Path}, as declared;
 * an optional parameter that was not given is absent. Immutable.
 */
public final class Parameters {
    private static final Parameters EMPTY = new Parameters(Map.of());
    private final Map<String, Object> values;

    private Parameters(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Values keyed by parameter name, in declaration order. */
    public static Parameters of(Map<String, ?> values) {
        return new Parameters(new LinkedHashMap<>(values));
    }

    public static Parameters empty() {
        return EMPTY;
    }

    /** All values, in declaration order. */
    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public int getInt(String name) {
        return ((Number) require(name)).intValue();
    }

    public double getDouble(String name) {
        return ((Number) require(name)).doubleValue();
    }

    public boolean getBoolean(String name) {
        return (Boolean) require(name);
    }

    public String getString(String name) {
        return (String) require(name);
    }

    public Path getPath(String name) {
        return (Path) require(name);
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("parameter '" + name + "' has no value");
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
