package io.illc.api;

import java.nio.DoubleBuffer;
import java.util.Arrays;

/**
 * An immutable dense matrix of doubles, stored row-major.
 *
 * <p>Activation matrices are {@code [samples, neurons]}; weight matrices are {@code [out, in]}
 * (rows are the neurons of the layer they feed). Every factory copies its input and every
 * accessor that returns an array copies its output, so a {@code Matrix} can be shared freely
 * between threads, and it is {@link java.io.Serializable} so that an engine can ship it to other machines.
 */
public final class Matrix implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final int rows;
    private final int cols;
    private final double[] values;

    private Matrix(int rows, int cols, double[] values) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative shape [" + rows + ", " + cols + "]");
        }
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException("shape [" + rows + ", " + cols + "] needs "
                    + (long) rows * cols + " values, got " + values.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.values = values;
    }

    /** A copy of {@code values}, read row by row; {@code values.length} must be {@code rows * cols}. */
    public static Matrix ofRowMajor(int rows, int cols, double[] values) {
        return new Matrix(rows, cols, values.clone());
    }

    /**
     * {@link #ofRowMajor} over {@code values} itself, not a copy (as {@code ByteBuffer.wrap}): for
     * code that makes an array only to hand it over, such as a layer's activations (2 MB for 569
     * rows of 500 neurons). The caller gives the array up: changing it afterwards would change
     * this matrix.
     */
    public static Matrix wrap(int rows, int cols, double[] values) {
        return new Matrix(rows, cols, values);
    }

    /** A copy of a rectangular array of rows. */
    public static Matrix of(double[][] rowsOfValues) {
        int r = rowsOfValues.length;
        int c = r == 0 ? 0 : rowsOfValues[0].length;
        double[] v = new double[r * c];
        for (int i = 0; i < r; i++) {
            if (rowsOfValues[i].length != c) {
                throw new IllegalArgumentException("ragged rows: row 0 has " + c + " values, row "
                        + i + " has " + rowsOfValues[i].length);
            }
            System.arraycopy(rowsOfValues[i], 0, v, i * c, c);
        }
        return new Matrix(r, c, v);
    }

    /** A matrix of zeros. */
    public static Matrix zeros(int rows, int cols) {
        return new Matrix(rows, cols, new double[rows * cols]);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public double get(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("(" + row + ", " + col + ") outside [" + rows + ", " + cols + "]");
        }
        return values[row * cols + col];
    }

    /** A copy of one row. */
    public double[] row(int row) {
        return Arrays.copyOfRange(values, row * cols, (row + 1) * cols);
    }

    /** A copy of one column. */
    public double[] column(int col) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = values[i * cols + col];
        }
        return out;
    }

    /** A copy of all values, row by row. */
    public double[] toRowMajor() {
        return values.clone();
    }

    /**
     * All values, row by row, as a read-only view of this matrix's own array, not a copy: for code
     * that reads many of them, or copies some into memory of its own (a layer's weights into
     * native memory for BLAS), without the 2 MB of a 500 × 500 {@link #toRowMajor()} each time.
     * Each call returns a new view, positioned at 0.
     */
    public DoubleBuffer readOnlyValues() {
        return DoubleBuffer.wrap(values).asReadOnlyBuffer();
    }

    /** A copy as an array of rows. */
    public double[][] toArray() {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = row(i);
        }
        return out;
    }

    /** The transpose, {@code [cols, rows]}. */
    public Matrix transpose() {
        double[] t = new double[values.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = values[i * cols + j];
            }
        }
        return new Matrix(cols, rows, t);
    }

    /** True when every value is finite (no NaN, no infinity). */
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
        return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Matrix[" + rows + ", " + cols + "]";
    }
}
