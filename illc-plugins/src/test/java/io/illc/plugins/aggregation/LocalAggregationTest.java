package io.illc.plugins.aggregation;

import io.illc.api.Activation;
import io.illc.api.AggregationFunction;
import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.OutgoingMerge;
import io.illc.api.Parameter;
import io.illc.api.Parameters;
import io.illc.api.Vector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LocalAggregationTest {
    private static final double TOLERANCE = 1e-12;

    private static LocalAggregation local(String zeroActivation) {
        return (LocalAggregation) new LocalAggregationFactory().create(Parameters.of(Map.of("zeroActivation", zeroActivation)));
    }

    private static double[] flat(Matrix m) {
        return m.toRowMajor();
    }

    @Test
    void declaresTheZeroActivationGuardWithDefaultOne() {
        List<Parameter> params = new LocalAggregationFactory().parameters();
        assertEquals(1, params.size());
        assertEquals("zeroActivation", params.get(0).name());
        assertEquals("one", params.get(0).defaultValue());
        assertEquals(List.of("one", "skip"), params.get(0).choices());
        assertEquals(LocalAggregation.ZeroActivation.ONE, local("one").zeroActivation());
        assertEquals(LocalAggregation.ZeroActivation.SKIP, local("skip").zeroActivation());
        assertThrows(IllegalArgumentException.class, () -> local("half"));
    }

    @Test
    void scalesOutgoingWeightsByEachMembersShareAsComputedByHand() {
        // Layer l: 3 neurons, clusters {0, 2} and {1}; the third row has π̂ = 0 and must not count.
        DenseLayer next = new DenseLayer(Matrix.of(new double[][] {{1, 2, 3}, {-1, 0, 1}}), Vector.of(0.5, 1.5), Activation.SIGMOID);
        OutgoingMerge merge = new OutgoingMerge(1, next, ClusterAssignment.fromLabels(new int[] {0, 1, 0}),
                Matrix.of(new double[][] {{1, 2, 3}, {2, 4, 2}, {9, 9, 9}}),
                Matrix.of(new double[][] {{2, 4}, {4, 2}, {0, 3}}),
                Vector.of(0.5, 0.5, 0.0));
        // c_0 = .5·1/2 + .5·2/4 = .5;  c_1 = .5·2/4 + .5·4/2 = 1.25;  c_2 = .5·3/2 + .5·2/4 = 1.
        assertArrayEquals(new double[] {0.5, 1.25, 1.0}, local("one").coefficients(merge), TOLERANCE);
        DenseLayer merged = local("one").mergeOutgoing(merge);
        // t=0: C0 = .5·1 + 1·3, C1 = 1.25·2;  t=1: C0 = .5·(-1) + 1·1, C1 = 1.25·0.
        assertArrayEquals(new double[] {3.5, 2.5, 0.5, 0.0}, flat(merged.weights()), TOLERANCE);
        assertEquals(2, merged.weights().cols());
        assertEquals(next.bias(), merged.bias());
        assertEquals(Activation.SIGMOID, merged.activation());
    }

    @Test
    void singleMemberClustersWhoseOutputMatchesTheOriginalGetCoefficientOne() {
        DenseLayer next = new DenseLayer(Matrix.of(new double[][] {{0.3, -1.7, 2.2}}), Vector.of(0.1), Activation.LINEAR);
        Matrix original = Matrix.of(new double[][] {{0.4, 1.3, 2.0}, {1.1, 0.2, 0.7}, {3.0, 0.9, 0.05}});
        OutgoingMerge merge = new OutgoingMerge(2, next, ClusterAssignment.identity(3), original, original,
                Vector.of(0.2, 0.3, 0.5));
        assertArrayEquals(new double[] {1, 1, 1}, local("one").coefficients(merge), TOLERANCE);
        assertArrayEquals(flat(next.weights()), flat(local("one").mergeOutgoing(merge).weights()), TOLERANCE);
    }

    @Test
    void zeroActivationOneDividesByOneWhereTheClusterNeuronIsOff() {
        OutgoingMerge merge = zeroActivationCase();
        // Row 1 has h = 0: c_0 = .25·1/2 + .75·2/1 = 1.625;  c_1 = .25·3/2 + .75·0/1 = .375.
        assertArrayEquals(new double[] {1.625, 0.375}, local("one").coefficients(merge), TOLERANCE);
        // 2·1.625 + 4·.375
        assertArrayEquals(new double[] {4.75}, flat(local("one").mergeOutgoing(merge).weights()), TOLERANCE);
    }

    @Test
    void zeroActivationSkipDropsTheRowWhereTheClusterNeuronIsOff() {
        OutgoingMerge merge = zeroActivationCase();
        // Row 1 dropped: c_0 = .25·1/2 = .125;  c_1 = .25·3/2 = .375.
        assertArrayEquals(new double[] {0.125, 0.375}, local("skip").coefficients(merge), TOLERANCE);
        // 2·.125 + 4·.375
        assertArrayEquals(new double[] {1.75}, flat(local("skip").mergeOutgoing(merge).weights()), TOLERANCE);
    }

    /** Two neurons in one cluster, two rows; the cluster-neuron outputs 0 on the second row. */
    private static OutgoingMerge zeroActivationCase() {
        DenseLayer next = new DenseLayer(Matrix.of(new double[][] {{2, 4}}), Vector.of(0), Activation.LINEAR);
        return new OutgoingMerge(1, next, ClusterAssignment.fromLabels(new int[] {0, 0}),
                Matrix.of(new double[][] {{1, 3}, {2, 0}}),
                Matrix.of(new double[][] {{2}, {0}}),
                Vector.of(0.25, 0.75));
    }

    @Test
    void keepsTheDefaultMeanIncomingMerge() {
        AggregationFunction aggregation = local("one");
        DenseLayer layer = new DenseLayer(Matrix.of(new double[][] {{1, 2}, {3, 6}}), Vector.of(1, 3), Activation.RELU);
        DenseLayer merged = aggregation.mergeIncoming(layer, ClusterAssignment.fromLabels(new int[] {0, 0}));
        assertEquals(Matrix.of(new double[][] {{2, 4}}), merged.weights());
        assertEquals(Vector.of(2), merged.bias());
    }
}
