package io.illc.api;

import java.util.Arrays;

/** An immutable vector of doubles (a bias, a column of per-row weights). Copies in and out; serializable. */
public final class Vector implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] values;

    private Vector(double[] values) {
        this.values = values;
    }

    /** A copy of {@code values}. */
    public static Vector of(double... values) {
        return new Vector(values.clone());
    }

    /** {@code size} copies of {@code value}. */
    public static Vector filled(int size, double value) {
        double[] v = new double[size];
        Arrays.fill(v, value);
        return new Vector(v);
    }

    public int size() {
        return values.length;
    }

    public double get(int i) {
        return values[i];
    }

    /** A copy of the values. */
    public double[] toArray() {
        return values.clone();
    }

    /** The sum of the values. */
    public double sum() {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /** True when every value is finite. */
    public boolean isFinite() {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vector v && Arrays.equals(v.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Vector[" + values.length + "]";
    }
}
