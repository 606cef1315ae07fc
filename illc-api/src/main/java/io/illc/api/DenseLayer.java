package io.illc.api;

import java.util.Objects;

/**
 * A dense layer: {@code out = φ(W · in + b)}.
 *
 * @param weights    {@code [out, in]}: row j holds the incoming weights of neuron j
 * @param bias       {@code [out]}
 * @param activation φ
 */
public record DenseLayer(Matrix weights, Vector bias, Activation activation) implements java.io.Serializable {
    public DenseLayer {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(bias, "bias");
        Objects.requireNonNull(activation, "activation");
        if (bias.size() != weights.rows()) {
            throw new IllegalArgumentException("bias has " + bias.size() + " values but the weights have "
                    + weights.rows() + " rows (one per neuron)");
        }
    }

    /** Number of neurons of this layer (rows of the weights). */
    public int outputs() {
        return weights.rows();
    }

    /** Number of inputs of this layer (columns of the weights). */
    public int inputs() {
        return weights.cols();
    }
}
