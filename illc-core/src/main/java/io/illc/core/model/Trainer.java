package io.illc.core.model;

import io.illc.api.Activation;
import io.illc.api.Mlp;
import io.illc.core.InputException;
import io.illc.core.Setting;
import io.illc.core.SettingException;
import io.illc.core.data.Dataset;
import io.illc.core.spec.SpecParser;
import io.illc.core.spec.TrainSpec;
import io.illc.core.stream.ChunkSource;
import io.illc.core.stream.RowChunk;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.CrashReportingUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Trains a classifier MLP with Deeplearning4j.
 *
 * <p>The recipe: split the rows with a seeded permutation (the first {@code round(testFraction·N)}
 * rows of the permutation are held out); standardise the features with the training split's mean
 * and population standard deviation ({@link Standardisation}); train dense hidden layers of
 * {@code spec.activation()} and a softmax output with multi-class cross-entropy (MCXENT), or one
 * sigmoid unit with binary cross-entropy (XENT) for two classes; Adam with
 * {@code spec.learningRate()}; Gaussian initial weights as DL4J's RELU (He) init for relu layers and
 * XAVIER otherwise, zero biases; float32 arithmetic ({@link #TRAINING_TYPE}); mini-batches of {@code spec.batchSize()} rows in a freshly shuffled order each epoch
 * (the last batch of an epoch may be smaller). Finally the standardisation is folded into the
 * first layer so the returned {@link Mlp} takes raw feature values.
 *
 * <p>Deterministic: the same data, spec and seed give bit-identical weights. Every random choice
 * comes from {@code seed}, never from ND4J's global generator: the split is a Fisher–Yates
 * shuffle with {@code java.util.Random(seed)}; the initial weights and the batch order each epoch
 * come from two streams split off {@code SplittableRandom(seed)}; nothing random happens inside
 * DL4J's fitting (no dropout). Each call builds its own network.
 */
public final class Trainer {
    /**
     * Training runs in float32, DL4J's usual precision: it is about twice as fast as float64 on
     * these machines, and the trained weights are then used exactly (as float64) by everything
     * downstream, where all compression and metric arithmetic is float64.
     */
    static final DataType TRAINING_TYPE = DataType.FLOAT;

    /** Rows per block when every row is scanned (the scaler, the accuracies): one forward pass each. */
    static final int BLOCK_ROWS = 4096;

    /** DL4J's switch for the memory crash dump it writes on an out-of-memory error in training. */
    static final String CRASH_DUMPS = "org.deeplearning4j.crash.reporting.enabled";

    static {
        // DL4J writes that dump into the working folder, a file the user did not ask for; illc
        // reports running out of memory itself. Setting the property decides otherwise.
        if (System.getProperty(CRASH_DUMPS) == null) {
            CrashReportingUtil.crashDumpsEnabled(false);
        }
    }

    private Trainer() {
    }

    /**
     * Trains on held rows.
     *
     * @param data     a labelled dataset with at least two classes
     * @param spec     the architecture and optimisation settings
     * @param seed     the only source of randomness
     * @param progress told after every epoch
     * @throws InputException when the data has no labels or fewer than two classes, the spec is
     *                        out of range, or the split leaves no training rows
     */
    public static TrainingResult train(Dataset data, TrainSpec spec, long seed, TrainingProgress progress) {
        check(data, spec);
        int[] testRows = testRows(data.rows(), spec.testFraction(), seed, data.name());
        int[] trainRows = TrainingResult.complement(testRows, data.rows());
        return fit(TrainingRows.held(data.features(), data.labels(), trainRows),
                TrainingRows.held(data.features(), data.labels(), testRows), data.rows(), testRows, data, spec, seed,
                progress);
    }

    /**
     * Trains on rows read from a stream, and gives exactly the network that {@link #train(Dataset,
     * TrainSpec, long, TrainingProgress)} gives on the same rows held: the same split, scaler,
     * initial weights and minibatches. One pass over {@code rows} copies every row to a temporary file
     * (8 · (m + 1) bytes a row, training and held-out rows apart; {@link SpilledRows}) from which the
     * scaler is fitted and the minibatches are drawn; the heap holds the split and each epoch's
     * order, 4 bytes a row, and one minibatch.
     *
     * @param rows   chunks that carry their labels ({@link RowChunk#labels()}) in {@code header}'s class order
     * @param header the data's name, feature names, label and class names; its rows are not read
     * @throws InputException as the held form, and when the rows have no labels or are more than 2³¹ − 1
     */
    public static TrainingResult train(ChunkSource rows, Dataset header, TrainSpec spec, long seed,
                                       TrainingProgress progress) {
        check(header, spec);
        if (rows.count() > Integer.MAX_VALUE) {
            throw new InputException(header.name() + " has " + rows.count() + " rows; training takes at most "
                    + Integer.MAX_VALUE + "; train on a sample of them");
        }
        int n = (int) rows.count();
        int[] testRows = testRows(n, spec.testFraction(), seed, header.name());
        BitSet heldOut = new BitSet(n);
        Arrays.stream(testRows).forEach(heldOut::set);
        int m = rows.features();
        try (SpilledRows train = SpilledRows.create(m, "train"); SpilledRows test = SpilledRows.create(m, "test");
             ChunkSource.ChunkReader reader = rows.open()) {
            for (RowChunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
                if (chunk.labels() == null) {
                    throw new InputException("dataset " + header.name() + " has no class labels; training needs labelled rows");
                }
                for (int k = 0; k < chunk.rows(); k++) {
                    SpilledRows to = heldOut.get((int) chunk.firstRow() + k) ? test : train;
                    to.append(chunk.values(), k * m, chunk.labels()[k]);
                }
            }
            train.finish();
            test.finish();
            return fit(train, test, n, testRows, header, spec, seed, progress);
        }
    }

    /** The recipe of the class comment on rows already split. */
    private static TrainingResult fit(TrainingRows train, TrainingRows test, int rows, int[] testRows, Dataset names,
                                      TrainSpec spec, long seed, TrainingProgress progress) {
        boolean sigmoid = spec.output() == Activation.SIGMOID;
        int outputs = sigmoid ? 1 : names.classNames().size();
        Standardisation scaler = Standardisation.fit(train);
        int f = train.features();

        SplittableRandom root = new SplittableRandom(seed);
        MultiLayerNetwork net = network(f, outputs, spec, root.split());
        SplittableRandom batchOrder = root.split();
        int[] order = identity(train.count());
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            shuffle(order, batchOrder);
            double lossSum = 0;
            for (int start = 0; start < order.length; start += spec.batchSize()) {
                int[] batch = Arrays.copyOfRange(order, start, Math.min(order.length, start + spec.batchSize()));
                double[] x = new double[batch.length * f];
                int[] labels = new int[batch.length];
                train.read(batch, x, labels);
                scaler.applyInPlace(x);
                net.fit(Nd4j.create(x, new long[]{batch.length, f}, TRAINING_TYPE),
                        Nd4j.create(targets(labels, outputs), new long[]{batch.length, outputs}, TRAINING_TYPE));
                lossSum += net.score() * batch.length;
            }
            progress.epoch(epoch, spec.epochs(), lossSum / order.length);
        }

        double trainAccuracy = accuracy(net, train, scaler, sigmoid);
        double testAccuracy = test.count() > 0 ? accuracy(net, test, scaler, sigmoid) : Double.NaN;
        List<String> outputNames = sigmoid ? List.of(names.classNames().get(1)) : names.classNames();
        Mlp standardised = Dl4jModels.toMlp(net, names.featureNames(), outputNames);
        return new TrainingResult(scaler.foldInto(standardised), trainAccuracy, testAccuracy, rows, testRows);
    }

    /**
     * The held-out rows, ascending: the first {@code round(testFraction · n)} of a Fisher–Yates
     * permutation of the rows with {@code java.util.Random(seed)}.
     */
    private static int[] testRows(int n, double testFraction, long seed, String name) {
        int[] permutation = identity(n);
        shuffle(permutation, new Random(seed));
        int testCount = (int) Math.round(testFraction * n);
        if (testCount >= n) {
            throw new SettingException(Setting.TRAIN_TEST_FRACTION, testFraction + " holds out all " + n
                    + " rows of " + name + "; lower it so that some rows are left for training");
        }
        int[] testRows = Arrays.copyOf(permutation, testCount);
        Arrays.sort(testRows);
        return testRows;
    }

    private static void check(Dataset data, TrainSpec spec) {
        if (!data.hasLabels()) {
            throw new InputException("dataset " + data.name() + " has no label column; training needs labelled rows");
        }
        int classes = data.classNames().size();
        if (classes < 2) {
            throw new InputException("dataset " + data.name() + " has " + classes + " class" + (classes == 1 ? " (" + data.classNames().get(0) + ")" : "es")
                    + "; training a classifier needs at least two");
        }
        List<String> problems = new ArrayList<>();
        if (spec.hidden().isEmpty()) {
            problems.add("train.hidden is empty; give at least one hidden layer width");
        }
        for (int i = 0; i < spec.hidden().size(); i++) {
            if (spec.hidden().get(i) < 1) {
                problems.add("train.hidden[" + i + "] is " + spec.hidden().get(i) + "; widths must be at least 1");
            }
        }
        Activation a = spec.activation();
        if (a == null || !a.isElementWise() || a.kind() == Activation.Kind.LINEAR) {
            problems.add("train.activation is " + name(a) + "; allowed: " + String.join(", ", SpecParser.HIDDEN_ACTIVATIONS));
        }
        if (spec.output() != Activation.SIGMOID && spec.output() != Activation.SOFTMAX) {
            problems.add("train.output is " + name(spec.output()) + "; allowed: softmax, sigmoid");
        }
        if (spec.epochs() < 1) {
            problems.add("train.epochs is " + spec.epochs() + "; must be at least 1");
        }
        if (spec.batchSize() < 1) {
            problems.add("train.batchSize is " + spec.batchSize() + "; must be at least 1");
        }
        if (!(spec.learningRate() > 0) || Double.isInfinite(spec.learningRate())) {
            problems.add("train.learningRate is " + spec.learningRate() + "; must be a positive number");
        }
        if (!(spec.testFraction() >= 0 && spec.testFraction() < 1)) {
            problems.add("train.testFraction is " + spec.testFraction() + "; must be in [0, 1)");
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        if (spec.output() == Activation.SIGMOID && classes != 2) {
            throw new SettingException(Setting.TRAIN_OUTPUT, "sigmoid needs exactly two classes, " + data.name() + " has "
                    + classes + "; use softmax");
        }
    }

    private static String name(Activation a) {
        return a == null ? "missing" : a.jsonName();
    }

    private static MultiLayerNetwork network(int inputs, int outputs, TrainSpec spec, SplittableRandom random) {
        org.nd4j.linalg.activations.IActivation hidden = Dl4jModels.dl4jActivation(spec.activation());
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .dataType(TRAINING_TYPE)
                .updater(new Adam(spec.learningRate()))
                .list();
        int previous = inputs;
        for (int width : spec.hidden()) {
            list.layer(new DenseLayer.Builder().nIn(previous).nOut(width).activation(hidden).build());
            previous = width;
        }
        boolean sigmoid = spec.output() == Activation.SIGMOID;
        list.layer(new OutputLayer.Builder(sigmoid ? LossFunctions.LossFunction.XENT : LossFunctions.LossFunction.MCXENT)
                .nIn(previous).nOut(outputs)
                .activation(sigmoid ? org.nd4j.linalg.activations.Activation.SIGMOID
                        : org.nd4j.linalg.activations.Activation.SOFTMAX)
                .build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        // DL4J's own initialisation draws from ND4J's global generator, which this ND4J version
        // does not reset reliably on setSeed; so the weights are drawn here from the run's seed.
        for (int l = 0; l < net.getnLayers(); l++) {
            INDArray w = net.getLayer(l).getParam("W");
            int fanIn = Math.toIntExact(w.size(0));
            int fanOut = Math.toIntExact(w.size(1));
            boolean he = l < spec.hidden().size() && spec.activation() == Activation.RELU;
            net.getLayer(l).setParam("W", Nd4j.create(initialWeights(fanIn, fanOut, he, random)).castTo(TRAINING_TYPE));
            net.getLayer(l).setParam("b", Nd4j.zeros(TRAINING_TYPE, 1, fanOut));
        }
        return net;
    }

    /**
     * Gaussian initial weights {@code [fanIn, fanOut]} with mean 0, as DL4J's {@code WeightInit.RELU}
     * (He: variance 2 / fanIn) for ReLU layers and {@code WeightInit.XAVIER} (variance
     * 2 / (fanIn + fanOut)) otherwise, including the output layer.
     */
    static double[][] initialWeights(int fanIn, int fanOut, boolean he, SplittableRandom random) {
        double std = Math.sqrt(he ? 2.0 / fanIn : 2.0 / (fanIn + fanOut));
        double[][] w = new double[fanIn][fanOut];
        for (double[] row : w) {
            for (int j = 0; j < fanOut; j++) {
                row[j] = std * random.nextGaussian();
            }
        }
        return w;
    }

    /** Row-major targets: one-hot rows for softmax, the 0/1 label for one sigmoid unit. */
    private static double[] targets(int[] labels, int outputs) {
        double[] y = new double[labels.length * outputs];
        for (int k = 0; k < labels.length; k++) {
            if (outputs == 1) {
                y[k] = labels[k];
            } else {
                y[k * outputs + labels[k]] = 1.0;
            }
        }
        return y;
    }

    /**
     * Share of rows whose predicted class is their label: the arg-max output (the first on ties)
     * for softmax, class 1 when the sigmoid output is at least 0.5.
     */
    private static double accuracy(MultiLayerNetwork net, TrainingRows rows, Standardisation scaler, boolean sigmoid) {
        int f = rows.features();
        int correct = 0;
        RowBlocks blocks = new RowBlocks(rows);
        while (blocks.next()) {
            double[] x = Arrays.copyOf(blocks.values, blocks.rows * f);
            scaler.applyInPlace(x);
            double[][] out = net.output(Nd4j.create(x, new long[]{blocks.rows, f}, TRAINING_TYPE), false).toDoubleMatrix();
            for (int k = 0; k < blocks.rows; k++) {
                if (predictedClass(out[k], sigmoid) == blocks.labels[k]) {
                    correct++;
                }
            }
        }
        return (double) correct / rows.count();
    }

    private static int predictedClass(double[] outputs, boolean sigmoid) {
        if (sigmoid) {
            return outputs[0] >= 0.5 ? 1 : 0;
        }
        int best = 0;
        for (int i = 1; i < outputs.length; i++) {
            if (outputs[i] > outputs[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Fisher–Yates. */
    private static void shuffle(int[] a, RandomGenerator random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
