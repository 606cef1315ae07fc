package io.illc.core.qbaf;

import io.illc.api.Activation;
import io.illc.api.Argument;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Qbaf;
import io.illc.core.Workers;
import io.illc.core.linalg.Nd;
import org.bytedeco.javacpp.DoublePointer;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What each non-input argument of a QBAF stands for in terms of the input features: how much each
 * feature supports (positive) or attacks (negative) it through the paths of the compressed network
 * (SpArX's per-cluster word clouds, as numbers).
 *
 * <p>With z_c the pre-activation of argument c (bias + Σ weight × strength of its sources), the
 * path sum G_cf(x) = ∂z_c/∂x_f is the sum over the paths f → … → c of the product of their weights
 * and of φ'(z) at every hidden argument they pass through (for c in layer 1: just the weight of
 * f → c). The summary is unit-free: it is in units of z_c per "typical size" of the feature, so
 * multiplying a feature by 1000 and its weights by 1/1000 leaves it unchanged.
 * <ul>
 *   <li>global: S_cf = σ_f · mean over rows of G_cf(x), σ_f the population standard deviation of
 *       feature f over the data rows; the mean is over at most {@link #MAX_ROWS} rows, evenly
 *       spaced (row ⌊k·n/m⌋ for k = 0..m−1, m = min(n, {@link #MAX_ROWS})), which bounds the cost on
 *       large data at a sampling error the output records ({@link #rows()});</li>
 *   <li>local: S_cf = x_f · G_cf(x) at the explained row x (gradient × input: for layer 1 exactly
 *       the edge's contribution weight × value to z_c).</li>
 * </ul>
 * φ'(z) at a kink is the left derivative ({@link Activation#derivative}). Immutable.
 */
public final class FeatureSummary {
    /** The most rows the global mean runs over. */
    public static final int MAX_ROWS = 1000;

    /** How the path sums were scaled to be unit-free. */
    public enum Scale {
        /** global: by each feature's standard deviation, averaged over rows */
        STD,
        /** local: by each feature's value at the explained row */
        VALUE;

        public String jsonName() {
            return this == STD ? "std" : "value";
        }
    }

    private final Scale scale;
    private final int rows;
    private final List<String> features;
    private final double[] std;
    private final Map<String, double[]> summaries;

    private FeatureSummary(Scale scale, int rows, List<String> features, double[] std, Map<String, double[]> summaries) {
        this.scale = scale;
        this.rows = rows;
        this.features = List.copyOf(features);
        this.std = std;
        this.summaries = summaries;
    }

    /**
     * The global summary of {@code qbaf} over the data rows.
     *
     * @param qbaf a layered QBAF (as {@link QbafEvaluator} accepts); its input arguments in the column
     *             order of {@code data}
     * @param data {@code [rows, inputs]}, the features the network takes, at least one row
     */
    public static FeatureSummary global(Qbaf qbaf, Matrix data) {
        return global(qbaf, data, Workers.available());
    }

    /**
     * {@link #global(Qbaf, Matrix)}, its blocks of rows on {@code threads} threads (the result does
     * not depend on how many).
     */
    public static FeatureSummary global(Qbaf qbaf, Matrix data, int threads) {
        return global(new Paths(qbaf), data, threads);
    }

    /**
     * {@link #global(Qbaf, Matrix, int)} of the QBAF that {@link QbafBuilder#global} reads off
     * {@code network}, with the same result: the weights, biases and activations are taken from the
     * network's dense layers instead of being indexed from the QBAF's edges by argument id (200 000
     * map lookups for 20 layers of 100 clusters).
     *
     * @throws IllegalArgumentException when the QBAF's arguments are not the network's neurons, layer by layer
     */
    public static FeatureSummary global(Qbaf qbaf, Mlp network, Matrix data, int threads) {
        return global(new Paths(qbaf, network), data, threads);
    }

    private static FeatureSummary global(Paths paths, Matrix data, int threads) {
        if (data.cols() != paths.inputs) {
            throw new IllegalArgumentException("the data has " + data.cols() + " columns but the QBAF " + paths.inputs + " inputs");
        }
        int n = data.rows();
        if (n == 0) {
            throw new IllegalArgumentException("a global feature summary needs at least one data row");
        }
        double[] std = standardDeviations(data);
        int m = Math.min(n, MAX_ROWS);
        int[] rows = new int[m];
        for (int k = 0; k < m; k++) {
            rows[k] = (int) ((long) k * n / m);
        }
        double[][] sum = paths.sumByLayers(data, rows, threads);
        for (int t = paths.inputs; t < paths.count; t++) {
            for (int f = 0; f < paths.inputs; f++) {
                sum[t][f] = sum[t][f] / m * std[f];
            }
        }
        return new FeatureSummary(Scale.STD, m, paths.inputIds(), std, paths.byId(sum));
    }

    /**
     * Each column's population standard deviation, from its mean (two passes). The rows are read in
     * memory order, row by row, each column still summed from row 0 on: a pass down each column in
     * turn takes a cache miss at every value of a large table (1 M rows: a tenth of a run).
     */
    static double[] standardDeviations(Matrix data) {
        int n = data.rows();
        int m = data.cols();
        double[] mean = new double[m];
        for (int r = 0; r < n; r++) {
            for (int f = 0; f < m; f++) {
                mean[f] += data.get(r, f);
            }
        }
        for (int f = 0; f < m; f++) {
            mean[f] /= n;
        }
        double[] ss = new double[m];
        for (int r = 0; r < n; r++) {
            for (int f = 0; f < m; f++) {
                double d = data.get(r, f) - mean[f];
                ss[f] += d * d;
            }
        }
        double[] std = new double[m];
        for (int f = 0; f < m; f++) {
            std[f] = Math.sqrt(ss[f] / n);
        }
        return std;
    }

    /**
     * The local summary of a local QBAF at its explained row ({@link Qbaf#local()}).
     *
     * @throws IllegalArgumentException when {@code qbaf} is global
     */
    public static FeatureSummary local(Qbaf qbaf) {
        if (qbaf.local() == null) {
            throw new IllegalArgumentException("a local feature summary needs a local QBAF (one with an explained row)");
        }
        Paths paths = new Paths(qbaf);
        double[] x = qbaf.local().featureValues().stream().mapToDouble(Double::doubleValue).toArray();
        double[][] g = paths.pathSums(x);
        for (int t = paths.inputs; t < paths.count; t++) {
            for (int f = 0; f < paths.inputs; f++) {
                g[t][f] *= x[f];
            }
        }
        return new FeatureSummary(Scale.VALUE, 1, paths.inputIds(), null, paths.byId(g));
    }

    public Scale scale() {
        return scale;
    }

    /** How many rows the summary averages over: 1 for a local one. */
    public int rows() {
        return rows;
    }

    /** The input feature ids, in input order. */
    public List<String> features() {
        return features;
    }

    /** σ per feature in input order (population, over all data rows), or {@code null} for a local summary. */
    public double[] std() {
        return std == null ? null : std.clone();
    }

    /** The ids of the non-input arguments, in argument order. */
    public List<String> arguments() {
        return List.copyOf(summaries.keySet());
    }

    /** S_cf of argument {@code id} for every feature, in input order. */
    public double[] of(String id) {
        double[] s = summaries.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no non-input argument '" + id + "' in this summary");
        }
        return s.clone();
    }

    /** The QBAF indexed by argument: sources, weights, biases and activations; forward-mode path sums. */
    private static final class Paths {
        /** Rows per block of {@link #sumByLayers}. */
        static final int BLOCK = 64;
        final int count;
        final int inputs;
        final List<Argument> arguments;
        final int[] layer;
        final double[] bias;
        /** Per argument: its sources and their weights (as {@link QbafEvaluator} indexes them), or null when read off a network. */
        final int[][] sources;
        final double[][] weights;
        final Activation[] activations;
        /** The network the QBAF was read off, or null: its layers are then the dense weights. */
        private final Mlp network;

        Paths(Qbaf qbaf) {
            // The evaluator checks the layered shape and base scores, in its words, and indexes the
            // edges by argument (each target's sources ascending, as a dense layer sums them).
            QbafEvaluator index = new QbafEvaluator(qbaf);
            this.arguments = qbaf.arguments();
            this.count = arguments.size();
            this.inputs = index.inputCount();
            this.layer = index.layers();
            this.bias = index.biases();
            this.sources = index.sources();
            this.weights = index.weights();
            this.activations = index.activations();
            this.network = null;
        }

        /** The QBAF read off {@code network}: its arguments are the network's inputs, then each layer's neurons. */
        Paths(Qbaf qbaf, Mlp network) {
            this.arguments = qbaf.arguments();
            this.count = arguments.size();
            this.inputs = network.inputCount();
            int depth = network.layers().size();
            int expected = inputs;
            for (DenseLayer l : network.layers()) {
                expected += l.outputs();
            }
            if (count != expected || qbaf.activations().size() != depth) {
                throw new IllegalArgumentException("the QBAF has " + count + " arguments in " + qbaf.activations().size()
                        + " layers, but the network has " + expected + " neurons in " + depth + " layers; give the QBAF read off this network");
            }
            this.layer = new int[count];
            this.bias = new double[count];
            this.activations = new Activation[depth + 1];
            int t = inputs;
            for (int l = 1; l <= depth; l++) {
                DenseLayer dense = network.layer(l);
                activations[l] = dense.activation();
                for (int k = 0; k < dense.outputs(); k++, t++) {
                    layer[t] = l;
                    bias[t] = dense.bias().get(k);
                }
            }
            for (int a = 0; a < count; a++) {
                if (arguments.get(a).layer() != layer[a]) {
                    throw new IllegalArgumentException("argument '" + arguments.get(a).id() + "' is of layer "
                            + arguments.get(a).layer() + ", but the network's neuron in its place is of layer " + layer[a]);
                }
            }
            this.sources = null;
            this.weights = null;
            this.network = network;
        }

        /**
         * Σ over {@code rows} of G[t][f] ({@link #pathSums} of each row, to rounding), with BLAS: the
         * evaluator has checked that edges join adjacent layers and arguments come in layer order, so
         * for a block of B rows the path sums of layer l are G_l = W_l · (φ'(z_{l−1}) ⊙ G_{l−1}), one
         * product of {@code [K_l, K_{l−1}]} by {@code [K_{l−1}, B·m]} (G_1 = W_1 at every row), instead
         * of a loop over every edge, row and feature. Blocks of {@link #BLOCK} rows bound the memory
         * and run on up to {@code threads} threads; their sums are added in row order, so the result
         * depends on nothing but the rows.
         */
        double[][] sumByLayers(Matrix data, int[] rows, int threads) {
            int depth = layer[count - 1];
            for (int l = 1; l < depth; l++) {
                if (!activations[l].isElementWise()) {
                    throw new IllegalArgumentException("hidden layer " + l + " has the activation " + activations[l]
                            + ", which has no slope per argument");
                }
            }
            int[] first = new int[depth + 2];
            for (int t = count - 1; t >= 0; t--) {
                first[layer[t]] = t;
            }
            first[depth + 1] = count;
            double[][] w = new double[depth + 1][];
            for (int l = 1; l <= depth; l++) {
                w[l] = denseLayer(l, first);
            }
            int blocks = (rows.length + BLOCK - 1) / BLOCK;
            DoublePointer[] weights = new DoublePointer[depth + 1];
            List<double[][]> partial;
            try {
                for (int l = 2; l <= depth; l++) {
                    weights[l] = Nd.nativeCopy(w[l]);
                }
                partial = Workers.map(threads, blocks, block -> {
                    int start = block * BLOCK;
                    return blockSum(data, Arrays.copyOfRange(rows, start, Math.min(rows.length, start + BLOCK)), w, weights, first);
                }, (done, total) -> { });
            } finally {
                for (DoublePointer p : weights) {
                    if (p != null) {
                        p.close();
                    }
                }
            }
            double[][] sum = nonInputRows(inputs);
            for (double[][] block : partial) {
                for (int t = inputs; t < count; t++) {
                    for (int f = 0; f < inputs; f++) {
                        sum[t][f] += block[t][f];
                    }
                }
            }
            return sum;
        }

        /**
         * Σ over one block of rows of G[t][f], layer by layer ({@code w[l]}: layer l's dense weights,
         * also in {@code weights[l]} for l ≥ 2). G lives in native memory, so that each layer's
         * product is BLAS on it in place: on Java arrays every product would copy its 1.5 MB
         * operands in and out.
         */
        private double[][] blockSum(Matrix data, int[] rows, double[][] w, DoublePointer[] weights, int[] first) {
            int depth = w.length - 1;
            int m = inputs;
            int b = rows.length;
            double[][] sum = nonInputRows(m);
            double[] s = new double[b * m];
            for (int r = 0; r < b; r++) {
                System.arraycopy(data.row(rows[r]), 0, s, r * m, m);
            }
            int widest = 0;
            for (int l = 1; l <= depth; l++) {
                widest = Math.max(widest, first[l + 1] - first[l]);
            }
            try (DoublePointer gNative = Nd.nativeArray((long) widest * b * m);
                 DoublePointer glNative = Nd.nativeArray((long) widest * b * m)) {
                DoublePointer gp = gNative;
                DoublePointer glp = glNative;
                double[] run = new double[b * m];
                double[] slope = null;
                for (int l = 1; l <= depth; l++) {
                    int before = first[l] - first[l - 1];
                    int width = first[l + 1] - first[l];
                    if (l == 1) {
                        firstLayerPaths(glp.asBuffer(), w[1], width, b, m);
                    } else {
                        // φ'(z_{l−1}) ⊙ G_{l−1}, in place: G_{l−1} is summed already.
                        scaleBySlope(gp.asBuffer(), slope, before, b, m, run);
                        Nd.multiply(weights[l], width, before, gp, b * m, glp);
                    }
                    addRows(glp.asBuffer(), width, b, m, run, sum, first[l]);
                    if (l < depth) {
                        double[] z = Nd.multiply(s, b, before, w[l], width, true);
                        slope = activate(z, b, width, first[l], activations[l]);
                        s = z;
                    }
                    DoublePointer swap = gp;
                    gp = glp;
                    glp = swap;
                }
            }
            return sum;
        }

        /**
         * A row of {@code length} zeros for every non-input argument; the inputs' rows are null: with
         * 100 000 input features, a row for each would be 80 GB.
         */
        private double[][] nonInputRows(int length) {
            double[][] rows = new double[count][];
            for (int t = inputs; t < count; t++) {
                rows[t] = new double[length];
            }
            return rows;
        }

        /**
         * Layer l's weights, {@code [width_l, width_{l−1}]} row-major, 0 where there is no edge. From a
         * network, a zero weight (an edge the QBAF leaves out) is +0, as the QBAF's dense layer has it.
         */
        private double[] denseLayer(int l, int[] first) {
            if (network != null) {
                double[] w = network.layer(l).weights().toRowMajor();
                for (int i = 0; i < w.length; i++) {
                    if (w[i] == 0) { // -0 too
                        w[i] = 0;
                    }
                }
                return w;
            }
            int from = first[l - 1];
            int width = first[l] - from;
            double[] w = new double[(first[l + 1] - first[l]) * width];
            for (int t = first[l]; t < first[l + 1]; t++) {
                denseRow(t, w, (t - first[l]) * width - from);
            }
            return w;
        }

        /**
         * Adds target {@code t}'s incoming weights to its row of a dense layer: the weight from source
         * s goes to {@code w[at + s]}. Called once per target, so that the JIT compiles it early.
         */
        private void denseRow(int t, double[] w, int at) {
            for (int k = 0; k < sources[t].length; k++) {
                w[at + sources[t][k]] += weights[t][k];
            }
        }

        // The steps of blockSum, each a small method of its own: the JIT compiles a few short loops
        // sooner and far more cheaply than one long method with all of them (and its on-stack
        // replacements), which in a short run costs more than the loops themselves.

        /** G_1 at every row of the block: row t of W_1, the same for each of the {@code b} rows. */
        private static void firstLayerPaths(DoubleBuffer gl, double[] w1, int width, int b, int m) {
            for (int t = 0; t < width; t++) {
                for (int r = 0; r < b; r++) {
                    gl.put((t * b + r) * m, w1, t * m, m);
                }
            }
        }

        /**
         * Multiplies each source's row of path sums by its slope at that row, in place; a slope of
         * 1 (a ReLU's, mostly) leaves the row as it is. {@code run}: room for one source's rows.
         */
        private static void scaleBySlope(DoubleBuffer g, double[] slope, int before, int b, int m, double[] run) {
            for (int src = 0; src < before; src++) {
                int at = src * b * m;
                g.get(at, run, 0, b * m);
                boolean changed = false;
                for (int r = 0; r < b; r++) {
                    double d = slope[r * before + src];
                    if (d != 1) {
                        scale(run, r * m, m, d);
                        changed = true;
                    }
                }
                if (changed) {
                    g.put(at, run, 0, b * m);
                }
            }
        }

        private static void scale(double[] values, int from, int length, double factor) {
            for (int i = from; i < from + length; i++) {
                values[i] *= factor;
            }
        }

        /** Adds each argument's path sums over the block's rows, in row order, to its row of {@code sum}. */
        private static void addRows(DoubleBuffer gl, int width, int b, int m, double[] run, double[][] sum, int firstArgument) {
            for (int t = 0; t < width; t++) {
                // One bulk copy per argument, then loops over a Java array, which the JIT compiles
                // sooner and better than loops over native memory.
                gl.get(t * b * m, run, 0, b * m);
                double[] into = sum[firstArgument + t];
                for (int r = 0; r < b; r++) {
                    Nd.addRange(into, 0, run, r * m, m);
                }
            }
        }

        /**
         * Turns the pre-activations {@code z} ({@code [b, width]}, without bias) into the strengths in
         * place and returns the slopes φ'(z + bias) of the same shape.
         */
        private double[] activate(double[] z, int b, int width, int firstArgument, Activation phi) {
            double[] slope = new double[b * width];
            for (int r = 0; r < b; r++) {
                for (int t = 0; t < width; t++) {
                    double zt = z[r * width + t] + bias[firstArgument + t];
                    z[r * width + t] = phi.apply(zt);
                    slope[r * width + t] = phi.derivative(zt);
                }
            }
            return slope;
        }

        /** G[t][f] = ∂z_t/∂x_f at row x for every non-input t (rows of inputs left empty). */
        double[][] pathSums(double[] x) {
            Objects.requireNonNull(x, "x");
            double[] s = new double[count];
            double[] slope = new double[count];
            double[][] g = new double[count][];
            System.arraycopy(x, 0, s, 0, inputs);
            for (int t = inputs; t < count; t++) {
                double z = bias[t];
                double[] gt = new double[inputs];
                for (int k = 0; k < sources[t].length; k++) {
                    int src = sources[t][k];
                    double w = weights[t][k];
                    z += w * s[src];
                    if (src < inputs) {
                        gt[src] += w;
                    } else {
                        double ws = w * slope[src];
                        if (ws != 0) {
                            double[] gs = g[src];
                            for (int f = 0; f < inputs; f++) {
                                gt[f] += ws * gs[f];
                            }
                        }
                    }
                }
                g[t] = gt;
                Activation phi = activations[layer[t]];
                // Only hidden arguments feed further; the output layer's φ (maybe softmax) is never needed.
                if (phi.isElementWise()) {
                    s[t] = phi.apply(z);
                    slope[t] = phi.derivative(z);
                }
            }
            return g;
        }

        List<String> inputIds() {
            return arguments.subList(0, inputs).stream().map(Argument::id).toList();
        }

        Map<String, double[]> byId(double[][] values) {
            Map<String, double[]> out = new LinkedHashMap<>();
            for (int t = inputs; t < count; t++) {
                out.put(arguments.get(t).id(), values[t]);
            }
            return out;
        }
    }
}
