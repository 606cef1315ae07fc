package io.illc.core.io;

/**
 * Decimal numbers converted to doubles exactly where the doubles allow it (Clinger's fast path):
 * for the readers that convert numbers themselves (weights JSON layers, CSV values) and leave the
 * rest to a full parser. Stateless.
 */
public final class ExactDecimal {
    /** 2^53: every integer up to it is a double. */
    public static final long MAX_EXACT = 1L << 53;
    /** 10^0 to 10^22, the powers of ten that are doubles exactly. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    /** The largest k of {@link #powerOfTen}. */
    public static final int MAX_POWER = POWERS_OF_TEN.length - 1;

    private ExactDecimal() {
    }

    /**
     * w × 10^-k correctly rounded (the bits {@link Double#parseDouble} gives), for 0 ≤ w ≤ 2^53 and
     * |k| ≤ 22: w and 10^|k| are then doubles exactly, so the one rounding of the one division or
     * product is the correct one. NaN for any other w or k.
     */
    public static double of(long w, int k) {
        if (w < 0 || w > MAX_EXACT) {
            return Double.NaN;
        }
        if (k >= 0 && k <= MAX_POWER) {
            return w / POWERS_OF_TEN[k];
        }
        if (k < 0 && -k <= MAX_POWER) {
            return w * POWERS_OF_TEN[-k];
        }
        return Double.NaN;
    }

    /** 10^k exactly, for 0 ≤ k ≤ {@link #MAX_POWER}. */
    public static double powerOfTen(int k) {
        return POWERS_OF_TEN[k];
    }
}
