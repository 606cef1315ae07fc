package io.illc.api;

import java.util.Objects;

/**
 * A weighted edge of a QBAF from {@code source} to {@code target} (argument ids). Positive weights
 * support, negative weights attack; the QBAF holds no zero-weight edges.
 */
public record Edge(String source, String target, double weight) {

    /** Support or attack. */
    public enum Relation {
        SUPPORT, ATTACK;

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Edge {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        if (weight == 0 || !Double.isFinite(weight)) {
            throw new IllegalArgumentException("edge " + source + " -> " + target + " has weight " + weight);
        }
    }

    public Relation relation() {
        return weight > 0 ? Relation.SUPPORT : Relation.ATTACK;
    }
}
