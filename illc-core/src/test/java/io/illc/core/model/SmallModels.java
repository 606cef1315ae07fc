package io.illc.core.model;

import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Vector;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small networks and inputs shared by the model tests. */
final class SmallModels {
    private SmallModels() {
    }

    /**
     * 2 → 2 (relu) → 1 (linear). For input (1, 2): z1 = (1·1 + 2·2 + 0.5, −1·1 + 0.5·2 − 1) = (5.5, −1),
     * relu → (5.5, 0), output 1·5.5 − 2·0 + 0.25 = 5.75.
     */
    static Mlp handComputed() {
        return new Mlp(List.of(
                new DenseLayer(Matrix.of(new double[][]{{1, 2}, {-1, 0.5}}), Vector.of(0.5, -1), Activation.RELU),
                new DenseLayer(Matrix.of(new double[][]{{1, -2}}), Vector.of(0.25), Activation.LINEAR)),
                List.of("a", "b"), List.of("out"));
    }

    /** Random weights in [−1, 1); hidden activations in the given order, then {@code output}. */
    static Mlp random(long seed, int inputs, int[] widths, Activation[] hidden, Activation output, int outputs) {
        Random random = new Random(seed);
        List<DenseLayer> layers = new ArrayList<>();
        int previous = inputs;
        for (int l = 0; l <= widths.length; l++) {
            int width = l < widths.length ? widths[l] : outputs;
            double[][] w = new double[width][previous];
            double[] b = new double[width];
            for (int j = 0; j < width; j++) {
                for (int i = 0; i < previous; i++) {
                    w[j][i] = 2 * random.nextDouble() - 1;
                }
                b[j] = 2 * random.nextDouble() - 1;
            }
            layers.add(new DenseLayer(Matrix.of(w), Vector.of(b), l < widths.length ? hidden[l] : output));
            previous = width;
        }
        return Mlp.unnamed(layers);
    }

    /** {@code rows} random rows of {@code cols} values in [−3, 3). */
    static double[][] rows(long seed, int rows, int cols) {
        Random random = new Random(seed);
        double[][] x = new double[rows][cols];
        for (double[] row : x) {
            for (int i = 0; i < cols; i++) {
                row[i] = 6 * random.nextDouble() - 3;
            }
        }
        return x;
    }

    /** The output layer's values of {@code mlp} for {@code input}. */
    static double[] output(Mlp mlp, double[] input) {
        double[][] all = mlp.forward(input);
        return all[all.length - 1];
    }
}
