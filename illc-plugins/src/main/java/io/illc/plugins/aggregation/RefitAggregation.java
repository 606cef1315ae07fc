package io.illc.plugins.aggregation;

import io.illc.api.AggregationFunction;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.OutgoingMerge;
import io.illc.api.Vector;

import java.util.Arrays;

/**
 * Refits layer l+1's input side to the compressed layer l by ridge regression, instead of summing
 * its weights over each cluster. The compressor hands {@link #mergeOutgoing} the rows it works on
 * with layer l's cluster-neuron outputs {@code X = X_l} ({@code [N, K_l]}) and the original
 * layer l's outputs {@code O = O^M_l} ({@code [N, n_l]}); the target is the original network's
 * pre-activations of layer l+1 on those rows, {@code Z = O · W_{l+1}ᵀ + b_{l+1}} ({@code [N, n_{l+1}]}).
 * For every neuron t of layer l+1 (each row of the weights on its own), with {@code X̃ = [X, 1]},
 * {@code θ_t = [W[t, :], b_t]} and {@code θ⁰_t = [W_sum[t, :], b_{l+1}[t]]}:
 * <pre>  minimise  Σ_x π̂_x (X̃_x · θ_t − Z_{x,t})² + λ ‖θ_t − θ⁰_t‖²
 *   ⇔  (X̃ᵀ Π X̃ + λ I) θ_t = X̃ᵀ Π Z_t + λ θ⁰_t,     Π = diag(π̂),
 *   λ = ridge · trace(X̃ᵀ Π X̃) / p</pre>
 * where {@code W_sum[t, C] = Σ_{i∈C} W_{l+1}[t, i]} is the summed (SpArX, Definition 9) weight and
 * p the number of unknowns per neuron ({@code K_l + 1}). The ridge pulls towards the SpArX merge,
 * not towards zero, so a large {@code ridge} gives back the average aggregation and a cluster
 * whose members are identical (where the sum is exact) is left as it is. Dividing by the mean
 * diagonal entry of the Gram matrix makes {@code ridge} a relative amount that does not depend on
 * the scale of the activations or on K_l.
 *
 * <p>With {@code fitBias} false the bias stays {@code b_{l+1}}: the unknowns are the K_l weights
 * ({@code p = K_l}), {@code X̃ = X} and the target is {@code Z − b_{l+1}}.
 *
 * <p>The rows are weighted by π̂ as given: 1/N each for a global compression, the kernel weights for
 * a local one (weighted least squares). Rows with π̂ = 0 add nothing and are skipped. Incoming
 * weights and biases of the cluster-neurons are the cluster means (the interface default); layer
 * l+1 keeps its activation. The output layer is refitted like every other layer: its fit is the
 * last {@code mergeOutgoing} call. Immutable and thread-safe.
 */
final class RefitAggregation implements AggregationFunction {
    private final double ridge;
    private final boolean fitBias;

    /**
     * @param ridge   the relative ridge strength, finite and ≥ 0
     * @param fitBias whether the bias of layer l+1 is fitted too (otherwise it is kept)
     */
    RefitAggregation(double ridge, boolean fitBias) {
        if (!(ridge >= 0) || !Double.isFinite(ridge)) {
            throw new IllegalArgumentException("ridge must be a finite number >= 0, got " + ridge);
        }
        this.ridge = ridge;
        this.fitBias = fitBias;
    }

