package io.illc.core.attribution;

import java.util.Locale;
import java.util.Objects;

/**
 * Which parameters {@link Contestability#compute} may change.
 *
 * @param scope  the edges into (or the biases of) the outputs, one layer, or every layer
 * @param layer  with {@link Scope#LAYER}: the layer 1..d+1 whose incoming edges or biases change
 *               (d+1 is the output layer); 0 otherwise
 * @param what   edge weights or biases
 */
public record ContestSettings(Scope scope, int layer, What what) {
    /** Where the changed parameters are. */
    public enum Scope {
        OUTPUT, LAYER, ALL;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Edge weights or biases (base scores). */
    public enum What {
        WEIGHTS, BIAS;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The edges into the outputs: the exact case. */
    public static final ContestSettings DEFAULT = new ContestSettings(Scope.OUTPUT, 0, What.WEIGHTS);

    public ContestSettings {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(what, "what");
        if (scope == Scope.LAYER ? layer < 1 : layer != 0) {
            throw new IllegalArgumentException("a layer (≥ 1) goes with scope layer only, got scope " + scope.jsonName()
                    + " and layer " + layer);
        }
    }
}
