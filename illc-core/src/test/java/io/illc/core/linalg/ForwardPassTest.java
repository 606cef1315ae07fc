package io.illc.core.linalg;

import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Vector;
import io.illc.core.stream.LocalRowPasses;
import org.junit.jupiter.api.Test;

import java.nio.DoubleBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Nd#forwardAll(Matrix, List, int)}: blocks of output neurons in native memory, on any number of threads. */
class ForwardPassTest {
    @Test
    void aHandComputedLayer() {
        // z = X · Wᵀ + b; row 1: (1·1 + 2·0 + 0.5, 1·(−1) + 2·1 − 3, 1·2 + 2·2 + 0) = (1.5, −2, 6) → relu (1.5, 0, 6)
        DenseLayer layer = new DenseLayer(Matrix.of(new double[][]{{1, 0}, {-1, 1}, {2, 2}}),
                Vector.of(new double[]{0.5, -3, 0}), Activation.RELU);
        Matrix x = Matrix.of(new double[][]{{1, 2}, {-1, 0.5}});
        for (int threads = 1; threads <= 3; threads++) {
            List<Matrix> out = Nd.forwardAll(x, List.of(layer), threads);
            assertArrayEquals(new double[]{1.5, 0, 6, 0, 0, 0}, out.get(0).toRowMajor(), 0.0);
        }
    }

    /**
     * The activations are wrapped, not copied ({@link Matrix#wrap}): each layer's array is handed
     * over, so a layer's matrix keeps its values while the next layers and a second pass run.
     */
    @Test
    void wrappedActivationsKeepTheirValuesThroughLaterLayersAndPasses() {
        DenseLayer first = new DenseLayer(Matrix.of(new double[][]{{1, 0}, {-1, 1}, {2, 2}}),
                Vector.of(new double[]{0.5, -3, 0}), Activation.RELU);
        DenseLayer second = new DenseLayer(Matrix.of(new double[][]{{1, 1, 1}}), Vector.of(new double[]{-1}), Activation.LINEAR);
        Matrix x = Matrix.of(new double[][]{{1, 2}, {-1, 0.5}});
        List<Matrix> out = Nd.forwardAll(x, List.of(first, second), 2);
        Nd.forwardAll(Matrix.of(new double[][]{{5, 5}, {7, 7}}), List.of(first, second), 2);
        assertArrayEquals(new double[]{1.5, 0, 6, 0, 0, 0}, out.get(0).toRowMajor(), 0.0);
        assertArrayEquals(new double[]{6.5, -1}, out.get(1).toRowMajor(), 0.0); // 1.5 + 0 + 6 − 1; 0 − 1
        // wrap shares the array it is given (ofRowMajor copies it) and checks the shape alike.
        double[] values = {1, 2, 3, 4};
        Matrix wrapped = Matrix.wrap(2, 2, values);
        Matrix copied = Matrix.ofRowMajor(2, 2, values);
        values[3] = 9;
        assertEquals(9, wrapped.get(1, 1));
        assertEquals(4, copied.get(1, 1));
        assertThrows(IllegalArgumentException.class, () -> Matrix.wrap(3, 2, values));
        // readOnlyValues reads the matrix's own array, row by row, and cannot change it.
        DoubleBuffer view = wrapped.readOnlyValues();
        assertTrue(view.isReadOnly());
        assertEquals(4, view.remaining());
        assertEquals(3, view.get(2));
        assertEquals(9, view.get(3));
        assertThrows(ReadOnlyBufferException.class, () -> view.put(0, 5));
        assertEquals(1, wrapped.get(0, 0));
    }