    @Override
    public DenseLayer mergeOutgoing(OutgoingMerge merge) {
        DenseLayer next = merge.next();
        int rows = merge.rowWeights().size();
        int n = next.inputs();
        int out = next.outputs();
        int k = merge.clusters().clusterCount();
        int p = fitBias ? k + 1 : k;
        double[] pi = merge.rowWeights().toArray();
        double[] original = merge.originalActivations().toRowMajor();
        double[] compressed = merge.compressedActivations().toRowMajor();
        double[] weightsT = next.weights().transpose().toRowMajor(); // [n, out]: rows of Z are built row by row
        double[] bias = next.bias().toArray();

        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        double[] summed = ColumnMerge.weightedColumnSums(next, merge.clusters(), ones).weights().toRowMajor();
        double[] theta0 = new double[p * out]; // [p, out]: column t is θ⁰_t
        for (int t = 0; t < out; t++) {
            for (int c = 0; c < k; c++) {
                theta0[c * out + t] = summed[t * k + c];
            }
            if (fitBias) {
                theta0[k * out + t] = bias[t];
            }
        }

        // Gram = X̃ᵀ Π X̃ (lower triangle) and rhs = X̃ᵀ Π Z, accumulated row by row.
        double[] gram = new double[p * p];
        double[] rhs = new double[p * out];
        double[] z = new double[out];
        double[] design = new double[p];
        for (int x = 0; x < rows; x++) {
            if (pi[x] == 0) {
                continue;
            }
            // Without a fitted bias the target is Z − b, i.e. O_x · Wᵀ alone.
            if (fitBias) {
                System.arraycopy(bias, 0, z, 0, out);
            } else {
                Arrays.fill(z, 0.0);
            }
            for (int i = 0; i < n; i++) {
                double a = original[x * n + i];
                if (a != 0) { // ReLU layers are mostly zeros
                    for (int t = 0; t < out; t++) {
                        z[t] += a * weightsT[i * out + t];
                    }
                }
            }
            System.arraycopy(compressed, x * k, design, 0, k);
            if (fitBias) {
                design[k] = 1.0;
            }
            for (int c = 0; c < p; c++) {
                double wc = pi[x] * design[c];
                if (wc == 0) {
                    continue;
                }
                for (int c2 = 0; c2 <= c; c2++) {
                    gram[c * p + c2] += wc * design[c2];
                }
                for (int t = 0; t < out; t++) {
                    rhs[c * out + t] += wc * z[t];
                }
            }
        }

        double trace = trace(gram, p);
        double lambda = ridge * trace / p;
        for (int c = 0; c < p; c++) {
            gram[c * p + c] += lambda;
            for (int t = 0; t < out; t++) {
                rhs[c * out + t] += lambda * theta0[c * out + t];
            }
        }
        Cholesky cholesky = Cholesky.factor(gram, p).orElseThrow(() -> singular(merge.layer(), p, trace, lambda));
        double[] theta = cholesky.solve(rhs, out);

        double[] w = new double[out * k];
        double[] b = fitBias ? new double[out] : bias;
        for (int t = 0; t < out; t++) {
            for (int c = 0; c < k; c++) {
                w[t * k + c] = theta[c * out + t];
            }
            if (fitBias) {
                b[t] = theta[k * out + t];
            }
        }
        return new DenseLayer(Matrix.ofRowMajor(out, k, w), Vector.of(b), next.activation());
    }

    private static double trace(double[] square, int size) {
        double trace = 0;
        for (int c = 0; c < size; c++) {
            trace += square[c * size + c];
        }
        return trace;
    }

    private IllegalArgumentException singular(int layer, int p, double trace, double lambda) {
        String what = "refit: cannot fit the input side of layer " + (layer + 1) + ": the " + p + " x " + p
                + " normal equations (ridge " + ridge + ", λ = " + lambda + ") are singular";
        if (trace == 0) {
            return new IllegalArgumentException(what + " because every cluster-neuron of layer " + layer
                    + " outputs 0 on every row with weight > 0, so there is nothing to fit; set 'fitBias' to true");
        }
        return new IllegalArgumentException(what + ": the outputs of layer " + layer + "'s cluster-neurons are"
                + " linearly dependent on the rows with weight > 0 (e.g. a cluster-neuron that is 0 on all of them);"
                + " raise 'ridge' above " + ridge + " (default 1e-3)");
    }

    double ridge() {
        return ridge;
    }

    boolean fitBias() {
        return fitBias;
    }
}
