package io.illc.core.model;

import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StandardisationTest {
    /** Column 0: 1, 3, 5, 100 (row 3 held out); column 1 constant 7 on the fitted rows. */
    private static final Matrix FEATURES = Matrix.of(new double[][]{{1, 7}, {3, 7}, {5, 7}, {100, -2}});
    private static final int[] FITTED = {0, 1, 2};

    @Test
    void usesMeanAndPopulationStandardDeviationOfTheFittedRowsOnly() {
        Standardisation s = fit(FEATURES, FITTED);

        // Column 0: mean 3, population variance ((−2)² + 0 + 2²) / 3 = 8/3.
        assertArrayEquals(new double[]{3, 7}, s.mean(), 1e-15);
        assertEquals(Math.sqrt(8.0 / 3.0), s.std()[0], 1e-15);
    }

    @Test
    void constantColumnIsOnlyCentred() {
        Standardisation s = fit(FEATURES, FITTED);

        assertEquals(1.0, s.std()[1]);
        double[] z = apply(s, FEATURES, new int[]{0, 3});
        assertEquals(0.0, z[1]);
        assertEquals(-9.0, z[3]);
    }

    @Test
    void standardisesRowByRow() {
        Standardisation s = fit(FEATURES, FITTED);
        double sigma = Math.sqrt(8.0 / 3.0);

        double[] z = apply(s, FEATURES, new int[]{2, 0});

        assertArrayEquals(new double[]{2 / sigma, 0, -2 / sigma, 0}, z, 1e-15);
    }

    @Test
    void foldsIntoTheFirstLayerByHand() {
        // μ = (3, 7), σ = (2, 1) on rows (1, 6), (5, 8). Layer: w = (4, −1), b = 0.5.
        // W' = (4/2, −1/1) = (2, −1); b' = 0.5 − (2·3 + (−1)·7) = 1.5.
        Standardisation s = fit(Matrix.of(new double[][]{{1, 6}, {5, 8}}), new int[]{0, 1});
        Mlp mlp = new Mlp(List.of(new DenseLayer(Matrix.of(new double[][]{{4, -1}}), Vector.of(0.5), Activation.LINEAR)),
                List.of("a", "b"), List.of("y"));

        Mlp folded = s.foldInto(mlp);

        assertEquals(Matrix.of(new double[][]{{2, -1}}), folded.layer(1).weights());
        assertEquals(Vector.of(1.5), folded.layer(1).bias());
        assertEquals(mlp.inputNames(), folded.inputNames());
    }

    @Test
    void foldedNetworkOnRawRowsMatchesDl4jOnStandardisedRows() {
        Mlp mlp = SmallModels.random(21, 5, new int[]{6, 4}, new Activation[]{Activation.RELU, Activation.TANH},
                Activation.SOFTMAX, 3);
        double[][] raw = SmallModels.rows(8, 12, 5);
        for (double[] row : raw) {
            row[2] = 1000 + 50 * row[2]; // a feature on a very different scale
            row[4] = 4.0; // a constant feature
        }
        Matrix features = Matrix.of(raw);
        int[] all = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        Standardisation s = fit(features, all);

        double[][] dl4j = Dl4jModels.fromMlp(mlp)
                .output(Nd4j.create(apply(s, features, all), new long[]{12, 5}), false).toDoubleMatrix();
        Mlp folded = s.foldInto(mlp);

        for (int r = 0; r < raw.length; r++) {
            assertArrayEquals(dl4j[r], SmallModels.output(folded, raw[r]), 1e-9, "row " + r);
        }
    }

    @Test
    void fitsTheSameBitsOverManyBlocksAsTheSumsInRowOrder() {
        int n = 2 * Trainer.BLOCK_ROWS + 7; // three blocks, the last one short
        double[][] raw = SmallModels.rows(3, n, 2);
        int[] all = new int[n];
        double[] mean = new double[2];
        for (int r = 0; r < n; r++) {
            all[r] = r;
            raw[r][1] = 1e6 + raw[r][1];
            mean[0] += raw[r][0];
            mean[1] += raw[r][1];
        }
        mean[0] /= n;
        mean[1] /= n;
        double squares = 0;
        for (double[] row : raw) {
            squares += (row[1] - mean[1]) * (row[1] - mean[1]);
        }

        Standardisation s = fit(Matrix.of(raw), all);

        assertArrayEquals(mean, s.mean(), 0.0);
        assertEquals(Math.sqrt(squares / n), s.std()[1], 0.0);
    }

    private static Standardisation fit(Matrix features, int[] rows) {
        return Standardisation.fit(TrainingRows.held(features, new int[features.rows()], rows));
    }

    /** The standardised values of the given rows, row-major. */
    private static double[] apply(Standardisation s, Matrix features, int[] rows) {
        int m = features.cols();
        double[] values = new double[rows.length * m];
        for (int k = 0; k < rows.length; k++) {
            System.arraycopy(features.row(rows[k]), 0, values, k * m, m);
        }
        s.applyInPlace(values);
        return values;
    }
}
