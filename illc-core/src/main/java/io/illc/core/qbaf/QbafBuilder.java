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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the QBAF off a compressed MLP (the paper's Definitions 2–5).
 *
 * <ul>
 *   <li>Arguments, layer by layer and within a layer in neuron order: one per input feature (id and
 *       label = the feature name, layer 0); one per cluster-neuron of hidden layer l (id
 *       {@code C<l>.<k>}, label {@code C<l>.<k> (<size> neurons)}, members = the original neurons
 *       of layer l in cluster k, ascending); one per output (id and label = the class name, layer
 *       d+1). Every non-input argument carries the compressed network's bias and its base score
 *       β = φ(bias) — none for a softmax output, as softmax is not element-wise.</li>
 *   <li>Edges: one per non-zero weight of the compressed network, from layer l-1 to layer l,
 *       ordered by target layer, target, then source. Positive weights support, negative attack.</li>
 *   <li>Activations: φ of every layer 1..d+1 of the compressed network, so the QBAF can be
 *       evaluated on its own.</li>
 *   <li>For a local explanation, every argument's strength at the explained row under
 *       {@link QbafEvaluator}, which equals the compressed network's activations there.</li>
 * </ul>
 *
 * Stateless.
 */
public final class QbafBuilder {

    private QbafBuilder() {
    }

    /**
     * The global QBAF of a compressed network: no explained row, no strengths.
     *
     * @param compressed the compressed network: hidden layer l has one neuron per cluster of
     *                   {@code partitions.get(l - 1)}; its input and output names become the ids of
     *                   the input and output arguments
     * @param partitions P_1..P_d, the partitions of the original hidden layers that produced
     *                   {@code compressed}
     * @throws IllegalArgumentException when the partitions do not match the compressed network or two
     *                                  arguments would share an id
     */
    public static Qbaf global(Mlp compressed, List<ClusterAssignment> partitions) {
        return build(compressed, partitions, null);
    }

    /**
     * The local QBAF of a compressed network: the global one with every argument's strength at the
     * explained row, and {@link Qbaf#local()} set.
     *
     * @param local the explained row; its feature values give the strengths
     * @throws IllegalArgumentException as {@link #global}, or when the row has the wrong length
     */
    public static Qbaf local(Mlp compressed, List<ClusterAssignment> partitions, LocalContext local) {
        return build(compressed, partitions, Objects.requireNonNull(local, "local"));
    }

    /** {@link #global} when {@code local} is null, else {@link #local}. */
    private static Qbaf build(Mlp compressed, List<ClusterAssignment> partitions, LocalContext local) {
        Objects.requireNonNull(compressed, "compressed");
        Objects.requireNonNull(partitions, "partitions");
        int d = compressed.hiddenLayerCount();
        if (partitions.size() != d) {
            throw new IllegalArgumentException("the compressed network has " + d + " hidden layers but "
                    + partitions.size() + " partitions were given (one per hidden layer)");
        }
        for (int l = 1; l <= d; l++) {
            int neurons = compressed.layer(l).outputs();
            int clusters = partitions.get(l - 1).clusterCount();
            if (neurons != clusters) {
                throw new IllegalArgumentException("hidden layer " + l + " of the compressed network has " + neurons
                        + " cluster-neurons but partition P_" + l + " has " + clusters
                        + " clusters; give the partitions that produced this network");
            }
        }

        List<Argument> arguments = arguments(compressed, partitions);
        checkUniqueIds(arguments);
        Qbaf global = new Qbaf(arguments, edges(arguments, compressed), layerActivations(compressed), null);
        if (local == null) {
            return global;
        }
        if (local.featureValues().size() != compressed.inputCount()) {
            throw new IllegalArgumentException("the explained row " + local.row() + " has " + local.featureValues().size()
                    + " feature values but the network takes " + compressed.inputCount());
        }
        double[] row = local.featureValues().stream().mapToDouble(Double::doubleValue).toArray();
        double[] strengths = new QbafEvaluator(global).strengths(row);
        List<Argument> withStrengths = new ArrayList<>(arguments.size());
        for (int i = 0; i < arguments.size(); i++) {
            Argument a = arguments.get(i);
            withStrengths.add(new Argument(a.id(), a.layer(), a.kind(), a.label(), a.members(), a.bias(),
                    a.baseScore(), strengths[i]));
        }
        return new Qbaf(withStrengths, global.edges(), global.activations(), local);
    }

    /** φ of layers 1..d+1 of {@code mlp}, in layer order: what {@link Qbaf#activations()} holds. */
    private static List<Activation> layerActivations(Mlp mlp) {
        return mlp.layers().stream().map(DenseLayer::activation).toList();
    }

    private static List<Argument> arguments(Mlp mlp, List<ClusterAssignment> partitions) {
        List<Argument> out = new ArrayList<>();
        for (String feature : mlp.inputNames()) {
            out.add(new Argument(feature, 0, Argument.Kind.INPUT, feature, List.of(), null, null, null));
        }
        int d = mlp.hiddenLayerCount();
        for (int l = 1; l <= d; l++) {
            DenseLayer layer = mlp.layer(l);
            int[][] membersOf = partitions.get(l - 1).membersByCluster();
            for (int k = 0; k < layer.outputs(); k++) {
                String id = clusterId(l, k);
                List<Integer> members = boxed(membersOf[k]);
                String label = id + " (" + members.size() + (members.size() == 1 ? " neuron)" : " neurons)");
                double bias = layer.bias().get(k);
                out.add(new Argument(id, l, Argument.Kind.CLUSTER, label, members, bias,
                        layer.activation().apply(bias), null));
            }
        }
        DenseLayer output = mlp.outputLayer();
        for (int k = 0; k < output.outputs(); k++) {
            String name = mlp.outputNames().get(k);
            double bias = output.bias().get(k);
            Double baseScore = output.activation().isElementWise() ? output.activation().apply(bias) : null;
            out.add(new Argument(name, d + 1, Argument.Kind.OUTPUT, name, List.of(), bias, baseScore, null));
        }
        return out;
    }

    private static List<Integer> boxed(int[] values) {
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return List.of(boxed);
    }

    /** The id of cluster-neuron {@code k} of hidden layer {@code l}: {@code C<l>.<k>}. */
    public static String clusterId(int l, int k) {
        return "C" + l + "." + k;
    }

    private static void checkUniqueIds(List<Argument> arguments) {
        Map<String, Argument> seen = new HashMap<>();
        for (Argument a : arguments) {
            Argument first = seen.putIfAbsent(a.id(), a);
            if (first != null) {
                throw new IllegalArgumentException("argument id '" + a.id() + "' would be used twice, by "
                        + role(first) + " and by " + role(a) + "; QBAF ids must be unique — rename the feature column"
                        + " or class so that no feature name equals a class name or a cluster id C<layer>.<index>");
            }
        }
    }

    private static String role(Argument a) {
        return switch (a.kind()) {
            case INPUT -> "an input feature";
            case CLUSTER -> "a cluster-neuron of layer " + a.layer();
            case OUTPUT -> "an output class";
        };
    }

    private static List<Edge> edges(List<Argument> arguments, Mlp mlp) {
        List<Edge> out = new ArrayList<>();
        int offset = 0;
        for (int l = 1; l <= mlp.layers().size(); l++) {
            DenseLayer layer = mlp.layer(l);
            int targetOffset = offset + layer.inputs();
            for (int j = 0; j < layer.outputs(); j++) {
                addIncoming(out, arguments, offset, layer.weights(), j, arguments.get(targetOffset + j).id());
            }
            offset = targetOffset;
        }
        return out;
    }

    /**
     * The edges into one target, in source order. A method of its own, called once per target: the
     * JIT compiles it after a few targets, where one loop over all of a network's edges would run in
     * the interpreter until an on-stack replacement (about 0.03 s of a 20 × 100 network's 200 000).
     */
    private static void addIncoming(List<Edge> out, List<Argument> arguments, int firstSource, Matrix weights,
                                    int row, String target) {
        for (int i = 0; i < weights.cols(); i++) {
            double w = weights.get(row, i);
            if (w != 0) {
                out.add(new Edge(arguments.get(firstSource + i).id(), target, w));
            }
        }
    }
}
