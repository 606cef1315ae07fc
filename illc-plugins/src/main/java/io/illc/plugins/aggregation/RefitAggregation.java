package io.illc.plugins.aggregation;

import io.illc.api.AggregationFunction;
import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.OutgoingMerge;
import io.illc.api.OutgoingSums;
import io.illc.api.Vector;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Optional;

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
        Sums sums = new Sums(this, merge.layer(), merge.next(), merge.clusters());
        return sums.merge(sums.add(sums.zero(), merge));
    }

    /** The normal equations are sums over rows, so the refit runs on streamed data as well. */
    @Override
    public Optional<OutgoingSums<?>> outgoingSums(int layer, DenseLayer next, ClusterAssignment clusters) {
        return Optional.of(new Sums(this, layer, next, clusters));
    }

    /**
     * {@code X̃ᵀ Π X̃} (lower triangle) and {@code X̃ᵀ Π O} over some rows, O the original activations of
     * the layer. The right-hand side {@code X̃ᵀ Π Z = (X̃ᵀ Π O) Wᵀ + (X̃ᵀ Π 1) bᵀ} is formed once from
     * them when the layer is merged, not row by row: per row that costs p · n instead of
     * n · out + p · out.
     */
    static final class NormalEquations implements Serializable {
        private static final long serialVersionUID = 1L;
        /** {@code [p, p]} row-major, lower triangle with the diagonal. */
        final double[] gram;
        /** {@code [p, n]} row-major. */
        final double[] cross;

        NormalEquations(int p, int n) {
            this.gram = new double[p * p];
            this.cross = new double[p * n];
        }
    }

    /** The refit of one layer as sums over rows. Immutable; each call works on its own arrays. */
    private static final class Sums implements OutgoingSums<NormalEquations> {
        private static final long serialVersionUID = 1L;
        private final double ridge;
        private final boolean fitBias;
        private final int layer;
        private final DenseLayer next;
        private final int n;
        private final int out;
        private final int k;
        private final int p;
        /** {@code [out, n]}: W of the next layer, row-major. */
        private final double[] weights;
        private final double[] bias;
        /** {@code [p, out]}: column t is θ⁰_t. */
        private final double[] theta0;

        Sums(RefitAggregation refit, int layer, DenseLayer next, ClusterAssignment clusters) {
            this.ridge = refit.ridge;
            this.fitBias = refit.fitBias;
            this.layer = layer;
            this.next = next;
            this.n = next.inputs();
            this.out = next.outputs();
            this.k = clusters.clusterCount();
            this.p = fitBias ? k + 1 : k;
            if (clusters.neurons() != n) {
                throw new IllegalArgumentException("layer " + (layer + 1) + " takes " + n + " inputs but layer "
                        + layer + " has " + clusters.neurons() + " neurons");
            }
            this.weights = next.weights().toRowMajor();
            this.bias = next.bias().toArray();
            double[] ones = new double[n];
            Arrays.fill(ones, 1.0);
            double[] summed = ColumnMerge.weightedColumnSums(next, clusters, ones).weights().toRowMajor();
            this.theta0 = new double[p * out];
            for (int t = 0; t < out; t++) {
                for (int c = 0; c < k; c++) {
                    theta0[c * out + t] = summed[t * k + c];
                }
                if (fitBias) {
                    theta0[k * out + t] = bias[t];
                }
            }
        }

        @Override
        public NormalEquations zero() {
            return new NormalEquations(p, n);
        }

        @Override
        public NormalEquations add(NormalEquations sums, OutgoingMerge merge) {
            int rows = merge.rowWeights().size();
            if (merge.clusters().clusterCount() != k || merge.next().outputs() != out) {
                throw new IllegalArgumentException("rows of a different merge: " + merge.clusters().clusterCount()
                        + " clusters and " + merge.next().outputs() + " outputs, expected " + k + " and " + out);
            }
            double[] pi = merge.rowWeights().toArray();
            double[] original = merge.originalActivations().toRowMajor();
            double[] compressed = merge.compressedActivations().toRowMajor();
            double[] gram = sums.gram;
            double[] cross = sums.cross;
            double[] design = new double[p];
            for (int x = 0; x < rows; x++) {
                if (pi[x] == 0) {
                    continue;
                }
                System.arraycopy(compressed, x * k, design, 0, k);
                if (fitBias) {
                    design[k] = 1.0;
                }
                int from = x * n;
                for (int c = 0; c < p; c++) {
                    double wc = pi[x] * design[c];
                    if (wc == 0) {
                        continue;
                    }
                    for (int c2 = 0; c2 <= c; c2++) {
                        gram[c * p + c2] += wc * design[c2];
                    }
                    // Dense and contiguous, so that the JIT vectorises it: faster than skipping zeros.
                    int row = c * n;
                    for (int i = 0; i < n; i++) {
                        cross[row + i] += wc * original[from + i];
                    }
                }
            }
            return sums;
        }

        @Override
        public NormalEquations combine(NormalEquations left, NormalEquations right) {
            for (int i = 0; i < left.gram.length; i++) {
                left.gram[i] += right.gram[i];
            }
            for (int i = 0; i < left.cross.length; i++) {
                left.cross[i] += right.cross[i];
            }
            return left;
        }

        @Override
        public DenseLayer merge(NormalEquations sums) {
            double[] gram = sums.gram.clone();
            double[] rhs = rightHandSide(sums);
            double trace = trace(gram, p);
            double lambda = ridge * trace / p;
            for (int c = 0; c < p; c++) {
                gram[c * p + c] += lambda;
                for (int t = 0; t < out; t++) {
                    rhs[c * out + t] += lambda * theta0[c * out + t];
                }
            }
            Cholesky cholesky = Cholesky.factor(gram, p)
                    .orElseThrow(() -> singular(ridge, layer, p, trace, lambda));
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

        /**
         * {@code X̃ᵀ Π Z [p, out]}: {@code (X̃ᵀ Π O) Wᵀ}, plus {@code (X̃ᵀ Π 1) bᵀ} when the bias is fitted
         * (the target is then Z itself, not Z − b); {@code X̃ᵀ Π 1} is the bias row of the Gram matrix.
         */
        private double[] rightHandSide(NormalEquations sums) {
            double[] rhs = new double[p * out];
            for (int c = 0; c < p; c++) {
                double weight = fitBias ? sums.gram[k * p + c] : 0;
                for (int t = 0; t < out; t++) {
                    double sum = weight * bias[t];
                    for (int i = 0; i < n; i++) {
                        sum += sums.cross[c * n + i] * weights[t * n + i];
                    }
                    rhs[c * out + t] = sum;
                }
            }
            return rhs;
        }
    }

    private static double trace(double[] square, int size) {
        double trace = 0;
        for (int c = 0; c < size; c++) {
            trace += square[c * size + c];
        }
        return trace;
    }

    private static IllegalArgumentException singular(double ridge, int layer, int p, double trace, double lambda) {
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
