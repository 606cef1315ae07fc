package io.illc.core.qbaf;

import io.illc.api.Activation;
import io.illc.api.Argument;
import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.Edge;
import io.illc.api.LocalContext;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Qbaf;
import io.illc.api.Vector;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QbafBuilderTest {

    /**
     * A compressed network 2 → 2 → 2 → 2: original hidden layers of 4 neurons (partition
     * [0, 1, 0, 1]) and 3 neurons (partition [0, 1, 1]); ReLU hidden layers, softmax output.
     */
    static Mlp handNetwork(Activation output) {
        DenseLayer l1 = new DenseLayer(Matrix.of(new double[][] {{1, -2}, {0, 0.5}}), Vector.of(0.5, -1), Activation.RELU);
        DenseLayer l2 = new DenseLayer(Matrix.of(new double[][] {{2, 0}, {-1, 3}}), Vector.of(0, 0.25), Activation.RELU);
        DenseLayer out = new DenseLayer(Matrix.of(new double[][] {{1, 0}, {0, -1}}), Vector.of(0, 0.5), output);
        return new Mlp(List.of(l1, l2, out), List.of("a", "b"), List.of("no", "yes"));
    }

    static final List<ClusterAssignment> HAND_PARTITIONS = List.of(
            ClusterAssignment.fromLabels(new int[] {0, 1, 0, 1}),
            ClusterAssignment.fromLabels(new int[] {0, 1, 1}));

    @Test
    void readsArgumentsLayerByLayerWithIdsMembersBiasesAndBaseScores() {
        Qbaf qbaf = QbafBuilder.global(handNetwork(Activation.SOFTMAX), HAND_PARTITIONS);

        List<Argument> expected = List.of(
                new Argument("a", 0, Argument.Kind.INPUT, "a", List.of(), null, null, null),
                new Argument("b", 0, Argument.Kind.INPUT, "b", List.of(), null, null, null),
                new Argument("C1.0", 1, Argument.Kind.CLUSTER, "C1.0 (2 neurons)", List.of(0, 2), 0.5, 0.5, null),
                new Argument("C1.1", 1, Argument.Kind.CLUSTER, "C1.1 (2 neurons)", List.of(1, 3), -1.0, 0.0, null),
                new Argument("C2.0", 2, Argument.Kind.CLUSTER, "C2.0 (1 neuron)", List.of(0), 0.0, 0.0, null),
                new Argument("C2.1", 2, Argument.Kind.CLUSTER, "C2.1 (2 neurons)", List.of(1, 2), 0.25, 0.25, null),
                new Argument("no", 3, Argument.Kind.OUTPUT, "no", List.of(), 0.0, null, null),
                new Argument("yes", 3, Argument.Kind.OUTPUT, "yes", List.of(), 0.5, null, null));
        assertEquals(expected, qbaf.arguments());
        assertEquals(List.of(Activation.RELU, Activation.RELU, Activation.SOFTMAX), qbaf.activations());
        assertEquals(Activation.SOFTMAX, qbaf.outputActivation());
        assertNull(qbaf.local());
    }

    @Test
    void readsOneEdgePerNonZeroWeightOrderedByTargetThenSource() {
        Qbaf qbaf = QbafBuilder.global(handNetwork(Activation.SOFTMAX), HAND_PARTITIONS);

        List<Edge> expected = List.of(
                new Edge("a", "C1.0", 1), new Edge("b", "C1.0", -2),
                new Edge("b", "C1.1", 0.5),
                new Edge("C1.0", "C2.0", 2),
                new Edge("C1.0", "C2.1", -1), new Edge("C1.1", "C2.1", 3),
                new Edge("C2.0", "no", 1),
                new Edge("C2.1", "yes", -1));
        assertEquals(expected, qbaf.edges());
        assertEquals(List.of(Edge.Relation.SUPPORT, Edge.Relation.ATTACK, Edge.Relation.SUPPORT, Edge.Relation.SUPPORT,
                        Edge.Relation.ATTACK, Edge.Relation.SUPPORT, Edge.Relation.SUPPORT, Edge.Relation.ATTACK),
                qbaf.edges().stream().map(Edge::relation).toList());
    }

    @Test
    void givesElementWiseOutputsABaseScore() {
        Qbaf qbaf = QbafBuilder.global(handNetwork(Activation.SIGMOID), HAND_PARTITIONS);

        Argument no = qbaf.arguments().get(6);
        Argument yes = qbaf.arguments().get(7);
        assertEquals(0.5, no.baseScore());
        assertEquals(1 / (1 + Math.exp(-0.5)), yes.baseScore(), 0);
        assertEquals(List.of(Activation.RELU, Activation.RELU, Activation.SIGMOID), qbaf.activations());
    }

    @Test
    void carriesTheActivationOfEachLayerInLayerOrder() {
        Mlp hand = handNetwork(Activation.LINEAR);
        List<Activation> phi = List.of(Activation.TANH, Activation.SIGMOID, Activation.LINEAR);
        List<DenseLayer> layers = new java.util.ArrayList<>();
        for (int l = 1; l <= 3; l++) {
            DenseLayer layer = hand.layer(l);
            layers.add(new DenseLayer(layer.weights(), layer.bias(), phi.get(l - 1)));
        }
        Mlp mixed = new Mlp(layers, hand.inputNames(), hand.outputNames());

        Qbaf qbaf = QbafBuilder.global(mixed, HAND_PARTITIONS);

        assertEquals(phi, qbaf.activations());
        // Each layer's base scores use that layer's φ: C1.0 = tanh(0.5), C2.1 = σ(0.25), yes = 0.5.
        assertEquals(Math.tanh(0.5), qbaf.arguments().get(2).baseScore(), 0);
        assertEquals(1 / (1 + Math.exp(-0.25)), qbaf.arguments().get(5).baseScore(), 0);
        assertEquals(0.5, qbaf.arguments().get(7).baseScore(), 0);
    }

    @Test
    void fillsStrengthsAtTheExplainedRow() {
        LocalContext row = new LocalContext(7, List.of(2.0, 0.5), "no", "yes");
        Qbaf qbaf = QbafBuilder.local(handNetwork(Activation.SOFTMAX), HAND_PARTITIONS, row);

        // By hand: C1.0 = relu(0.5 + 1·2 − 2·0.5) = 1.5, C1.1 = relu(−1 + 0.5·0.5) = 0,
        // C2.0 = relu(2·1.5) = 3, C2.1 = relu(0.25 − 1.5 + 0) = 0,
        // z = (3, 0.5) → softmax = (1 / (1 + e^−2.5), 1 / (1 + e^2.5)).
        double[] expected = {2, 0.5, 1.5, 0, 3, 0, 1 / (1 + Math.exp(-2.5)), 1 / (1 + Math.exp(2.5))};
        List<Argument> arguments = qbaf.arguments();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], arguments.get(i).strength(), 1e-15, arguments.get(i).id());
        }
        assertEquals(row, qbaf.local());
        assertEquals(List.of(Activation.RELU, Activation.RELU, Activation.SOFTMAX), qbaf.activations());
        assertEquals(QbafBuilder.global(handNetwork(Activation.SOFTMAX), HAND_PARTITIONS).edges(), qbaf.edges());
    }

    @Test
    void rejectsPartitionsThatDoNotMatchTheCompressedNetwork() {
        Mlp mlp = handNetwork(Activation.SOFTMAX);
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
                () -> QbafBuilder.global(mlp, HAND_PARTITIONS.subList(0, 1)));
        assertEquals("the compressed network has 2 hidden layers but 1 partitions were given (one per hidden layer)",
                tooFew.getMessage());

        List<ClusterAssignment> wrongCount = List.of(HAND_PARTITIONS.get(0), ClusterAssignment.identity(3));
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> QbafBuilder.global(mlp, wrongCount));
        assertTrue(mismatch.getMessage().startsWith(
                "hidden layer 2 of the compressed network has 2 cluster-neurons but partition P_2 has 3 clusters"),
                mismatch.getMessage());
    }

    @Test
    void rejectsAFeatureNamedLikeAClusterNeuron() {
        Mlp hand = handNetwork(Activation.SOFTMAX);
        Mlp clash = new Mlp(hand.layers(), List.of("a", "C1.1"), hand.outputNames());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QbafBuilder.global(clash, HAND_PARTITIONS));
        assertTrue(e.getMessage().startsWith(
                "argument id 'C1.1' would be used twice, by an input feature and by a cluster-neuron of layer 1;"),
                e.getMessage());
    }

    @Test
    void rejectsAClassNamedLikeAFeature() {
        Mlp hand = handNetwork(Activation.SOFTMAX);
        Mlp clash = new Mlp(hand.layers(), hand.inputNames(), List.of("no", "b"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QbafBuilder.global(clash, HAND_PARTITIONS));
        assertTrue(e.getMessage().startsWith("argument id 'b' would be used twice, by an input feature and by an output class;"),
                e.getMessage());
    }

    @Test
    void rejectsAnExplainedRowOfTheWrongLength() {
        LocalContext row = new LocalContext(3, List.of(1.0), "no", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QbafBuilder.local(handNetwork(Activation.SOFTMAX), HAND_PARTITIONS, row));
        assertEquals("the explained row 3 has 1 feature values but the network takes 2", e.getMessage());
    }

    @Test
    void namesClusterNeuronsByLayerAndIndex() {
        assertEquals("C3.12", QbafBuilder.clusterId(3, 12));
    }
}