    /**
     * Layers wider than a block (the last block partial) over more rows than a chunk: the same
     * bits for every thread count, and the plain sums to rounding.
     */
    @Test
    void theSameBitsForAnyThreadCount() {
        Random random = new Random(3);
        int rows = LocalRowPasses.CHUNK_ROWS + 37;
        int[] widths = {7, Nd.NEURON_BLOCK * 2 + 44, Nd.NEURON_BLOCK + 1, 3};
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 1; l < widths.length; l++) {
            double[][] w = new double[widths[l]][widths[l - 1]];
            for (double[] row : w) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = random.nextGaussian() / Math.sqrt(widths[l - 1]);
                }
            }
            double[] b = random.doubles(widths[l], -0.1, 0.1).toArray();
            layers.add(new DenseLayer(Matrix.of(w), Vector.of(b), l == widths.length - 1 ? Activation.SIGMOID : Activation.RELU));
        }
        double[][] data = new double[rows][widths[0]];
        for (double[] row : data) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextGaussian();
            }
        }
        Matrix x = Matrix.of(data);
        List<Matrix> one = Nd.forwardAll(x, layers, 1);
        assertEquals(one.size(), Nd.forwardAll(x, layers).size());
        // A matrix's rows are read where they are, chunk by chunk: the bits of its array's.
        assertArrayEquals(Nd.forward(x.toRowMajor(), rows, layers.get(0), null), Nd.forward(x, layers.get(0), null), 0.0);
        for (int threads : new int[]{2, 3, 8}) {
            List<Matrix> many = Nd.forwardAll(x, layers, threads);
            for (int l = 0; l < layers.size(); l++) {
                assertArrayEquals(one.get(l).toRowMajor(), many.get(l).toRowMajor(), 0.0, "layer " + (l + 1) + ", " + threads + " threads");
            }
        }
        double[][] in = data;
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            double[][] next = new double[rows][layer.outputs()];
            double worst = 0;
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < layer.outputs(); j++) {
                    double z = layer.bias().get(j);
                    for (int i = 0; i < layer.inputs(); i++) {
                        z += layer.weights().get(j, i) * in[r][i];
                    }
                    next[r][j] = layer.activation().apply(z);
                    worst = Math.max(worst, Math.abs(next[r][j] - one.get(l).get(r, j)));
                }
            }
            assertTrue(worst < 1e-12, "layer " + (l + 1) + " differs from the plain sums by " + worst);
            in = next;
        }
    }

    /**
     * Rows that fit one chunk go through native buffers kept from layer to layer: the same bits as
     * one layer at a time, also after a layer whose φ (softmax) is applied to whole rows.
     */
    @Test
    void aPassThroughNativeBuffersHasTheBitsOfOneLayerAtATime() {
        Random random = new Random(8);
        int rows = 211;
        int[] widths = {5, Nd.NEURON_BLOCK + 9, 40, Nd.NEURON_BLOCK * 2, 4};
        Activation[] phi = {Activation.TANH, Activation.SOFTMAX, Activation.RELU, Activation.SOFTMAX};
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 1; l < widths.length; l++) {
            double[][] w = new double[widths[l]][widths[l - 1]];
            for (double[] row : w) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = random.nextGaussian();
                }
            }
            layers.add(new DenseLayer(Matrix.of(w), Vector.of(random.doubles(widths[l], -1, 1).toArray()), phi[l - 1]));
        }
        double[] x = random.doubles((long) rows * widths[0], -2, 2).toArray();
        for (int threads : new int[]{1, 2, 3}) {
            List<Matrix> all = Nd.forwardAll(Matrix.ofRowMajor(rows, widths[0], x), layers, threads);
            double[] in = x;
            for (int l = 0; l < layers.size(); l++) {
                in = Nd.forward(in, rows, layers.get(l));
                assertArrayEquals(in, all.get(l).toRowMajor(), 0.0, "layer " + (l + 1) + ", " + threads + " threads");
            }
        }
        List<DenseLayer> unchained = List.of(layers.get(0), layers.get(2));
        assertThrows(IllegalArgumentException.class, () -> Nd.forwardAll(Matrix.ofRowMajor(rows, widths[0], x), unchained, 2));
    }

    @Test
    void aThreadCountBelowOneIsRefused() {
        DenseLayer layer = new DenseLayer(Matrix.of(new double[][]{{1}}), Vector.of(new double[]{0}), Activation.LINEAR);
        assertThrows(IllegalArgumentException.class, () -> Nd.forwardAll(Matrix.of(new double[][]{{1}}), List.of(layer), 0));
    }
}
