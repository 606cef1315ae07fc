package io.illc.core.finetune;

import io.illc.api.Activation;
import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import io.illc.core.Setting;
import io.illc.core.SettingException;
import io.illc.core.linalg.Nd;
import io.illc.core.spec.FinetuneSpec;
import io.illc.core.spec.TransferSpec;
import io.illc.core.stream.ChunkSource;
import io.illc.core.stream.RowChunk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fine-tunes a compressed network's weights and biases on its fixed partition: the network keeps
 * its shape, its activations and the meaning of every cluster-neuron; only the numbers change.
 *
 * <p>It minimises {@code output + λ · structural} ({@link FinetuneLoss}) on the fitting rows, with
 * the original network's outputs as targets: the output layer learns to reproduce the original's
 * outputs, and with λ &gt; 0 every cluster-neuron stays close to the mean of its members, so the
 * argumentation graph keeps its meaning. The output term is the io-unfaithfulness (squared
 * differences) or, by default for softmax and sigmoid outputs, the cross-entropy against the
 * original's outputs ({@link FinetuneSpec.OutputLoss}); the epoch to keep is chosen on
 * {@code io + λ · structural} either way. The recipe, chosen to be robust rather than fast:
 * <ul>
 *   <li>a seeded share {@code validation} of the fitting rows is set aside; the rest are trained on
 *       in seeded mini-batches, reshuffled every epoch;</li>
 *   <li>with {@code transfer}, synthetic rows ({@link TransferRows}) drawn from the training rows join
 *       the training rows, and rows drawn from the validation rows, in the same proportion, join the
 *       validation rows; the original network labels them. Without them the validation rows of a
 *       well-refitted network are often all right already, so no epoch can lower their loss and the
 *       starting weights are kept;</li>
 *   <li>gradients by hand-written backpropagation through the dense layers, float64;</li>
 *   <li>Adam (β1 = 0.9, β2 = 0.999, ε = 1e-8), its step size decaying from {@code learningRate} to 0
 *       along a cosine over all steps of {@code epochs}. Adam moves each weight by about the step
 *       size at most, so the updates need no clipping; the inputs are standardised for training
 *       (see {@link Scaling}) so that one step size suits every layer;</li>
 *   <li>after every epoch the loss on the validation rows; the weights of the epoch with the lowest
 *       one are kept, epoch 0 (the weights it started from) included, so fine-tuning never returns a
 *       network that is worse on the validation rows than the one it was given; training stops after
 *       {@code patience} epochs without a new lowest;</li>
 *   <li>when no epoch lowered it, the training starts again from the given weights with a tenth of
 *       the step size, twice at most: on deep or wide networks {@code 1e-3} can make the loss rise
 *       from the first epoch (measured on the paper grid's 500-wide networks, docs/refit.md).</li>
 * </ul>
 *
 * <p>The arithmetic runs in plain Java on row-major {@code double[]} arrays, not in ND4J: a
 * compressed network's matrices are small (tens of cluster-neurons, batches of 64 rows), and there
 * one ND4J call costs far more than its arithmetic (measured on the 2-core machine: 0.34 ms for a
 * 64 × 20 × 20 product, 2.4 ms to select 64 rows; a step of a 10-layer network took 60–85 ms in
 * ND4J). The loops are ordered so that the innermost one runs over contiguous memory.
 *
 * <p>The same inputs and seed give the same network. Stateless and thread-safe.
 */
public final class Finetuner {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    /** Salts so the validation split and the batch order use streams unrelated to each other and to training. */
    private static final long SPLIT_SALT = 0x66696E6574756E65L;
    private static final long SHUFFLE_SALT = 0x62617463686F7264L;
    private static final long TRANSFER_SALT = 0x7472616E73666572L;
    private static final long VALIDATION_TRANSFER_SALT = 0x76616C6964617465L;
    /** Trainings at most: the given step size, then a tenth of it, then a hundredth. */
    static final int MAX_ATTEMPTS = 3;
    private static final double RATE_BACKOFF = 10;
    /** Rows per block when the losses and the scaling scan many rows. */
    static final int LOSS_BLOCK_ROWS = 4096;

    private Finetuner() {
    }

    /**
     * @param original            the network that was compressed; it labels the transfer rows
     * @param compressed          the compressed network, d hidden layers of K_l cluster-neurons
     * @param partitions          P_1..P_d, the partitions of the original hidden layers it came from
     * @param rows                the fitting rows, {@code [N, inputs]}
     * @param originalActivations the original network's outputs of layers 1..d+1 over {@code rows},
     *                            {@code [N, n_l]} each
     * @param spec                the settings
     * @param seed                the run's seed; the validation split, the transfer rows and the batch
     *                            order derive from it
     * @throws SettingException when the rows are too few to set a validation share aside
     */
    public static FinetuneResult tune(Mlp original, Mlp compressed, List<ClusterAssignment> partitions, Matrix rows,
                                      List<Matrix> originalActivations, FinetuneSpec spec, long seed) {
        return tune(original, compressed, partitions,
                TuningRows.held(rows, targets(compressed, partitions, originalActivations)), spec, seed);
    }

    /**
     * Fine-tunes on rows read from a stream, and gives exactly the network that the held form gives
     * on the same rows with the original network's activations over them. One pass computes every
     * row's targets (the original's activations, averaged per cluster) and copies them with the row
     * to a temporary file ({@link TuningRows.Spilled}, 8 · (m + Σ K_l + outputs) bytes a row), from which
     * the minibatches and the losses are read; the heap holds the split and each epoch's order,
     * 4 bytes a row, the transfer rows and a block of rows.
     *
     * @param rows the fitting rows in the original network's input order
     */
    public static FinetuneResult tune(Mlp original, Mlp compressed, List<ClusterAssignment> partitions, ChunkSource rows,
                                      FinetuneSpec spec, long seed) {
        int m = rows.features();
        try (TuningRows.Spilled spilled = TuningRows.Spilled.create(m, widths(compressed));
             ChunkSource.ChunkReader reader = rows.open()) {
            for (RowChunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
                Matrix x = Matrix.ofRowMajor(chunk.rows(), m, chunk.values());
                double[][] targets = targets(compressed, partitions, Nd.forwardAll(x, original.layers()));
                for (int r = 0; r < chunk.rows(); r++) {
                    spilled.append(chunk.values(), r * m, targets, r);
                }
            }
            spilled.finish();
            return tune(original, compressed, partitions, spilled, spec, seed);
        }
    }

    private static FinetuneResult tune(Mlp original, Mlp compressed, List<ClusterAssignment> partitions,
                                       TuningRows fitting, FinetuneSpec spec, long seed) {
        long start = System.nanoTime();
        int n = fitting.count();
        int held = (int) Math.round(spec.validation() * n);
        if (held < 1 || held >= n) {
            throw new SettingException(Setting.FINETUNE_VALIDATION, spec.validation() + " of " + n
                    + " fitting rows leaves " + held + " validation and " + (n - held)
                    + " training rows; both need at least one");
        }
        Scaling scaling = Scaling.of(fitting);
        int[] permutation = permutation(n, new SplittableRandom(seed ^ SPLIT_SALT));
        int[] validation = Arrays.copyOfRange(permutation, 0, held);
        int[] training = Arrays.copyOfRange(permutation, held, n);
        Arrays.sort(validation);
        Arrays.sort(training);
        TuningRows rows = fitting;
        if (spec.transfer() != null) {
            // Training transfer rows are drawn from the training rows and validation ones from the
            // validation rows, in proportion, so the validation rows stay unseen by training and the
            // choice of epoch sees the same kind of rows as the training. All are labelled by the
            // original network and appended after the fitting rows.
            TransferSpec t = spec.transfer();
            int validationSamples = (int) Math.round((double) t.samples() * held / (n - held));
            Matrix trainingSynthetic = draw(fitting, training, scaling, t, seed ^ TRANSFER_SALT);
            Matrix validationSynthetic = validationSamples == 0 ? null : draw(fitting, validation, scaling,
                    new TransferSpec(t.noise(), t.mixup(), validationSamples), seed ^ VALIDATION_TRANSFER_SALT);
            Matrix synthetic = validationSynthetic == null ? trainingSynthetic : stack(trainingSynthetic, validationSynthetic);
            rows = TuningRows.concat(fitting,
                    TuningRows.held(synthetic, targets(compressed, partitions, Nd.forwardAll(synthetic, original.layers()))));
            training = append(training, n, trainingSynthetic.rows());
            validation = append(validation, n + trainingSynthetic.rows(), validationSamples);
        }
        Problem all = new Problem(rows, scaling);

        // A rate that makes the first epochs worse than the start (too large for a deep or wide
        // network: the training loss can rise) keeps nothing; a tenth of it is tried, twice at most.
        double rate = spec.learningRate();
        FinetuneSpec effective = spec.withOutputLoss(outputLoss(spec.outputLoss(), compressed));
        Attempt attempt = train(all, compressed, scaling, training, validation, effective, rate, seed);
        int attempts = 1;
        while (attempt.bestEpoch() == 0 && attempts < MAX_ATTEMPTS) {
            rate /= RATE_BACKOFF;
            attempt = train(all, compressed, scaling, training, validation, effective, rate, seed);
            attempts++;
        }
        // Kept as given, not through the standardisation and back, which would round the weights.
        Mlp tuned = attempt.bestEpoch() == 0 ? compressed : attempt.best().toMlp(compressed, scaling);
        return new FinetuneResult(tuned, n, training, validation, attempt.trainingLosses(), attempt.validationLosses(),
                attempt.bestEpoch(), rate, attempts, effective.outputLoss(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * One training from the compressed network's weights at step size {@code rate}, and what it kept;
     * {@code spec}'s output loss is the one {@link #outputLoss} allows for the network.
     */
    private static Attempt train(Problem all, Mlp compressed, Scaling scaling, int[] training, int[] validation,
                                 FinetuneSpec spec, double rate, long seed) {
        Network net = Network.of(compressed, scaling);
        double[] best = net.params.clone();
        Adam adam = new Adam(net.params.length);
        double lambda = spec.structuralWeight();
        boolean crossEntropy = spec.outputLoss() == FinetuneSpec.OutputLoss.CROSS_ENTROPY;
        int batches = (training.length + spec.batchSize() - 1) / spec.batchSize();
        long totalSteps = (long) spec.epochs() * batches;
        long step = 0;
        SplittableRandom shuffle = new SplittableRandom(seed ^ SHUFFLE_SALT);

        List<Double> losses = new ArrayList<>();
        List<Double> trainingLosses = new ArrayList<>();
        losses.add(all.loss(net, validation).total(lambda));
        trainingLosses.add(all.loss(net, training).total(lambda));
        int bestEpoch = 0;
        double[] gradient = new double[net.params.length];
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            int[] order = permutation(training.length, shuffle);
            for (int b = 0; b < batches; b++) {
                int from = b * spec.batchSize();
                int to = Math.min(training.length, from + spec.batchSize());
                int[] batch = new int[to - from];
                for (int i = from; i < to; i++) {
                    batch[i - from] = training[order[i]];
                }
                all.gradient(net, batch, lambda, crossEntropy, gradient);
                adam.update(net.params, gradient, rate * 0.5 * (1 + Math.cos(Math.PI * step / totalSteps)));
                step++;
            }
            double loss = all.loss(net, validation).total(lambda);
            losses.add(loss);
            trainingLosses.add(all.loss(net, training).total(lambda));
            if (loss < losses.get(bestEpoch)) {
                bestEpoch = epoch;
                best = net.params.clone();
            } else if (epoch - bestEpoch >= spec.patience()) {
                break;
            }
        }
        net.params = best;
        return new Attempt(net, trainingLosses.stream().mapToDouble(Double::doubleValue).toArray(),
                losses.stream().mapToDouble(Double::doubleValue).toArray(), bestEpoch);
    }

    /**
     * The output loss that fine-tuning {@code network} with {@code asked} descends: cross-entropy is
     * defined for a softmax or sigmoid output layer only, any other takes the squared differences.
     */
    static FinetuneSpec.OutputLoss outputLoss(FinetuneSpec.OutputLoss asked, Mlp network) {
        Activation.Kind output = network.layers().get(network.layers().size() - 1).activation().kind();
        boolean probabilities = output == Activation.Kind.SOFTMAX || output == Activation.Kind.SIGMOID;
        return probabilities ? asked : FinetuneSpec.OutputLoss.SQUARED;
    }

    /** A training's network at its best epoch, with the losses before it and after every epoch run. */
    private record Attempt(Network best, double[] trainingLosses, double[] validationLosses, int bestEpoch) {
    }

    /** The loss terms of {@code network} on {@code rows}, against the original network's activations on them. */
    public static FinetuneLoss loss(Mlp network, List<ClusterAssignment> partitions, Matrix rows,
                                    List<Matrix> originalActivations) {
        Scaling identity = Scaling.identity(rows.cols());
        Problem p = new Problem(TuningRows.held(rows, targets(network, partitions, originalActivations)), identity);
        return p.loss(Network.of(network, identity), allRows(rows.rows()));
    }

    /**
     * The gradient of {@code output + λ · structural} on {@code rows} in every weight and bias, shaped
     * as {@code network}, the output term {@link #outputLoss} gives (for tests against finite
     * differences of {@link #objective}).
     */
    static Mlp gradient(Mlp network, List<ClusterAssignment> partitions, Matrix rows, List<Matrix> originalActivations,
                        double structuralWeight, FinetuneSpec.OutputLoss outputLoss) {
        Scaling identity = Scaling.identity(rows.cols());
        Network net = Network.of(network, identity);
        double[] g = new double[net.params.length];
        boolean crossEntropy = outputLoss(outputLoss, network) == FinetuneSpec.OutputLoss.CROSS_ENTROPY;
        new Problem(TuningRows.held(rows, targets(network, partitions, originalActivations)), identity)
                .gradient(net, allRows(rows.rows()), structuralWeight, crossEntropy, g);
        net.params = g;
        return net.toMlp(network, identity);
    }

    /**
     * {@code output + λ · structural} on {@code rows}, the output term {@link #outputLoss} gives: the
     * io term of {@link #loss}, or the mean over the rows of the cross-entropy less the original
     * outputs' own entropy (so 0 when the outputs agree), {@code Σ_o q_o ln(q_o / p_o)} for a softmax,
     * {@code Σ_o q_o ln(q_o / p_o) + (1 − q_o) ln((1 − q_o) / (1 − p_o))} for sigmoids, q the
     * original's outputs, p the network's; {@code 0 · ln 0 = 0}. The entropy term has no gradient,
     * so {@link #gradient} is the gradient of this.
     */
    static double objective(Mlp network, List<ClusterAssignment> partitions, Matrix rows, List<Matrix> originalActivations,
                            double structuralWeight, FinetuneSpec.OutputLoss outputLoss) {
        FinetuneLoss loss = loss(network, partitions, rows, originalActivations);
        if (outputLoss(outputLoss, network) == FinetuneSpec.OutputLoss.SQUARED) {
            return loss.total(structuralWeight);
        }
        boolean softmax = network.layers().get(network.layers().size() - 1).activation().kind() == Activation.Kind.SOFTMAX;
        double[] p = Nd.forwardAll(rows, network.layers()).get(network.layers().size() - 1).toRowMajor();
        double[] q = originalActivations.get(originalActivations.size() - 1).toRowMajor();
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += relativeEntropy(q[i], p[i]) + (softmax ? 0 : relativeEntropy(1 - q[i], 1 - p[i]));
        }
        return sum / rows.rows() + structuralWeight * loss.structural();
    }

    /** {@code q ln(q / p)}, 0 when q = 0. */
    private static double relativeEntropy(double q, double p) {
        return q == 0 ? 0 : q * Math.log(q / p);
    }

    /** {@code indices} followed by {@code from, from + 1, …, from + count − 1}. */
    private static int[] append(int[] indices, int from, int count) {
        int[] out = Arrays.copyOf(indices, indices.length + count);
        for (int i = 0; i < count; i++) {
            out[indices.length + i] = from + i;
        }
        return out;
    }

    /** Transfer rows drawn from the given rows of {@code rows}, read one by one. */
    private static Matrix draw(TuningRows rows, int[] from, Scaling scaling, TransferSpec spec, long seed) {
        int[] one = new int[1];
        return TransferRows.draw(from.length, rows.inputs(), (i, into) -> {
            one[0] = from[i];
            System.arraycopy(rows.inputsOf(one), 0, into, 0, into.length);
        }, scaling.scale, spec, seed);
    }

    /** The rows of {@code top}, then those of {@code bottom} (same column count). */
    private static Matrix stack(Matrix top, Matrix bottom) {
        double[] a = top.toRowMajor();
        double[] b = bottom.toRowMajor();
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return Matrix.ofRowMajor(top.rows() + bottom.rows(), top.cols(), out);
    }

    private static int[] allRows(int n) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        return all;
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = allRows(n);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * The targets of every layer over some rows, row-major: {@code targets[l]} for hidden layer l+1
     * the mean member activation per cluster {@code [N, K_l]}, and last the original outputs.
     *
     * @param originalActivations the original network's outputs of layers 1..d+1 over the rows
     */
    private static double[][] targets(Mlp network, List<ClusterAssignment> partitions, List<Matrix> originalActivations) {
        int d = network.hiddenLayerCount();
        if (partitions.size() != d || originalActivations.size() != d + 1) {
            throw new IllegalArgumentException("need " + d + " partitions and " + (d + 1) + " activation matrices, got "
                    + partitions.size() + " and " + originalActivations.size());
        }
        double[][] targets = new double[d + 1][];
        for (int l = 0; l < d; l++) {
            ClusterAssignment p = partitions.get(l);
            int k = network.layer(l + 1).outputs();
            if (p.clusterCount() != k) {
                throw new IllegalArgumentException("hidden layer " + (l + 1) + " has " + k
                        + " cluster-neurons but its partition " + p.clusterCount() + " clusters");
            }
            targets[l] = clusterMeans(originalActivations.get(l), p);
        }
        targets[d] = originalActivations.get(d).toRowMajor();
        return targets;
    }

    /** The width of every layer's targets: K_1..K_d, then the outputs. */
    private static int[] widths(Mlp network) {
        return network.layers().stream().mapToInt(DenseLayer::outputs).toArray();
    }

    /** {@code [N, K]}: per row the mean of each cluster's members' activations. */
    private static double[] clusterMeans(Matrix activations, ClusterAssignment p) {
        int n = activations.rows();
        int width = activations.cols();
        int k = p.clusterCount();
        int[] labels = p.labels();
        int[] sizes = p.sizes();
        double[] a = activations.toRowMajor();
        double[] out = new double[n * k];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < width; j++) {
                out[r * k + labels[j]] += a[r * width + j];
            }
            for (int c = 0; c < k; c++) {
                out[r * k + c] /= sizes[c];
            }
        }
        return out;
    }

    /**
     * The rows, standardised as they are read, and their targets. The losses are summed row after row
     * in blocks of {@link #LOSS_BLOCK_ROWS}, carrying the sums from block to block, so that held and
     * spilled rows give the same bits.
     */
    private record Problem(TuningRows rows, Scaling scaling) {
        /** The standardised inputs {@code [B, m]} and the targets of some rows. */
        private record Batch(double[] x, double[][] targets) {
        }

        Batch read(int[] which) {
            int m = rows.inputs();
            int[] widths = rows.widths();
            double[] x = new double[which.length * m];
            double[][] targets = new double[widths.length][];
            for (int l = 0; l < widths.length; l++) {
                targets[l] = new double[which.length * widths[l]];
            }
            rows.read(which, x, targets);
            for (int r = 0; r < which.length; r++) {
                for (int j = 0; j < m; j++) {
                    x[r * m + j] = (x[r * m + j] - scaling.mean[j]) / scaling.scale[j];
                }
            }
            return new Batch(x, targets);
        }

        int hidden() {
            return rows.widths().length - 1;
        }

        /** The post-activations of every layer over the batch, index 0 the inputs; each {@code [B, width]}. */
        static double[][] forward(Network net, double[] x, int b) {
            int layers = net.activations.length;
            double[][] h = new double[layers + 1][];
            h[0] = x;
            for (int l = 0; l < layers; l++) {
                h[l + 1] = net.forward(l, h[l], b);
            }
            return h;
        }

        FinetuneLoss loss(Network net, int[] which) {
            int d = hidden();
            int[] widths = rows.widths();
            double io = 0;
            double[] structural = new double[d];
            for (int from = 0; from < which.length; from += LOSS_BLOCK_ROWS) {
                int[] block = Arrays.copyOfRange(which, from, Math.min(which.length, from + LOSS_BLOCK_ROWS));
                Batch batch = read(block);
                double[][] h = forward(net, batch.x(), block.length);
                io = squaredDistance(io, h[d + 1], batch.targets()[d], block.length, widths[d]);
                for (int l = 0; l < d; l++) {
                    structural[l] = squaredDistance(structural[l], h[l + 1], batch.targets()[l], block.length, widths[l]);
                }
            }
            double mean = 0;
            for (int l = 0; l < d; l++) {
                mean += structural[l] / ((double) which.length * widths[l]);
            }
            return new FinetuneLoss(io / which.length, d == 0 ? 0 : mean / d);
        }

        /** {@code s + Σ_r Σ_j (a[r, j] − target[r, j])²}, added in row order. */
        private static double squaredDistance(double s, double[] a, double[] target, int rows, int width) {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < width; j++) {
                    double diff = a[r * width + j] - target[r * width + j];
                    s += diff * diff;
                }
            }
            return s;
        }

        /**
         * Writes the gradient of {@code output + λ · structural} over {@code rows} into {@code out}, laid
         * out as the parameters; the output term is the cross-entropy when {@code crossEntropy} (a
         * softmax or sigmoid output layer), else the squared differences.
         */
        void gradient(Network net, int[] which, double lambda, boolean crossEntropy, double[] out) {
            Arrays.fill(out, 0.0);
            Batch batch = read(which);
            int b = which.length;
            double[][] h = forward(net, batch.x(), b);
            int d = hidden();
            int[] widths = rows.widths();
            int layers = net.activations.length;
            double[] dh = crossEntropy ? null : difference(h[d + 1], batch.targets()[d], 2.0 / b);
            for (int l = layers - 1; l >= 0; l--) {
                int outs = net.outputs[l];
                int ins = net.inputs[l];
                // The cross-entropy of a softmax or sigmoid output has dL/dz = (p − q) / B.
                double[] dz = crossEntropy && l == layers - 1 ? difference(h[d + 1], batch.targets()[d], 1.0 / b)
                        : net.throughActivation(l, dh, h[l], h[l + 1], b);
                int w = net.weightOffset[l];
                int bias = net.biasOffset[l];
                double[] below = h[l];
                for (int r = 0; r < b; r++) {
                    for (int o = 0; o < outs; o++) {
                        double g = dz[r * outs + o];
                        if (g == 0) {
                            continue;
                        }
                        out[bias + o] += g;
                        int row = w + o * ins;
                        int in = r * ins;
                        for (int i = 0; i < ins; i++) {
                            out[row + i] += g * below[in + i];
                        }
                    }
                }
                if (l > 0) {
                    double[] next = lambda > 0
                            ? difference(h[l], batch.targets()[l - 1], 2.0 * lambda / ((double) d * b * widths[l - 1]))
                            : new double[b * ins];
                    double[] p = net.params;
                    for (int r = 0; r < b; r++) {
                        for (int o = 0; o < outs; o++) {
                            double g = dz[r * outs + o];
                            if (g == 0) {
                                continue;
                            }
                            int row = w + o * ins;
                            int at = r * ins;
                            for (int i = 0; i < ins; i++) {
                                next[at + i] += g * p[row + i];
                            }
                        }
                    }
                    dh = next;
                }
            }
        }

        /** {@code factor · (a − target)}, both {@code [B, width]}. */
        private static double[] difference(double[] a, double[] target, double factor) {
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = factor * (a[i] - target[i]);
            }
            return out;
        }
    }

    /**
     * A network's weights and biases in one flat array (per layer its {@code [out, in]} weights
     * row-major, then its bias), the first layer taking standardised inputs. Mutable: training
     * updates {@link #params} in place.
     */
    private static final class Network {
        final int[] outputs;
        final int[] inputs;
        final int[] weightOffset;
        final int[] biasOffset;
        final Activation[] activations;
        double[] params;

        private Network(Mlp shape) {
            int layers = shape.layers().size();
            outputs = new int[layers];
            inputs = new int[layers];
            weightOffset = new int[layers];
            biasOffset = new int[layers];
            activations = new Activation[layers];
            int offset = 0;
            for (int l = 0; l < layers; l++) {
                DenseLayer layer = shape.layers().get(l);
                outputs[l] = layer.outputs();
                inputs[l] = layer.inputs();
                activations[l] = layer.activation();
                weightOffset[l] = offset;
                offset += outputs[l] * inputs[l];
                biasOffset[l] = offset;
                offset += outputs[l];
            }
            params = new double[offset];
        }

        /** The parameters of {@code network} for inputs standardised by {@code scaling}. */
        static Network of(Mlp network, Scaling scaling) {
            Network net = new Network(network);
            for (int l = 0; l < net.outputs.length; l++) {
                DenseLayer layer = network.layers().get(l);
                System.arraycopy(layer.weights().toRowMajor(), 0, net.params, net.weightOffset[l], net.outputs[l] * net.inputs[l]);
                System.arraycopy(layer.bias().toArray(), 0, net.params, net.biasOffset[l], net.outputs[l]);
            }
            // W x + b = (W diag(s)) (x − m) / s + (b + W m).
            for (int o = 0; o < net.outputs[0]; o++) {
                int row = net.weightOffset[0] + o * net.inputs[0];
                for (int i = 0; i < net.inputs[0]; i++) {
                    net.params[net.biasOffset[0] + o] += net.params[row + i] * scaling.mean[i];
                    net.params[row + i] *= scaling.scale[i];
                }
            }
            return net;
        }

        /** The network the parameters stand for, taking raw inputs again. */
        Mlp toMlp(Mlp shape, Scaling scaling) {
            List<DenseLayer> layers = new ArrayList<>(outputs.length);
            for (int l = 0; l < outputs.length; l++) {
                double[] w = Arrays.copyOfRange(params, weightOffset[l], weightOffset[l] + outputs[l] * inputs[l]);
                double[] b = Arrays.copyOfRange(params, biasOffset[l], biasOffset[l] + outputs[l]);
                if (l == 0) {
                    for (int o = 0; o < outputs[0]; o++) {
                        for (int i = 0; i < inputs[0]; i++) {
                            w[o * inputs[0] + i] /= scaling.scale[i];
                            b[o] -= w[o * inputs[0] + i] * scaling.mean[i];
                        }
                    }
                }
                layers.add(new DenseLayer(Matrix.ofRowMajor(outputs[l], inputs[l], w), Vector.of(b),
                        shape.layers().get(l).activation()));
            }
            return new Mlp(layers, shape.inputNames(), shape.outputNames());
        }

        /** {@code φ(h · Wᵀ + b)} of layer l over {@code rows} rows of {@code h} ({@code [rows, in]} → {@code [rows, out]}). */
        double[] forward(int l, double[] h, int rows) {
            int outs = outputs[l];
            int ins = inputs[l];
            double[] z = new double[rows * outs];
            double[] row = new double[outs];
            for (int r = 0; r < rows; r++) {
                for (int o = 0; o < outs; o++) {
                    int w = weightOffset[l] + o * ins;
                    double s = params[biasOffset[l] + o];
                    for (int i = 0; i < ins; i++) {
                        s += h[r * ins + i] * params[w + i];
                    }
                    row[o] = s;
                }
                activations[l].applyToRow(row);
                System.arraycopy(row, 0, z, r * outs, outs);
            }
            return z;
        }

        /** dL/dz of layer l from dL/dh, its input {@code [rows, in]} and its output h = φ(z) {@code [rows, out]}. */
        double[] throughActivation(int l, double[] dh, double[] input, double[] h, int rows) {
            int outs = outputs[l];
            double[] dz = new double[dh.length];
            for (int r = 0; r < rows; r++) {
                int at = r * outs;
                if (activations[l] == Activation.SOFTMAX) {
                    double dot = 0;
                    for (int o = 0; o < outs; o++) {
                        dot += dh[at + o] * h[at + o];
                    }
                    for (int o = 0; o < outs; o++) {
                        dz[at + o] = h[at + o] * (dh[at + o] - dot);
                    }
                    continue;
                }
                for (int o = 0; o < outs; o++) {
                    double v = h[at + o];
                    dz[at + o] = dh[at + o] * switch (activations[l].kind()) {
                        case RELU -> v > 0 ? 1.0 : 0.0;
                        case SIGMOID -> v * (1 - v);
                        case TANH -> 1 - v * v;
                        case LINEAR -> 1.0;
                        case SOFTMAX -> throw new IllegalStateException("handled above");
                        // Their derivative is not a function of the output (silu and gelu are not
                        // even invertible), so it is taken at the pre-activation, recomputed.
                        default -> activations[l].derivative(preActivation(l, input, r, o));
                    };
                }
            }
            return dz;
        }

        /** z of neuron o of layer l at row r of the layer's input {@code [rows, in]}, summed as {@link #forward} does. */
        private double preActivation(int l, double[] input, int r, int o) {
            int ins = inputs[l];
            int w = weightOffset[l] + o * ins;
            double s = params[biasOffset[l] + o];
            for (int i = 0; i < ins; i++) {
                s += input[r * ins + i] * params[w + i];
            }
            return s;
        }
    }

    /**
     * The mean and standard deviation of every input over the fitting rows. Training runs on
     * standardised inputs, the first layer reparametrised to match, because Adam moves every weight
     * by about the same step: on raw features (breast-cancer's areas are in the thousands) one step
     * on a first-layer weight would move the pre-activations by thousands of times more than on
     * another. A feature that is constant over the rows keeps scale 1 (it has nothing to standardise).
     */
    private static final class Scaling {
        final double[] mean;
        final double[] scale;

        private Scaling(double[] mean, double[] scale) {
            this.mean = mean;
            this.scale = scale;
        }

        /**
         * Over every row, read front to back in blocks: the mean, then the mean squared deviation from
         * it, each a compensated (Kahan) sum so that a million rows lose no digits.
         */
        static Scaling of(TuningRows rows) {
            int m = rows.inputs();
            int n = rows.count();
            double[] mean = new double[m];
            double[] scale = new double[m];
            double[] sum = new double[m];
            double[] lost = new double[m];
            for (int pass = 0; pass < 2; pass++) {
                Arrays.fill(sum, 0.0);
                Arrays.fill(lost, 0.0);
                for (int from = 0; from < n; from += LOSS_BLOCK_ROWS) {
                    int count = Math.min(LOSS_BLOCK_ROWS, n - from);
                    double[] x = rows.inputs(from, count);
                    for (int r = 0; r < count; r++) {
                        for (int j = 0; j < m; j++) {
                            double v = x[r * m + j];
                            double term = (pass == 0 ? v : (v - mean[j]) * (v - mean[j])) - lost[j];
                            double next = sum[j] + term;
                            lost[j] = (next - sum[j]) - term;
                            sum[j] = next;
                        }
                    }
                }
                for (int j = 0; j < m; j++) {
                    if (pass == 0) {
                        mean[j] = sum[j] / n;
                    } else {
                        double var = sum[j] / n;
                        scale[j] = var > 0 ? Math.sqrt(var) : 1.0;
                    }
                }
            }
            return new Scaling(mean, scale);
        }

        /** No change: mean 0 and scale 1 for every input. */
        static Scaling identity(int inputs) {
            double[] ones = new double[inputs];
            Arrays.fill(ones, 1.0);
            return new Scaling(new double[inputs], ones);
        }
    }

    /** Adam's moment estimates of every parameter. */
    private static final class Adam {
        private final double[] first;
        private final double[] second;
        private int t;

        Adam(int size) {
            first = new double[size];
            second = new double[size];
        }

        /** {@code p −= rate · m̂ / (√v̂ + ε)} with the bias-corrected moments after gradient {@code g}. */
        void update(double[] p, double[] g, double rate) {
            t++;
            double c1 = 1 - Math.pow(BETA1, t);
            double c2 = 1 - Math.pow(BETA2, t);
            for (int i = 0; i < p.length; i++) {
                first[i] = BETA1 * first[i] + (1 - BETA1) * g[i];
                second[i] = BETA2 * second[i] + (1 - BETA2) * g[i] * g[i];
                p[i] -= rate * (first[i] / c1) / (Math.sqrt(second[i] / c2) + EPSILON);
            }
        }
    }
}
