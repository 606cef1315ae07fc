package io.illc.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A multi-layer perceptron of dense layers. Every layer but the last is a hidden layer; the last
 * is the output layer. Hidden layers are numbered 1..d, the output layer is d+1.
 *
 * @param layers      at least one layer; each layer's inputs equal the previous layer's outputs
 * @param inputNames  one name per input feature
 * @param outputNames one name per output neuron
 */
public record Mlp(List<DenseLayer> layers, List<String> inputNames, List<String> outputNames)
        implements java.io.Serializable {
    public Mlp {
        layers = List.copyOf(layers);
        inputNames = List.copyOf(inputNames);
        outputNames = List.copyOf(outputNames);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("an MLP needs at least one layer");
        }
        for (int l = 1; l < layers.size(); l++) {
            if (layers.get(l).inputs() != layers.get(l - 1).outputs()) {
                throw new IllegalArgumentException("layer " + (l + 1) + " takes " + layers.get(l).inputs()
                        + " inputs but layer " + l + " has " + layers.get(l - 1).outputs() + " neurons");
            }
        }
        for (int l = 0; l < layers.size() - 1; l++) {
            if (layers.get(l).activation() == Activation.SOFTMAX) {
                throw new IllegalArgumentException("softmax is allowed on the output layer only, found on layer " + (l + 1));
            }
        }
        if (inputNames.size() != layers.get(0).inputs()) {
            throw new IllegalArgumentException(inputNames.size() + " input names for " + layers.get(0).inputs() + " inputs");
        }
        if (outputNames.size() != layers.get(layers.size() - 1).outputs()) {
            throw new IllegalArgumentException(outputNames.size() + " output names for "
                    + layers.get(layers.size() - 1).outputs() + " outputs");
        }
    }

    /** An MLP with generated names {@code x0, x1, ...} and {@code y0, y1, ...}. */
    public static Mlp unnamed(List<DenseLayer> layers) {
        Objects.requireNonNull(layers, "layers");
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("an MLP needs at least one layer");
        }
        return new Mlp(layers, names("x", layers.get(0).inputs()), names("y", layers.get(layers.size() - 1).outputs()));
    }

    /** {@code prefix0 .. prefix(count-1)}. */
    public static List<String> names(String prefix, int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    /** d, the number of hidden layers. */
    public int hiddenLayerCount() {
        return layers.size() - 1;
    }

    /** Hidden layer l, 1-based; {@code layer(d + 1)} is the output layer. */
    public DenseLayer layer(int l) {
        return layers.get(l - 1);
    }

    public DenseLayer outputLayer() {
        return layers.get(layers.size() - 1);
    }

    public int inputCount() {
        return layers.get(0).inputs();
    }

    public int outputCount() {
        return outputLayer().outputs();
    }

    /** n_1..n_d, the widths of the hidden layers. */
    public int[] hiddenWidths() {
        int[] w = new int[hiddenLayerCount()];
        for (int l = 0; l < w.length; l++) {
            w[l] = layers.get(l).outputs();
        }
        return w;
    }

    /**
     * The forward pass of one row, in plain Java (for single rows and tests; engines batch rows).
     *
     * @return post-activation outputs of every layer, index 0 = the input itself, index l = layer l
     */
    public double[][] forward(double[] input) {
        if (input.length != inputCount()) {
            throw new IllegalArgumentException("row has " + input.length + " values, the model takes " + inputCount());
        }
        double[][] out = new double[layers.size() + 1][];
        out[0] = input.clone();
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            double[] z = new double[layer.outputs()];
            for (int j = 0; j < z.length; j++) {
                double s = layer.bias().get(j);
                for (int i = 0; i < layer.inputs(); i++) {
                    s += layer.weights().get(j, i) * out[l][i];
                }
                z[j] = s;
            }
            layer.activation().applyToRow(z);
            out[l + 1] = z;
        }
        return out;
    }
}
