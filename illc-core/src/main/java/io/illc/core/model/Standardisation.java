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
     * Fits μ and σ on the given rows of {@code features}.
     *
     * @param features {@code [rows, features]}
     * @param rows     the row indices to fit on, at least one
     */
    static Standardisation fit(Matrix features, int[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot standardise on zero rows");
        }
        int f = features.cols();
        double[] mean = new double[f];
        double[] std = new double[f];
        for (int r : rows) {
            for (int i = 0; i < f; i++) {
                mean[i] += features.get(r, i);
            }
        }
        for (int i = 0; i < f; i++) {
            mean[i] /= rows.length;
        }
        for (int r : rows) {
            for (int i = 0; i < f; i++) {
                double d = features.get(r, i) - mean[i];
                std[i] += d * d;
            }
        }
        for (int i = 0; i < f; i++) {
            std[i] = Math.sqrt(std[i] / rows.length);
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
     * The standardised values of the given rows, row-major {@code [rows.length, features]}.
     */
    double[] apply(Matrix features, int[] rows) {
        int f = mean.length;
        double[] out = new double[rows.length * f];
        for (int k = 0; k < rows.length; k++) {
            for (int i = 0; i < f; i++) {
                out[k * f + i] = (features.get(rows[k], i) - mean[i]) / std[i];
            }
        }
        return out;
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
