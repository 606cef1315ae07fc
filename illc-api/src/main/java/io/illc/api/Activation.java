package io.illc.api;

import java.util.Locale;

/**
 * The activation of a dense layer. {@link #SOFTMAX} is allowed on the output layer only; it
 * works on a whole row of pre-activations, every other activation is element-wise.
 */
public enum Activation {
    RELU, SIGMOID, TANH, LINEAR, SOFTMAX;

    /** The name used in weights JSON and specs: {@code relu}, {@code sigmoid}, ... */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The activation named {@code name} (case-insensitive), or {@code null} if none is. */
    public static Activation fromName(String name) {
        for (Activation a : values()) {
            if (a.jsonName().equalsIgnoreCase(name)) {
                return a;
            }
        }
        return null;
    }

    /** True for the element-wise activations (all but softmax). */
    public boolean isElementWise() {
        return this != SOFTMAX;
    }

    /** φ(z) for an element-wise activation. */
    public double apply(double z) {
        return switch (this) {
            case RELU -> z > 0 ? z : 0.0;
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-z));
            case TANH -> Math.tanh(z);
            case LINEAR -> z;
            case SOFTMAX -> throw new UnsupportedOperationException("softmax works on a whole row; use applyToRow");
        };
    }

    /** Applies the activation in place to one row of pre-activations (softmax normalises over the row). */
    public void applyToRow(double[] row) {
        if (this == SOFTMAX) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : row) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int i = 0; i < row.length; i++) {
                row[i] = Math.exp(row[i] - max);
                sum += row[i];
            }
            for (int i = 0; i < row.length; i++) {
                row[i] /= sum;
            }
        } else {
            for (int i = 0; i < row.length; i++) {
                row[i] = apply(row[i]);
            }
        }
    }
}
