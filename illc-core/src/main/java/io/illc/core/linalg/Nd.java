package io.illc.core.linalg;

import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Vector;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The batched linear algebra of the engines, in ND4J float64: forward passes over all rows and
 * Gram matrices. Everything per neuron stays in plain Java; only products of whole matrices come
 * here, because a single small ND4J op costs tens of microseconds.
 */
public final class Nd {
    private Nd() {
    }

    /** A 'c'-ordered float64 copy of {@code m}. */
    public static INDArray toNd(Matrix m) {
        return Nd4j.create(m.toRowMajor(), new long[]{m.rows(), m.cols()}, 'c');
    }

    /** A float64 row vector {@code [1, size]}. */
    public static INDArray toNd(Vector v) {
        return Nd4j.create(v.toArray(), new long[]{1, v.size()}, 'c');
    }

    /** A copy of a 2-d array as a {@link Matrix}. */
    public static Matrix toMatrix(INDArray a) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException("expected a matrix, got rank " + a.rank());
        }
        INDArray c = a.dataType() == DataType.DOUBLE && a.ordering() == 'c' && !a.isView() ? a : a.castTo(DataType.DOUBLE).dup('c');
        return Matrix.ofRowMajor((int) a.rows(), (int) a.columns(), c.data().asDouble());
    }

    /** φ(X · Wᵀ + b) for all rows of {@code input} ({@code [N, in]} → {@code [N, out]}); returns a new array. */
    public static INDArray forward(INDArray input, DenseLayer layer) {
        INDArray z = input.mmul(toNd(layer.weights()).transpose());
        z.addiRowVector(toNd(layer.bias()));
        return activate(z, layer.activation());
    }

    /** Applies φ in place and returns {@code z}. */
    public static INDArray activate(INDArray z, Activation activation) {
        return switch (activation) {
            case RELU -> Transforms.relu(z, false);
            case SIGMOID -> Transforms.sigmoid(z, false);
            case TANH -> Transforms.tanh(z, false);
            case LINEAR -> z;
            case SOFTMAX -> Transforms.softmax(z, false);
        };
    }

    /**
     * The Gram matrix of the columns of {@code points} after subtracting their mean column:
     * {@code [n, n]} from {@code [N, n]}. Distances between columns are unchanged by the centring,
     * and the entries stay small, so distances derived from them lose little precision.
     */
    public static Matrix centredGram(INDArray points) {
        INDArray centred = points.subColumnVector(points.mean(1).reshape(points.rows(), 1));
        return toMatrix(centred.transpose().mmul(centred));
    }

    /** The forward pass of every layer: index l-1 holds layer l's outputs {@code [N, n_l]}. */
    public static java.util.List<INDArray> forwardAll(INDArray input, java.util.List<DenseLayer> layers) {
        java.util.List<INDArray> out = new java.util.ArrayList<>(layers.size());
        INDArray x = input;
        for (DenseLayer layer : layers) {
            x = forward(x, layer);
            out.add(x);
        }
        return out;
    }
}
