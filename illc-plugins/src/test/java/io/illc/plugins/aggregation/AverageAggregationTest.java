package io.illc.plugins.aggregation;

import io.illc.api.Activation;
import io.illc.api.AggregationFunction;
import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.OutgoingMerge;
import io.illc.api.Parameters;
import io.illc.api.Vector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AverageAggregationTest {
    private static final double TOLERANCE = 1e-12;
    private final AggregationFunction average = new AverageAggregationFactory().create(Parameters.empty());

    /** 2 → 3 (relu) → 2 (relu) → 1 (linear). */
    private static Mlp twoHiddenLayers() {
        return Mlp.unnamed(List.of(
                new DenseLayer(Matrix.of(new double[][] {{1, 0}, {0, 1}, {1, 1}}), Vector.of(0, 1, 2), Activation.RELU),
                new DenseLayer(Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}}), Vector.of(0.5, -0.5), Activation.RELU),
                new DenseLayer(Matrix.of(new double[][] {{1, -1}}), Vector.of(0.25), Activation.LINEAR)));
    }

    /**
     * The compressor's layer loop, as a test fixture: for each hidden layer, merge its incoming
     * side, then the next layer's outgoing side, with both networks' activations on {@code rows}.
     */
    static Mlp compress(AggregationFunction aggregation, Mlp original, List<ClusterAssignment> partitions,
                        double[][] rows, Vector rowWeights) {
        List<DenseLayer> merged = new ArrayList<>();
        DenseLayer halfMerged = original.layer(1);
        for (int l = 1; l <= original.hiddenLayerCount(); l++) {
            ClusterAssignment p = partitions.get(l - 1);
            merged.add(aggregation.mergeIncoming(halfMerged, p));
            Matrix originalActivations = activations(original, l, rows);
            Matrix compressedActivations = activations(Mlp.unnamed(merged), l, rows);
            halfMerged = aggregation.mergeOutgoing(new OutgoingMerge(l, original.layer(l + 1), p,
                    originalActivations, compressedActivations, rowWeights));
        }
        merged.add(halfMerged);
        return Mlp.unnamed(merged);
    }

    private static Matrix activations(Mlp mlp, int layer, double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int x = 0; x < rows.length; x++) {
            out[x] = mlp.forward(rows[x])[layer];
        }
        return Matrix.of(out);
    }

    @Test
    void mergesTwoHiddenLayersAsComputedByHand() {
        double[][] rows = {{1, 2}, {-1, 0.5}};
        Mlp compressed = compress(average, twoHiddenLayers(),
                List.of(ClusterAssignment.fromLabels(new int[] {0, 1, 0}), ClusterAssignment.fromLabels(new int[] {0, 0})),
                rows, Vector.filled(2, 0.5));
        // Layer 1: cluster {0, 2} = mean of rows (1,0), (1,1) and biases 0, 2; cluster {1} unchanged.
        assertEquals(Matrix.of(new double[][] {{1, 0.5}, {0, 1}}), compressed.layer(1).weights());
        assertEquals(Vector.of(1, 1), compressed.layer(1).bias());
        // Layer 2 input side: columns 0 and 2 summed → (1+3, 2), (4+6, 5); then both neurons averaged.
        assertEquals(Matrix.of(new double[][] {{7, 3.5}}), compressed.layer(2).weights());
        assertEquals(Vector.of(0), compressed.layer(2).bias());
        assertEquals(Activation.RELU, compressed.layer(2).activation());
        // Output input side: 1 + (-1).
        assertEquals(Matrix.of(new double[][] {{0}}), compressed.layer(3).weights());
        assertEquals(Vector.of(0.25), compressed.layer(3).bias());
        assertEquals(Activation.LINEAR, compressed.layer(3).activation());
    }

    @Test
    void sumsOutgoingWeightsOverClusterMembersKeepingBiasAndActivation() {
        DenseLayer next = new DenseLayer(Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}}), Vector.of(0.5, -0.5), Activation.TANH);
        ClusterAssignment p = ClusterAssignment.fromLabels(new int[] {7, 3, 7});
        DenseLayer merged = average.mergeOutgoing(new OutgoingMerge(1, next, p, Matrix.zeros(1, 3), Matrix.zeros(1, 2), Vector.of(1)));
        assertEquals(Matrix.of(new double[][] {{4, 2}, {10, 5}}), merged.weights());
        assertEquals(next.bias(), merged.bias());
        assertEquals(Activation.TANH, merged.activation());
    }

    @Test
    void mergesIdenticalNeuronsWithoutLoss() {
        // Hidden neurons 0 and 1 are identical; merging them must not change the network function.
        Mlp original = Mlp.unnamed(List.of(
                new DenseLayer(Matrix.of(new double[][] {{0.5, -1}, {0.5, -1}, {2, 0.25}}), Vector.of(0.1, 0.1, -0.3), Activation.RELU),
                new DenseLayer(Matrix.of(new double[][] {{1.5, -0.5, 2}, {0.3, 0.7, -1.1}}), Vector.of(0.2, 0.4), Activation.RELU),
                new DenseLayer(Matrix.of(new double[][] {{1, -2}, {0.5, 0.5}}), Vector.of(0, 0.1), Activation.SOFTMAX)));
        double[][] rows = {{1, 0}, {-2, -3}, {0.7, 1.9}, {3, -1}, {0, 0}};
        Mlp compressed = compress(average, original,
                List.of(ClusterAssignment.fromLabels(new int[] {0, 0, 1}), ClusterAssignment.identity(2)),
                rows, Vector.filled(rows.length, 1.0 / rows.length));
        assertEquals(2, compressed.layer(1).outputs());
        for (double[] row : rows) {
            double[] expected = original.forward(row)[3];
            double[] actual = compressed.forward(row)[3];
            assertArrayEquals(expected, actual, TOLERANCE);
        }
    }

    @Test
    void identityPartitionGivesBackTheOriginalLayers() {
        Mlp original = twoHiddenLayers();
        double[][] rows = {{1, 2}, {-1, 0.5}};
        Mlp compressed = compress(average, original,
                List.of(ClusterAssignment.identity(3), ClusterAssignment.identity(2)), rows, Vector.filled(2, 0.5));
        assertEquals(original.layers(), compressed.layers());
    }

    @Test
    void keepsTheDefaultMeanIncomingMerge() {
        DenseLayer layer = new DenseLayer(Matrix.of(new double[][] {{1, 2}, {3, 6}, {5, 5}}), Vector.of(1, 2, 3), Activation.RELU);
        DenseLayer merged = average.mergeIncoming(layer, ClusterAssignment.fromLabels(new int[] {0, 1, 0}));
        assertEquals(Matrix.of(new double[][] {{3, 3.5}, {3, 6}}), merged.weights());
        assertEquals(Vector.of(2, 2), merged.bias());
        assertTrue(new AverageAggregationFactory().parameters().isEmpty());
    }
}
