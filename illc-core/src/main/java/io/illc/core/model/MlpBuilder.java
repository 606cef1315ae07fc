package io.illc.core.model;

import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import io.illc.core.InputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds an MLP from a framework's layer sequence: dense layers, activations and per-feature
 * affine maps (batch normalisation, input normalisation and rescaling). A per-feature map is folded
 * exactly into the dense layer before it when no activation lies between, else into the next dense
 * layer's weights: {@code W · (s ⊙ v + t) + b = (W diag(s)) · v + (W · t + b)}. Mutable; one use.
 */
final class MlpBuilder {
    private final String source;
    private final List<DenseLayer> layers = new ArrayList<>();
    /** The dense layer waiting for its activation, or {@code null}. */
    private double[][] w;
    private double[] b;
    private Activation activation;
    private String activationFrom;
    /** A per-feature map waiting for the next dense layer (at the input, or after an activation). */
    private double[] scale;
    private double[] shift;
    private String mapFrom;

    MlpBuilder(String source) {
        this.source = source;
    }

    /** A dense layer {@code W · in + b}, W {@code [out][in]}; the map before it is folded in. */
    void dense(double[][] weights, double[] bias, String from) {
        finishLayer();
        int in = weights.length == 0 ? 0 : weights[0].length;
        if (scale != null) {
            double[] s = broadcast(scale, in, from);
            double[] t = broadcast(shift, in, from);
            for (int j = 0; j < weights.length; j++) {
                for (int i = 0; i < in; i++) {
                    // The shift goes through the unscaled weight, so add it before scaling.
                    bias[j] += weights[j][i] * t[i];
                    weights[j][i] *= s[i];
                }
            }
            scale = null;
            shift = null;
        }
        w = weights;
        b = bias;
        activation = null;
    }

    /** φ of the pending dense layer; {@code linear} is no activation at all. */
    void activation(Activation phi, String from) {
        if (phi == Activation.LINEAR) {
            return;
        }
        if (w == null || scale != null) {
            throw new InputException(source + ": " + from + " applies " + phi + " where no dense layer's output is"
                    + (scale != null ? " (it follows the per-feature map of " + mapFrom + ")" : "")
                    + "; an MLP applies one activation right after each dense layer");
        }
        if (activation != null) {
            throw new InputException(source + ": " + from + " applies " + phi + " after " + activationFrom
                    + " already applied " + activation + "; an MLP has one activation per layer");
        }
        activation = phi;
        activationFrom = from;
    }

    /** {@code s ⊙ v + t} per feature (length 1 broadcasts). */
    void perFeature(double[] s, double[] t, String from) {
        if (activation == Activation.SOFTMAX) {
            throw new InputException(source + ": " + from + " follows the softmax head; nothing can follow it");
        }
        if (w != null && activation == null) {
            int n = w.length;
            double[] ss = broadcast(s, n, from);
            double[] tt = broadcast(t, n, from);
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < w[j].length; i++) {
                    w[j][i] *= ss[j];
                }
                b[j] = ss[j] * b[j] + tt[j];
            }
            return;
        }
        if (scale == null) {
            scale = s.clone();
            shift = t.clone();
        } else {
            int n = Math.max(scale.length, s.length);
            double[] s0 = broadcast(scale, n, from);
            double[] t0 = broadcast(shift, n, from);
            double[] s1 = broadcast(s, n, from);
            double[] t1 = broadcast(t, n, from);
            scale = new double[n];
            shift = new double[n];
            for (int i = 0; i < n; i++) {
                scale[i] = s1[i] * s0[i];
                shift[i] = s1[i] * t0[i] + t1[i];
            }
        }
        mapFrom = from;
    }

    Mlp build() {
        if (scale != null) {
            throw new InputException(source + ": the per-feature map of " + mapFrom + " is the last computation; it could be"
                    + " folded into a following dense layer, but there is none");
        }
        finishLayer();
        if (layers.isEmpty()) {
            throw new InputException(source + ": the model has no dense layer");
        }
        try {
            return Mlp.unnamed(layers);
        } catch (IllegalArgumentException e) {
            throw new InputException(source + ": the model is not an MLP: " + e.getMessage(), e);
        }
    }

    private void finishLayer() {
        if (w != null) {
            layers.add(new DenseLayer(Matrix.of(w), Vector.of(b), activation == null ? Activation.LINEAR : activation));
            w = null;
            b = null;
            activation = null;
        }
    }

    private double[] broadcast(double[] v, int n, String from) {
        if (v.length == n) {
            return v;
        }
        if (v.length != 1) {
            throw new InputException(source + ": " + from + " has " + v.length + " per-feature values for " + n + " features");
        }
        double[] out = new double[n];
        Arrays.fill(out, v[0]);
        return out;
    }
}
