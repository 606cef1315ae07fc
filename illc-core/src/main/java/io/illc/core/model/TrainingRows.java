package io.illc.core.model;

import io.illc.api.Matrix;

/**
 * The rows a network is trained or scored on, by position {@code 0 … count − 1}: raw feature values
 * and a class label each. Held rows of a {@link io.illc.core.data.Dataset} or rows spilled to a
 * file ({@link SpilledRows}); the trainer reads both the same way, so both train the same network.
 */
interface TrainingRows {
    /** The number of rows. */
    int count();

    /** m, the number of feature values per row. */
    int features();

    /**
     * Copies rows {@code rows[0], rows[1], …} into {@code values} (row-major, {@code rows.length · m})
     * and their class indices into {@code labels}.
     */
    void read(int[] rows, double[] values, int[] labels);

    /**
     * Copies the consecutive rows {@code [first, first + n)}, as {@link #read(int[], double[], int[])};
     * a scan over every row reads block after block this way.
     */
    default void readRange(int first, int n, double[] values, int[] labels) {
        int[] rows = new int[n];
        for (int k = 0; k < n; k++) {
            rows[k] = first + k;
        }
        read(rows, values, labels);
    }

    /** Rows held in memory: the given rows of a feature matrix and their labels. */
    static TrainingRows held(Matrix features, int[] labels, int[] rows) {
        int m = features.cols();
        return new TrainingRows() {
            @Override
            public int count() {
                return rows.length;
            }

            @Override
            public int features() {
                return m;
            }

            @Override
            public void read(int[] which, double[] values, int[] out) {
                for (int k = 0; k < which.length; k++) {
                    int r = rows[which[k]];
                    for (int i = 0; i < m; i++) {
                        values[k * m + i] = features.get(r, i);
                    }
                    out[k] = labels[r];
                }
            }
        };
    }
}
