package io.illc.plugins.metric;

import io.illc.api.Parameter;

import java.util.List;
import java.util.Locale;

/** D(a, b), the distance the structural unfaithfulness sums up. */
enum Norm {
    /** |a − b|. */
    L1,
    /** (a − b)². */
    SQUARED;

    /** The spec parameter choosing the norm. */
    static final String PARAMETER = "norm";

    double distance(double a, double b) {
        double diff = a - b;
        return this == L1 ? Math.abs(diff) : diff * diff;
    }

    /** The spec value: {@code l1} or {@code squared}. */
    String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The {@code norm} parameter, default {@code l1}. */
    static Parameter parameter() {
        return Parameter.choice(PARAMETER, L1.jsonName(), List.of(L1.jsonName(), SQUARED.jsonName()),
                "the distance D(a, b): 'l1' = |a - b|, 'squared' = (a - b)^2");
    }

    static Norm fromJsonName(String name) {
        for (Norm n : values()) {
            if (n.jsonName().equals(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("norm must be 'l1' or 'squared', got '" + name + "'");
    }
}
