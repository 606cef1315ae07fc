package io.illc.core.finetune;

import io.illc.api.Matrix;
import io.illc.core.io.SpilledRecords;

import java.io.Closeable;
import java.util.Arrays;

/**
 * The rows fine-tuning reads, by position: each row's raw inputs and its targets for every layer
 * (the cluster means of the original's hidden activations, then its outputs). Held in arrays, or
 * spilled to a file ({@link SpilledRecords}); the fine-tuner reads both alike, so both tune the same
 * network. Not thread-safe.
 */
interface TuningRows {
    /** The number of rows. */
    int count();

    /** m, the inputs per row. */
    int inputs();

    /** The width of each layer's targets, K_1..K_d and the outputs. */
    int[] widths();

    /**
     * Copies the raw inputs of rows {@code which[0], which[1], …} into {@code x} ({@code [B, m]}) and
     * their targets into {@code targets[l]} ({@code [B, widths[l]]}).
     */
    void read(int[] which, double[] x, double[][] targets);

    /** The raw inputs of rows {@code [first, first + count)}, row-major. */
    default double[] inputs(int first, int count) {
        int[] which = new int[count];
        Arrays.setAll(which, i -> first + i);
        return inputsOf(which);
    }

    /** The raw inputs of the given rows, row-major {@code [which.length, m]}. */
    default double[] inputsOf(int[] which) {
        int[] widths = widths();
        double[][] targets = new double[widths.length][];
        for (int l = 0; l < widths.length; l++) {
            targets[l] = new double[which.length * widths[l]];
        }
        double[] x = new double[which.length * inputs()];
        read(which, x, targets);
        return x;
    }

    /** Rows held in memory: {@code x} {@code [N, m]} and {@code targets[l]} {@code [N, widths[l]]}. */
    static TuningRows held(Matrix x, double[][] targets) {
        int n = x.rows();
        int m = x.cols();
        double[] values = x.toRowMajor();
        int[] widths = new int[targets.length];
        for (int l = 0; l < targets.length; l++) {
            widths[l] = targets[l].length / Math.max(1, n);
        }
        return new Shaped(m, widths) {
            @Override
            public int count() {
                return n;
            }

            @Override
            public double[] inputs(int first, int count) {
                return Arrays.copyOfRange(values, first * m, (first + count) * m);
            }

            @Override
            public void read(int[] which, double[] into, double[][] targetsInto) {
                for (int k = 0; k < which.length; k++) {
                    System.arraycopy(values, which[k] * m, into, k * m, m);
                    for (int l = 0; l < widths.length; l++) {
                        System.arraycopy(targets[l], which[k] * widths[l], targetsInto[l], k * widths[l], widths[l]);
                    }
                }
            }
        };
    }

    /** The rows of {@code first}, then those of {@code second} numbered on from {@code first.count()}. */
    static TuningRows concat(TuningRows first, TuningRows second) {
        int split = first.count();
        int[] widths = first.widths();
        int m = first.inputs();
        return new Shaped(m, widths) {
            @Override
            public int count() {
                return split + second.count();
            }

            @Override
            public void read(int[] which, double[] into, double[][] targetsInto) {
                // Row by row, so that a batch may mix rows of both parts in any order.
                int[] one = new int[1];
                double[] x = new double[m];
                double[][] t = new double[widths.length][];
                for (int l = 0; l < widths.length; l++) {
                    t[l] = new double[widths[l]];
                }
                for (int k = 0; k < which.length; k++) {
                    boolean early = which[k] < split;
                    one[0] = early ? which[k] : which[k] - split;
                    (early ? first : second).read(one, x, t);
                    System.arraycopy(x, 0, into, k * m, m);
                    for (int l = 0; l < widths.length; l++) {
                        System.arraycopy(t[l], 0, targetsInto[l], k * widths[l], widths[l]);
                    }
                }
            }
        };
    }

    /** Rows of {@code m} inputs and targets of the given widths. */
    abstract class Shaped implements TuningRows {
        final int m;
        final int[] widths;

        Shaped(int m, int[] widths) {
            this.m = m;
            this.widths = widths.clone();
        }

        @Override
        public int inputs() {
            return m;
        }

        @Override
        public int[] widths() {
            return widths.clone();
        }
    }

    /**
     * Rows in a temporary file ({@link SpilledRecords}): per row a record of its m inputs followed by
     * its targets of each layer, 8 · (m + Σ widths) bytes. Closing it deletes the file.
     */
    final class Spilled extends Shaped implements Closeable {
        private final SpilledRecords records;
        private final double[] record;

        private Spilled(int m, int[] widths) {
            super(m, widths);
            this.records = SpilledRecords.create(m + Arrays.stream(widths).sum(), "finetune");
            this.record = new double[records.width()];
        }

        /** An empty file of rows of {@code m} inputs and targets of the given widths. */
        static Spilled create(int m, int[] widths) {
            return new Spilled(m, widths);
        }

        /**
         * Appends one row: its inputs {@code x[offset … offset + m)} and row {@code r} of each layer's
         * targets ({@code targets[l]} row-major, {@code widths[l]} a row); {@link #finish()} before reading.
         */
        void append(double[] x, int offset, double[][] targets, int r) {
            System.arraycopy(x, offset, record, 0, m);
            int at = m;
            for (int l = 0; l < widths.length; l++) {
                System.arraycopy(targets[l], r * widths[l], record, at, widths[l]);
                at += widths[l];
            }
            records.append(record, 0);
        }

        /** Writes what is buffered; the rows appended so far can then be read. */
        void finish() {
            records.finish();
        }

        @Override
        public int count() {
            return records.count();
        }

        @Override
        public double[] inputs(int first, int count) {
            double[] read = records.readRange(first, count);
            double[] x = new double[count * m];
            for (int k = 0; k < count; k++) {
                System.arraycopy(read, k * record.length, x, k * m, m);
            }
            return x;
        }

        @Override
        public void read(int[] which, double[] into, double[][] targetsInto) {
            double[] read = records.read(which);
            for (int k = 0; k < which.length; k++) {
                int at = k * record.length;
                System.arraycopy(read, at, into, k * m, m);
                at += m;
                for (int l = 0; l < widths.length; l++) {
                    System.arraycopy(read, at, targetsInto[l], k * widths[l], widths[l]);
                    at += widths[l];
                }
            }
        }

        /** Closes and deletes the file. */
        @Override
        public void close() {
            records.close();
        }
    }
}
