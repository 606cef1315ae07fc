package io.illc.core.pipeline;

import io.illc.api.Matrix;

import java.util.Objects;

/**
 * The data rows a stage reads, {@code [count, features]}, in a fixed order. Stages ask for the rows
 * they need through this interface rather than reaching into a data set, so a source that reads
 * rows in chunks can stand in for one held in memory. Implementations are immutable.
 */
public interface Rows {
    /** N, the number of rows. */
    int count();

    /** m, the number of features of every row. */
    int features();

    /** Rows {@code [from, to)} as a {@code [to - from, m]} matrix. */
    Matrix slice(int from, int to);

    /** Every row, {@code [N, m]}. */
    default Matrix all() {
        return slice(0, count());
    }

    /** The rows at {@code indices}, in that order. */
    default Rows select(int[] indices) {
        Matrix all = all();
        double[] out = new double[indices.length * all.cols()];
        for (int r = 0; r < indices.length; r++) {
            System.arraycopy(all.row(indices[r]), 0, out, r * all.cols(), all.cols());
        }
        return of(Matrix.ofRowMajor(indices.length, all.cols(), out));
    }

    /** Rows held in memory. */
    static Rows of(Matrix rows) {
        Objects.requireNonNull(rows, "rows");
        return new Rows() {
            @Override
            public int count() {
                return rows.rows();
            }

            @Override
            public int features() {
                return rows.cols();
            }

            @Override
            public Matrix slice(int from, int to) {
                if (from == 0 && to == rows.rows()) {
                    return rows;
                }
                double[] all = rows.toRowMajor();
                return Matrix.ofRowMajor(to - from, rows.cols(),
                        java.util.Arrays.copyOfRange(all, from * rows.cols(), to * rows.cols()));
            }
        };
    }
}
