package io.illc.plugins.metric;

import io.illc.api.Activation;
import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.MetricInput;
import io.illc.api.Mlp;
import io.illc.api.Vector;

import java.util.ArrayList;
import java.util.List;

/**
 * Hand-built metric inputs. Metrics only read the networks' shapes, so the networks here have
 * zero weights of the right shapes (one input) and the activations are written down directly.
 */
final class MetricFixtures {
    static final double TOLERANCE = 1e-12;

    private MetricFixtures() {
    }

    /**
     * @param labels      one label array per hidden layer (P_1..P_d)
     * @param original    O^M per layer 1..d+1, each {@code [N][n_l]}
     * @param compressed  O^μ per layer 1..d+1, each {@code [N][K_l]}
     */
    static MetricInput input(int[][] labels, double[][][] original, double[][][] compressed, double[] rowWeights,
                             int instance) {
        List<ClusterAssignment> clusters = new ArrayList<>();
        for (int[] l : labels) {
            clusters.add(ClusterAssignment.fromLabels(l));
        }
        return new MetricInput(zeroNetwork(original), zeroNetwork(compressed), clusters, matrices(original),
                matrices(compressed), Vector.of(rowWeights), instance);
    }

    /**
     * The two-row, two-hidden-layer case every hand computation in these tests refers to.
     * P_1 = {0, 2}, {1} over 3 neurons; P_2 = {0, 1} over 2 neurons; 2 outputs.
     * Per row (row 0, row 1), with cluster means written out:
     * <pre>
     * layer 1  O^M [0,2,4] [0,4,2]   means (C0, C1) = (2,2) (1,4)   O^μ (2.5,2) (1,3)
     * layer 2  O^M [1,3]   [2,2]     mean  = 2      2               O^μ 1      2.5
     * output   O^M [.7,.3] [.2,.8]                                  O^μ [.6,.4] [.6,.4]
     * </pre>
     * Neuron 0 of layer 1 is dead (never positive); no other neuron is.
     */
    static MetricInput handCase(double[] rowWeights, int instance) {
        return input(new int[][] {{0, 1, 0}, {0, 0}},
                new double[][][] {
                        {{0, 2, 4}, {0, 4, 2}},
                        {{1, 3}, {2, 2}},
                        {{0.7, 0.3}, {0.2, 0.8}}},
                new double[][][] {
                        {{2.5, 2}, {1, 3}},
                        {{1}, {2.5}},
                        {{0.6, 0.4}, {0.6, 0.4}}},
                rowWeights, instance);
    }

    /** No compression: identity partitions and the same activations on both sides (widths 3, 4; 2 outputs; 3 rows). */
    static MetricInput uncompressed() {
        double[][][] activations = {
                {{0.3, 1.7, 0.0}, {2.2, 0.1, 0.9}, {0.5, 0.5, 3.1}},
                {{1.1, 0.0, 0.4, 2.5}, {0.2, 0.3, 1.9, 0.7}, {0.0, 1.2, 0.6, 0.8}},
                {{0.9, 0.1}, {0.35, 0.65}, {0.5, 0.5}}};
        return input(new int[][] {{0, 1, 2}, {0, 1, 2, 3}}, activations, activations,
                new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, -1);
    }

    private static Mlp zeroNetwork(double[][][] activations) {
        List<DenseLayer> layers = new ArrayList<>();
        int inputs = 1;
        for (double[][] layer : activations) {
            int width = layer[0].length;
            layers.add(new DenseLayer(Matrix.zeros(width, inputs), Vector.filled(width, 0), Activation.RELU));
            inputs = width;
        }
        return Mlp.unnamed(layers);
    }

    private static List<Matrix> matrices(double[][][] activations) {
        List<Matrix> out = new ArrayList<>();
        for (double[][] a : activations) {
            out.add(Matrix.of(a));
        }
        return out;
    }

    /** A detail that is a list of numbers, as an array. */
    static double[] numbers(Object detail) {
        return ((List<?>) detail).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }
}
