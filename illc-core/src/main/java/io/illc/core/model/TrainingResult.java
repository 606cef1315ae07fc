package io.illc.core.model;

import io.illc.api.Mlp;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Trainer#train} produced.
 *
 * <p>The split is kept as the held-out row numbers only (4 bytes per test row), so that a
 * streamed training of millions of rows does not keep a list of every training row.
 */
public final class TrainingResult {
    private final Mlp mlp;
    private final double trainAccuracy;
    private final double testAccuracy;
    private final int rows;
    private final int[] testRows;

    /**
     * @param mlp           the trained network on raw feature values (the standardisation is folded
     *                      into its first layer); inputs named like the dataset's features, outputs
     *                      like its classes (one sigmoid unit is named after the positive class)
     * @param trainAccuracy share of training rows classified correctly, in [0, 1]
     * @param testAccuracy  share of test rows classified correctly; NaN when no rows were held out
     *                      ({@code testFraction} rounds to zero rows)
     * @param rows          N, the rows of the data: the training rows are those not held out
     * @param testRows      the row indices held out, ascending; empty when none were; copied
     */
    public TrainingResult(Mlp mlp, double trainAccuracy, double testAccuracy, int rows, int[] testRows) {
        this.mlp = Objects.requireNonNull(mlp, "mlp");
        this.trainAccuracy = trainAccuracy;
        this.testAccuracy = testAccuracy;
        this.rows = rows;
        this.testRows = testRows.clone();
    }

    public Mlp mlp() {
        return mlp;
    }

    public double trainAccuracy() {
        return trainAccuracy;
    }

    public double testAccuracy() {
        return testAccuracy;
    }

    /** The number of training rows. */
    public int trainCount() {
        return rows - testRows.length;
    }

    /** The number of held-out rows. */
    public int testCount() {
        return testRows.length;
    }

    /** The row indices trained on, ascending. */
    public List<Integer> trainRows() {
        return Arrays.stream(complement(testRows, rows)).boxed().toList();
    }

    /** The rows of {@code [0, n)} not in the ascending {@code rows}, ascending. */
    static int[] complement(int[] rows, int n) {
        int[] out = new int[n - rows.length];
        int next = 0;
        int k = 0;
        for (int r = 0; r < n; r++) {
            if (next < rows.length && rows[next] == r) {
                next++;
            } else {
                out[k++] = r;
            }
        }
        return out;
    }

    /** The row indices held out, ascending; empty when none were. */
    public List<Integer> testRows() {
        return Arrays.stream(testRows).boxed().toList();
    }
}
