package io.illc.core.model;

import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Vector;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-feature standardisation {@code z_i = (x_i − μ_i) / σ_i} with μ the mean and σ the population
 * standard deviation of the rows it was fitted on. A constant column has σ = 0; it gets σ = 1 so
 * that it is only centred (all its fitted values map to 0) instead of dividing by zero.
 *
 * <p>Immutable; copies in and out.
 */
final class Standardisation {
    private final double[] mean;
    private final double[] std;

    private Standardisation(double[] mean, double[] std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * Fits μ and σ on {@code rows}, read front to back in blocks (two scans: the sums for μ, then
     * the squared deviations from it), so held and spilled rows give the same bits.
     *
     * @param rows at least one row
     */
    static Standardisation fit(TrainingRows rows) {
        int n = rows.count();
        if (n == 0) {
            throw new IllegalArgumentException("cannot standardise on zero rows");
        }
        int f = rows.features();
        double[] mean = new double[f];
        double[] std = new double[f];
        RowBlocks blocks = new RowBlocks(rows);
        while (blocks.next()) {
            for (int k = 0; k < blocks.rows; k++) {
                for (int i = 0; i < f; i++) {
                    mean[i] += blocks.values[k * f + i];
                }
            }
        }
        for (int i = 0; i < f; i++) {
            mean[i] /= n;
        }
        blocks = new RowBlocks(rows);
        while (blocks.next()) {
            for (int k = 0; k < blocks.rows; k++) {
                for (int i = 0; i < f; i++) {
                    double d = blocks.values[k * f + i] - mean[i];
                    std[i] += d * d;
                }
            }
        }
        for (int i = 0; i < f; i++) {
            std[i] = Math.sqrt(std[i] / n);
            if (std[i] == 0.0) {
                std[i] = 1.0;
            }
        }
        return new Standardisation(mean, std);
    }

    double[] mean() {
        return mean.clone();
    }

    /** σ per feature, with 1 for constant columns. */
    double[] std() {
        return std.clone();
    }

    /**
     * Standardises rows in place: {@code values} is row-major, a whole number of rows of m values.
     */
    void applyInPlace(double[] values) {
        int f = mean.length;
        for (int k = 0; k < values.length; k++) {
            int i = k % f;
            values[k] = (values[k] - mean[i]) / std[i];
        }
    }

    /**
     * The network that gives on raw rows what {@code mlp} gives on standardised rows: the first
     * layer becomes {@code W'_ji = W_ji / σ_i} and {@code b'_j = b_j − Σ_i W'_ji μ_i}; later
     * layers are unchanged.
     */
    Mlp foldInto(Mlp mlp) {
        DenseLayer first = mlp.layers().get(0);
        if (first.inputs() != mean.length) {
            throw new IllegalArgumentException("the network takes " + first.inputs() + " inputs, the standardisation has "
                    + mean.length + " features");
        }
        double[][] w = first.weights().toArray();
        double[] b = first.bias().toArray();
        for (int j = 0; j < w.length; j++) {
            for (int i = 0; i < mean.length; i++) {
                w[j][i] /= std[i];
                b[j] -= w[j][i] * mean[i];
            }
        }
        List<DenseLayer> layers = new ArrayList<>(mlp.layers());
        layers.set(0, new DenseLayer(Matrix.of(w), Vector.of(b), first.activation()));
        return new Mlp(layers, mlp.inputNames(), mlp.outputNames());
    }
}
