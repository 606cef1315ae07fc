package io.illc.plugins.metric;

import io.illc.api.Activation;
import io.illc.api.AggregationFunction;
import io.illc.api.AggregationFunctionFactory;
import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Metric;
import io.illc.api.MetricFactory.Scope;
import io.illc.api.MetricInput;
import io.illc.api.MetricResult;
import io.illc.api.Mlp;
import io.illc.api.OutgoingMerge;
import io.illc.api.Parameters;
import io.illc.api.Vector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;

import static io.illc.plugins.metric.MetricFixtures.TOLERANCE;
import static io.illc.plugins.metric.MetricFixtures.numbers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignAgreementTest {
    private final Metric signAgreement = new SignAgreementFactory().create(Parameters.empty());

    /**
     * 2 → 3 → 2 → 1 with P_1 = {0, 2}, {1} and P_2 = {0, 1}. The average aggregation gives:
     * <pre>
     * layer 1  W_1 = [[1, −2], [3, 0], [−1, 4]]   cluster means        [[0, 1], [3, 0]]
     * layer 2  W_2 = [[1, 2, −3], [4, −5, 6]]     columns over P_1      [[−2, 2], [10, −5]]
     *                                             mean over P_2         [[4, −1.5]]
     * output   W_3 = [[2, −7]]                    columns over P_2      [[−5]]
     * </pre>
     */
    private static Mlp handOriginal() {
        return Mlp.unnamed(List.of(
                new DenseLayer(Matrix.of(new double[][] {{1, -2}, {3, 0}, {-1, 4}}), Vector.of(0, 0, 0), Activation.RELU),
                new DenseLayer(Matrix.of(new double[][] {{1, 2, -3}, {4, -5, 6}}), Vector.of(0, 0), Activation.RELU),
                new DenseLayer(Matrix.of(new double[][] {{2, -7}}), Vector.of(0), Activation.SIGMOID)));
    }

    private static final List<ClusterAssignment> HAND_PARTITIONS = List.of(
            ClusterAssignment.fromLabels(new int[] {0, 1, 0}), ClusterAssignment.fromLabels(new int[] {0, 0}));

    @Test
    void averageWeightsOfTheHandCaseAreTheCommentedOnes() {
        double[][] reference = SignAgreement.averageWeights(handOriginal(), HAND_PARTITIONS);
        assertArrayEquals(new double[] {0, 1, 3, 0}, reference[0], TOLERANCE);
        assertArrayEquals(new double[] {4, -1.5}, reference[1], TOLERANCE);
        assertArrayEquals(new double[] {-5}, reference[2], TOLERANCE);
    }

    @Test
    void countsFlippedSignsAsComputedByHand() {
        // Layer 1: 0 → .5 (0 vs +) and 3 → −3 flip; 1 stays +; 0 → −0.0 keeps sign 0. 2 of 4 flipped.
        // Layer 2: 4 → 1 and −1.5 → −.1 keep their signs. Output: −5 → 3 flips. 3 of 7 flipped.
        Mlp compressed = Mlp.unnamed(List.of(
                new DenseLayer(Matrix.of(new double[][] {{0.5, 1}, {-3, -0.0}}), Vector.of(9, 9), Activation.RELU),
                new DenseLayer(Matrix.of(new double[][] {{1, -0.1}}), Vector.of(-9), Activation.RELU),
                new DenseLayer(Matrix.of(new double[][] {{3}}), Vector.of(9), Activation.SIGMOID)));
        MetricResult result = signAgreement.evaluate(input(handOriginal(), compressed, HAND_PARTITIONS));
        assertEquals(4.0 / 7, result.value(), TOLERANCE);
        assertArrayEquals(new double[] {0.5, 1, 0}, numbers(result.details().get("perLayer")), TOLERANCE);
        assertEquals(3, ((Number) result.details().get("flipped")).intValue());
    }

    @Test
    void isExactlyOneForTheAverageAggregationsOwnNetwork() {
        // Small integer weights make many merged weights exactly 0, so sign 0 is exercised too.
        Random random = new Random(31);
        AggregationFunction average = aggregation("average");
        for (int trial = 0; trial < 20; trial++) {
            int[] widths = {1 + random.nextInt(4), 1 + random.nextInt(8), 1 + random.nextInt(8), 1 + random.nextInt(3)};
            List<DenseLayer> layers = new ArrayList<>();
            for (int l = 1; l < widths.length; l++) {
                double[][] w = new double[widths[l]][widths[l - 1]];
                for (double[] row : w) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = random.nextInt(5) - 2 + (random.nextBoolean() ? 0 : random.nextGaussian());
                    }
                }
                layers.add(new DenseLayer(Matrix.of(w), Vector.filled(widths[l], 0.5),
                        l == widths.length - 1 ? Activation.LINEAR : Activation.RELU));
            }
            Mlp original = Mlp.unnamed(layers);
            List<ClusterAssignment> partitions = new ArrayList<>();
            for (int l = 1; l <= original.hiddenLayerCount(); l++) {
                int[] labels = new int[widths[l]];
                for (int j = 0; j < labels.length; j++) {
                    labels[j] = random.nextInt(3);
                }
                partitions.add(ClusterAssignment.fromLabels(labels));
            }
            MetricResult result = signAgreement.evaluate(input(original, compressWithActivationFreeMerge(average, original, partitions), partitions));
            assertEquals(1.0, result.value(), "trial " + trial);
            assertEquals(0, ((Number) result.details().get("flipped")).intValue(), "trial " + trial);
            for (double share : numbers(result.details().get("perLayer"))) {
                assertEquals(1.0, share, "trial " + trial);
            }
        }
    }

    @Test
    void refusesANetworkOfAnotherShape() {
        Mlp wrongInputs = Mlp.unnamed(List.of(
                new DenseLayer(Matrix.zeros(2, 3), Vector.filled(2, 0), Activation.RELU),
                new DenseLayer(Matrix.zeros(1, 2), Vector.filled(1, 0), Activation.RELU),
                new DenseLayer(Matrix.zeros(1, 1), Vector.filled(1, 0), Activation.SIGMOID)));
        // The MetricInput checks the widths; the layer-1 input count is checked by the metric.
        assertThrows(IllegalArgumentException.class, () -> signAgreement.evaluate(input(handOriginal(), wrongInputs, HAND_PARTITIONS)));
    }

    @Test
    void isAGlobalMetricWithoutParameters() {
        SignAgreementFactory factory = new SignAgreementFactory();
        assertEquals("sign-agreement", factory.name());
        assertEquals(Scope.GLOBAL, factory.scope());
        assertTrue(factory.parameters().isEmpty());
    }

    /** The metric ignores rows: one row of zero activations of the right widths on both sides. */
    private static MetricInput input(Mlp original, Mlp compressed, List<ClusterAssignment> partitions) {
        List<Matrix> originalActivations = new ArrayList<>();
        List<Matrix> compressedActivations = new ArrayList<>();
        for (int l = 0; l < original.layers().size(); l++) {
            originalActivations.add(Matrix.zeros(1, original.layers().get(l).outputs()));
            compressedActivations.add(Matrix.zeros(1, compressed.layers().get(l).outputs()));
        }
        return new MetricInput(original, compressed, partitions, originalActivations, compressedActivations, Vector.of(1), -1);
    }

    /** An installed aggregation, found by name as the engine finds it. */
    private static AggregationFunction aggregation(String name) {
        for (AggregationFunctionFactory f : ServiceLoader.load(AggregationFunctionFactory.class)) {
            if (f.name().equals(name)) {
                return f.create(Parameters.empty());
            }
        }
        throw new AssertionError("no aggregation named " + name);
    }

    /**
     * The compressor's layer loop for an aggregation that does not read activations (as the
     * average aggregation): the merges get zero activations of the right shapes on one row.
     */
    private static Mlp compressWithActivationFreeMerge(AggregationFunction aggregation, Mlp original,
                                                       List<ClusterAssignment> partitions) {
        List<DenseLayer> merged = new ArrayList<>();
        DenseLayer halfMerged = original.layer(1);
        for (int l = 1; l <= original.hiddenLayerCount(); l++) {
            ClusterAssignment p = partitions.get(l - 1);
            merged.add(aggregation.mergeIncoming(halfMerged, p));
            halfMerged = aggregation.mergeOutgoing(new OutgoingMerge(l, original.layer(l + 1), p,
                    Matrix.zeros(1, p.neurons()), Matrix.zeros(1, p.clusterCount()), Vector.of(1)));
        }
        merged.add(halfMerged);
        return Mlp.unnamed(merged);
    }
}
