package io.illc.core.qbaf;

import io.illc.api.Activation;
import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.LocalContext;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Qbaf;
import io.illc.api.Vector;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random layered QBAFs read off random compressed networks with one cluster per neuron, for property tests. */
public final class RandomQbafs {
    private RandomQbafs() {
    }

    /**
     * A random network of {@code hiddenWidths.length} hidden layers, {@code inputs} inputs and
     * {@code outputs} outputs; about a fifth of the weights are zero.
     */
    public static Mlp network(Random random, int inputs, int[] hiddenWidths, int outputs, Activation hidden, Activation output) {
        List<DenseLayer> layers = new ArrayList<>();
        int previous = inputs;
        for (int width : hiddenWidths) {
            layers.add(layer(width, previous, hidden, random));
            previous = width;
        }
        layers.add(layer(outputs, previous, output, random));
        List<String> inputNames = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            inputNames.add("x" + i);
        }
        List<String> outputNames = new ArrayList<>();
        for (int k = 0; k < outputs; k++) {
            outputNames.add("class" + k);
        }
        return new Mlp(layers, inputNames, outputNames);
    }

    /** The local QBAF of {@code mlp} (one cluster per neuron) at {@code row}. */
    public static Qbaf local(Mlp mlp, double[] row) {
        List<Double> values = new ArrayList<>();
        for (double v : row) {
            values.add(v);
        }
        return QbafBuilder.local(mlp, identityPartitions(mlp), new LocalContext(0, values, "?", null));
    }

    /** The global QBAF of {@code mlp} (one cluster per neuron). */
    public static Qbaf global(Mlp mlp) {
        return QbafBuilder.global(mlp, identityPartitions(mlp));
    }

    private static List<ClusterAssignment> identityPartitions(Mlp mlp) {
        List<ClusterAssignment> partitions = new ArrayList<>();
        for (int l = 1; l <= mlp.hiddenLayerCount(); l++) {
            int[] labels = new int[mlp.layer(l).outputs()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = i;
            }
            partitions.add(ClusterAssignment.fromLabels(labels));
        }
        return partitions;
    }

    private static DenseLayer layer(int out, int in, Activation activation, Random random) {
        double[][] w = new double[out][in];
        for (double[] r : w) {
            for (int i = 0; i < in; i++) {
                r[i] = random.nextInt(5) == 0 ? 0 : random.nextGaussian();
            }
        }
        return new DenseLayer(Matrix.of(w), Vector.of(random.doubles(out, -1, 1).toArray()), activation);
    }
}
