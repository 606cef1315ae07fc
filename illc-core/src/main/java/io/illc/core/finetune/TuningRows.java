package io.illc.core.finetune;

import io.illc.api.Matrix;
import io.illc.core.io.SpilledRecords;

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

    /** Records of {@code m} inputs followed by the targets of each layer, in a file. */
    static TuningRows spilled(SpilledRecords records, int m, int[] widths) {
        int width = records.width();
        return new Shaped(m, widths) {
            private double[] buffer = new double[0];

            @Override
            public int count() {
                return records.count();
            }

            @Override
            public void read(int[] which, double[] into, double[][] targetsInto) {
                if (buffer.length < which.length * width) {
                    buffer = new double[which.length * width];
                }
                records.read(which, buffer);
                for (int k = 0; k < which.length; k++) {
                    int at = k * width;
                    System.arraycopy(buffer, at, into, k * m, m);
                    at += m;
                    for (int l = 0; l < widths.length; l++) {
                        System.arraycopy(buffer, at, targetsInto[l], k * widths[l], widths[l]);
                        at += widths[l];
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
}
