package io.illc.core.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A seeded data set to try illc on at any size: rows drawn from a Gaussian mixture (two unit-variance
 * components per class, means uniform in [-2, 2]^F) and labelled by a random teacher network
 * (F → 32 tanh → C, the label is the argmax), so that an MLP has something to learn. Written as CSV
 * row by row: memory does not grow with the rows. The same parameters give the same bytes.
 *
 * @param rows     N ≥ 1
 * @param features F ≥ 1, columns {@code f0 … f(F-1)}
 * @param classes  C ≥ 2, labels {@code c0 … c(C-1)} in the last column {@code label}
 * @param seed     the only source of randomness
 */
public record SyntheticData(long rows, int features, int classes, long seed) {
    /** Width of the teacher's hidden layer. */
    static final int TEACHER_WIDTH = 32;
    /** Mixture components per class. */
    static final int COMPONENTS_PER_CLASS = 2;
    /** Decimal places written per value. */
    static final int DECIMALS = 6;

    public SyntheticData {
        if (rows < 1 || features < 1 || classes < 2) {
            throw new IllegalArgumentException("rows ≥ 1, features ≥ 1 and classes ≥ 2 are needed, got " + rows + ", "
                    + features + ", " + classes);
        }
    }

    /**
     * About how many bytes of heap writing the data takes, whatever the rows: the mixture's means and
     * the teacher's weights (doubles per feature), and a row's line of text as it grows and is copied out.
     */
    public long heldBytes() {
        long doubles = ((long) classes * COMPONENTS_PER_CLASS + TEACHER_WIDTH + 1) * features
                + (long) classes * TEACHER_WIDTH;
        long lineChars = (long) features * (DECIMALS + 5); // "-12.345678," with room for larger values
        return Double.BYTES * doubles + 3 * lineChars;
    }

    /** Told how many rows are written, every so often and at the end. */
    @FunctionalInterface
    public interface RowsWritten {
        void rowsWritten(long done, long total);
    }

    /** Writes the header and every row to {@code out} (not closed). */
    public void write(OutputStream out, RowsWritten progress) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] means = new double[classes * COMPONENTS_PER_CLASS][features];
        for (double[] mean : means) {
            for (int j = 0; j < features; j++) {
                mean[j] = -2 + 4 * random.nextDouble();
            }
        }
        double[][] hidden = gaussian(random, TEACHER_WIDTH, features, 1 / Math.sqrt(features));
        double[][] output = gaussian(random, classes, TEACHER_WIDTH, 1 / Math.sqrt(TEACHER_WIDTH));
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < features; j++) {
            line.append('f').append(j).append(',');
        }
        w.write(line.append("label\n").toString());
        double[] x = new double[features];
        long step = Math.max(1, rows / 100);
        for (long r = 0; r < rows; r++) {
            double[] mean = means[random.nextInt(means.length)];
            line.setLength(0);
            for (int j = 0; j < features; j++) {
                x[j] = mean[j] + gaussian(random);
                appendFixed(line, x[j]);
                line.append(',');
            }
            line.append('c').append(teacher(hidden, output, x)).append('\n');
            w.write(line.toString());
            if ((r + 1) % step == 0 || r + 1 == rows) {
                progress.rowsWritten(r + 1, rows);
            }
        }
        w.flush();
    }

    /** The teacher's class for {@code x}: argmax of W₂ tanh(W₁ x). */
    static int teacher(double[][] hidden, double[][] output, double[] x) {
        double[] h = new double[hidden.length];
        for (int i = 0; i < hidden.length; i++) {
            double z = 0;
            for (int j = 0; j < x.length; j++) {
                z += hidden[i][j] * x[j];
            }
            h[i] = Math.tanh(z);
        }
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < output.length; c++) {
            double z = 0;
            for (int i = 0; i < h.length; i++) {
                z += output[c][i] * h[i];
            }
            if (z > bestValue) {
                bestValue = z;
                best = c;
            }
        }
        return best;
    }

    /** {@code v} with {@value #DECIMALS} decimals, e.g. {@code -0.012300}: fixed width, fast, locale-free. */
    static void appendFixed(StringBuilder s, double v) {
        long scaled = Math.round(Math.abs(v) * 1_000_000L);
        if (v < 0 && scaled != 0) {
            s.append('-');
        }
        s.append(scaled / 1_000_000L).append('.');
        String fraction = Long.toString(scaled % 1_000_000L);
        s.append("0".repeat(DECIMALS - fraction.length())).append(fraction);
    }

    private static double[][] gaussian(SplittableRandom random, int rows, int cols, double scale) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = scale * gaussian(random);
            }
        }
        return m;
    }

    /** A standard normal draw (Box–Muller; SplittableRandom has no nextGaussian on Java 17). */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
