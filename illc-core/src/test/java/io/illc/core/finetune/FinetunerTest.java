package io.illc.core.finetune;

import io.illc.api.Activation;
import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import io.illc.core.SettingException;
import io.illc.core.compress.CompressionResult;
import io.illc.core.spec.FinetuneSpec;
import io.illc.core.spec.PipelineSpec;
import io.illc.core.spec.TransferSpec;
import io.illc.core.stream.LocalRowPasses;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.illc.core.spec.FinetuneSpec.OutputLoss.CROSS_ENTROPY;
import static io.illc.core.spec.FinetuneSpec.OutputLoss.SQUARED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FinetunerTest {
    private static final Mlp ORIGINAL = SmallProblem.network(7, 3, new int[]{8, 6}, Activation.TANH, 2, Activation.SOFTMAX);
    private static final Matrix ROWS = SmallProblem.rows(11, 150, 3);
    private static final CompressionResult COMPRESSION = SmallProblem.compress(ORIGINAL, ROWS, new int[]{3, 2});
    private static final FinetuneSpec QUICK = new FinetuneSpec(60, 0.01, 0.0, 32, 60, 0.2);

    private static FinetuneResult tune(FinetuneSpec spec) {
        return Finetuner.tune(ORIGINAL, COMPRESSION.compressed(), COMPRESSION.partitions(), ROWS, COMPRESSION.originalActivations(),
                spec, 5);
    }

    private static FinetuneLoss lossOn(Mlp network, int[] rows) {
        return Finetuner.loss(network, COMPRESSION.partitions(), SmallProblem.select(ROWS, rows),
                COMPRESSION.originalActivations().stream().map(a -> SmallProblem.select(a, rows)).toList());
    }

    private static FinetuneLoss lossOnAllRows(Mlp network) {
        return Finetuner.loss(network, COMPRESSION.partitions(), ROWS, COMPRESSION.originalActivations());
    }

    @Test
    void theLossTermsMatchAHandComputedCase() {
        // x → relu([1, 3] x) → linear([1, 1] h), both hidden neurons in one cluster-neuron with weight 2.
        Mlp original = Mlp.unnamed(List.of(
                new DenseLayer(Matrix.of(new double[][]{{1}, {3}}), Vector.of(0, 0), Activation.RELU),
                new DenseLayer(Matrix.of(new double[][]{{1, 1}}), Vector.of(0), Activation.LINEAR)));
        Mlp compressed = Mlp.unnamed(List.of(
                new DenseLayer(Matrix.of(new double[][]{{2}}), Vector.of(0), Activation.RELU),
                new DenseLayer(Matrix.of(new double[][]{{1.5}}), Vector.of(0.5), Activation.LINEAR)));
        Matrix rows = Matrix.of(new double[][]{{1}, {2}});
        List<Matrix> originalActivations = List.of(Matrix.of(new double[][]{{1, 3}, {2, 6}}), Matrix.of(new double[][]{{4}, {8}}));

        FinetuneLoss loss = Finetuner.loss(compressed, List.of(ClusterAssignment.fromLabels(new int[]{0, 0})), rows,
                originalActivations);

        // Compressed: h = 2x = (2, 4), out = 1.5 h + 0.5 = (3.5, 6.5); original out (4, 8).
        // io = ((0.5)² + (1.5)²) / 2 = 1.25. Member means (2, 4) equal h: structural = 0.
        assertEquals(1.25, loss.io(), 1e-12);
        assertEquals(0.0, loss.structural(), 1e-12);
        assertEquals(1.25, loss.total(3.0), 1e-12);
    }

    @Test
    void theStructuralTermAveragesOverLayersAndClusterNeurons() {
        // Original: x → (x, x) → x → x, all linear. Compressed: h1 = x + 1 (members' mean x: off by 1 on both
        // rows), h2 = h1 − 1 = x (exact), out = x (exact): structural = (1 + 0) / 2, io = 0.
        Mlp compressed = Mlp.unnamed(List.of(
                new DenseLayer(Matrix.of(new double[][]{{1}}), Vector.of(1), Activation.LINEAR),
                new DenseLayer(Matrix.of(new double[][]{{1}}), Vector.of(-1), Activation.LINEAR),
                new DenseLayer(Matrix.of(new double[][]{{1}}), Vector.of(0), Activation.LINEAR)));
        Matrix rows = Matrix.of(new double[][]{{0}, {1}});
        List<Matrix> acts = List.of(Matrix.of(new double[][]{{0, 0}, {1, 1}}), Matrix.of(new double[][]{{0}, {1}}),
                Matrix.of(new double[][]{{0}, {1}}));

        FinetuneLoss loss = Finetuner.loss(compressed, List.of(ClusterAssignment.fromLabels(new int[]{0, 0}),
                ClusterAssignment.identity(1)), rows, acts);

        assertEquals(0.5, loss.structural(), 1e-12);
        assertEquals(0.0, loss.io(), 1e-12);
    }

    @Test
    void theCrossEntropyTermMatchesAHandComputedCase() {
        // x → sigmoid(0 · x + b): p = σ(0) = 0.5 on both rows with b = 0; the original gives q = 0.8 and 0.1.
        // Bernoulli relative entropy q ln(q/p) + (1 − q) ln((1 − q)/(1 − p)):
        // row 1 0.8 ln 1.6 + 0.2 ln 0.4 = 0.376003 − 0.183258 = 0.192745; row 2 0.1 ln 0.2 + 0.9 ln 1.8
        // = −0.160944 + 0.529007 = 0.368064; mean 0.280404. Its derivative in b is mean(p − q) = (−0.3 + 0.4) / 2.
        Mlp network = Mlp.unnamed(List.of(new DenseLayer(Matrix.of(new double[][]{{0}}), Vector.of(0), Activation.SIGMOID)));
        Matrix rows = Matrix.of(new double[][]{{1}, {2}});
        List<Matrix> original = List.of(Matrix.of(new double[][]{{0.8}, {0.1}}));
        double expected = 0.8 * Math.log(1.6) + 0.2 * Math.log(0.4) + 0.1 * Math.log(0.2) + 0.9 * Math.log(1.8);

        assertEquals(expected / 2, Finetuner.objective(network, List.of(), rows, original, 1.0, CROSS_ENTROPY), 1e-15);
        assertEquals(0.280404, Finetuner.objective(network, List.of(), rows, original, 1.0, CROSS_ENTROPY), 1e-6);
        assertEquals(0.05, Finetuner.gradient(network, List.of(), rows, original, 1.0, CROSS_ENTROPY)
                .layers().get(0).bias().get(0), 1e-15);
        // The squared term: ((0.3)² + (0.4)²) / 2 = 0.125, derivative mean(2 (p − q) p (1 − p)) = 0.025.
        assertEquals(0.125, Finetuner.objective(network, List.of(), rows, original, 1.0, SQUARED), 1e-15);
        assertEquals(0.025, Finetuner.gradient(network, List.of(), rows, original, 1.0, SQUARED)
                .layers().get(0).bias().get(0), 1e-15);
    }

    @Test
    void onASaturatedWrongOutputTheCrossEntropyGradientStaysWhereTheSquaredOneVanishes() {
        // sigmoid(z) with z = −20 (p ≈ 2e-9) where the original says q = 1: the squared term's derivative
        // 2 (p − q) p (1 − p) is about −4e-9, the cross-entropy's p − q about −1.
        Mlp network = Mlp.unnamed(List.of(new DenseLayer(Matrix.of(new double[][]{{0}}), Vector.of(-20), Activation.SIGMOID)));
        Matrix rows = Matrix.of(new double[][]{{1}});
        List<Matrix> original = List.of(Matrix.of(new double[][]{{1}}));

        double squared = Finetuner.gradient(network, List.of(), rows, original, 0, SQUARED).layers().get(0).bias().get(0);
        double crossEntropy = Finetuner.gradient(network, List.of(), rows, original, 0, CROSS_ENTROPY)
                .layers().get(0).bias().get(0);

        assertEquals(-4.1e-9, squared, 0.1e-9);
        assertEquals(-1.0, crossEntropy, 1e-8);
    }

    @Test
    void crossEntropyIsForSoftmaxAndSigmoidOutputsAndOtherOutputsTakeTheSquaredDifferences() {
        assertEquals(CROSS_ENTROPY, Finetuner.outputLoss(CROSS_ENTROPY, ORIGINAL));
        assertEquals(SQUARED, Finetuner.outputLoss(SQUARED, ORIGINAL));
        Mlp linear = SmallProblem.network(7, 3, new int[]{4}, Activation.TANH, 1, Activation.LINEAR);
        assertEquals(SQUARED, Finetuner.outputLoss(CROSS_ENTROPY, linear));
        assertEquals(CROSS_ENTROPY, tune(QUICK.withOutputLoss(CROSS_ENTROPY)).outputLoss());
        assertEquals(SQUARED, tune(QUICK.withOutputLoss(SQUARED)).outputLoss());
    }

    @Test
    void theGradientMatchesCentralFiniteDifferences() {
        for (FinetuneSpec.OutputLoss loss : FinetuneSpec.OutputLoss.values()) {
            gradientMatchesCentralFiniteDifferences(loss);
        }
    }

    private static void gradientMatchesCentralFiniteDifferences(FinetuneSpec.OutputLoss loss) {
        for (Activation hidden : List.of(Activation.RELU, Activation.TANH, Activation.SIGMOID, Activation.leakyRelu(0.2),
                Activation.elu(0.7), Activation.SOFTPLUS, Activation.SILU, Activation.GELU, Activation.GELU_TANH)) {
            for (Activation output : List.of(Activation.SOFTMAX, Activation.SIGMOID, Activation.LINEAR)) {
                Mlp original = SmallProblem.network(3, 2, new int[]{5, 4}, hidden, output == Activation.SOFTMAX ? 3 : 1, output);
                Matrix rows = SmallProblem.rows(4, 20, 2);
                CompressionResult c = SmallProblem.compress(original, rows, new int[]{3, 2});
                Mlp start = SmallProblem.network(9, 2, new int[]{c.partitions().get(0).clusterCount(),
                        c.partitions().get(1).clusterCount()}, hidden, output == Activation.SOFTMAX ? 3 : 1, output);
                double lambda = 0.7;
                Mlp gradient = Finetuner.gradient(start, c.partitions(), rows, c.originalActivations(), lambda, loss);
                for (int l = 0; l < start.layers().size(); l++) {
                    double[] g = gradient.layers().get(l).weights().toRowMajor();
                    for (int i = 0; i < g.length; i++) {
                        double numeric = numeric(start, c, rows, lambda, loss, l, i, false);
                        assertEquals(numeric, g[i], 1e-6 * Math.max(1, Math.abs(numeric)),
                                loss + " " + hidden + "/" + output + " layer " + (l + 1) + " weight " + i);
                    }
                    double[] gb = gradient.layers().get(l).bias().toArray();
                    for (int i = 0; i < gb.length; i++) {
                        double numeric = numeric(start, c, rows, lambda, loss, l, i, true);
                        assertEquals(numeric, gb[i], 1e-6 * Math.max(1, Math.abs(numeric)),
                                loss + " " + hidden + "/" + output + " layer " + (l + 1) + " bias " + i);
                    }
                }
            }
        }
    }

    /** The central difference quotient of the objective in one weight or bias, step 1e-6. */
    private static double numeric(Mlp network, CompressionResult c, Matrix rows, double lambda, FinetuneSpec.OutputLoss loss,
                                  int layer, int index, boolean bias) {
        double h = 1e-6;
        return (Finetuner.objective(nudged(network, layer, index, bias, h), c.partitions(), rows, c.originalActivations(),
                lambda, loss)
                - Finetuner.objective(nudged(network, layer, index, bias, -h), c.partitions(), rows,
                c.originalActivations(), lambda, loss)) / (2 * h);
    }

    private static Mlp nudged(Mlp network, int layer, int index, boolean bias, double by) {
        List<DenseLayer> layers = new java.util.ArrayList<>(network.layers());
        DenseLayer d = layers.get(layer);
        if (bias) {
            double[] b = d.bias().toArray();
            b[index] += by;
            layers.set(layer, new DenseLayer(d.weights(), Vector.of(b), d.activation()));
        } else {
            double[] w = d.weights().toRowMajor();
            w[index] += by;
            layers.set(layer, new DenseLayer(Matrix.ofRowMajor(d.outputs(), d.inputs(), w), d.bias(), d.activation()));
        }
        return Mlp.unnamed(layers);
    }

    @Test
    void fineTuningLowersTheOutputLossOnASmallProblem() {
        FinetuneResult r = tune(QUICK);

        double before = lossOnAllRows(COMPRESSION.compressed()).io();
        double after = lossOnAllRows(r.network()).io();
        assertTrue(after < 0.5 * before, "io-unfaithfulness " + before + " → " + after);
        assertTrue(r.bestValidationLoss() < r.initialValidationLoss());
        assertTrue(r.bestEpoch() > 0);
        assertFalse(r.keptStartingWeights());
        assertEquals(Optional.empty(), r.warning());
        assertTrue(r.bestTrainingLoss() < r.initialTrainingLoss());
        assertEquals(1, r.attempts(), "the first training lowered the loss");
        assertEquals(0.01, r.learningRate());
    }

    @Test
    void aStepSizeThatKeepsNothingIsRetriedAtATenthFromTheSameStart() {
        // Adam at step size 30 throws the weights far off in the first epoch; 3 still overshoots or not,
        // but each retry starts again from the compressed network's weights with a tenth of the step.
        FinetuneResult r = tune(new FinetuneSpec(60, 30.0, 0.0, 32, 5, 0.2));

        assertTrue(r.attempts() >= 2, "the first training kept nothing: " + r.attempts());
        assertEquals(30.0 / Math.pow(10, r.attempts() - 1), r.learningRate(), 1e-12);
        assertTrue(r.bestEpoch() > 0, "a smaller step size lowered the validation loss");
        assertEquals(tune(new FinetuneSpec(60, r.learningRate(), 0.0, 32, 5, 0.2)).network(), r.network(),
                "the same network as a first training at that step size");
    }

    @Test
    void aFineTuningThatCannotImproveKeepsTheStartingWeightsAndSaysSo() {
        // Nothing compressed (one neuron per cluster): the start reproduces the original exactly, the
        // loss is 0 on every row and no epoch can lower it.
        List<ClusterAssignment> identity = ORIGINAL.layers().subList(0, ORIGINAL.hiddenLayerCount()).stream()
                .map(l -> ClusterAssignment.identity(l.outputs())).toList();
        List<Matrix> activations = COMPRESSION.originalActivations();

        FinetuneResult r = Finetuner.tune(ORIGINAL, ORIGINAL, identity, ROWS, activations, new FinetuneSpec(50, 0.01, 1, 32, 4, 0.2), 5);

        assertEquals(0, r.bestEpoch());
        assertEquals(4, r.epochsRun(), "stopped after patience epochs");
        assertTrue(r.keptStartingWeights());
        assertEquals(ORIGINAL, r.network(), "the starting network itself, bit for bit");
        assertTrue(r.initialValidationLoss() < 1e-20, "exact up to rounding: " + r.initialValidationLoss());
        String warning = r.warning().orElseThrow();
        assertEquals(Finetuner.MAX_ATTEMPTS, r.attempts(), "a tenth and a hundredth of the step size were tried too");
        assertTrue(warning.startsWith("fine-tuning kept the starting weights: 3 trainings, the last at step size "
                + r.learningRate() + ": in 4 epochs the validation loss never fell below its start "), warning);
        assertTrue(warning.endsWith("; transfer rows (\"transfer\": {}) usually help"), warning);
    }

    @Test
    void transferRowsAreAddedToTrainingAndValidationInProportionAndAfterTheFittingRows() {
        FinetuneResult r = tune(QUICK.withTransfer(new TransferSpec(0.5, 0, 240)));

        // 150 fitting rows: 30 validation, 120 training; 240 training transfer rows, 240 · 30 / 120 = 60 validation ones.
        assertEquals(150, r.fittingRows());
        assertEquals(300, r.transferRows());
        assertEquals(120 + 240, r.trainingRows().length);
        assertEquals(30 + 60, r.validationRows().length);
        assertEquals(240, Arrays.stream(r.trainingRows()).filter(i -> i >= 150).count());
        assertEquals(java.util.stream.IntStream.range(150, 390).boxed().toList(),
                Arrays.stream(r.trainingRows()).filter(i -> i >= 150).boxed().toList());
        assertEquals(java.util.stream.IntStream.range(390, 450).boxed().toList(),
                Arrays.stream(r.validationRows()).filter(i -> i >= 150).boxed().toList());
    }

    @Test
    void transferRowsLowerTheLossOnRowsNoFineTuningSaw() {
        // Fine-tuned on 30 of the rows, scored on the other 120: synthetic rows labelled by the original
        // network stand in for the rows it lacks.
        int[] fit = java.util.stream.IntStream.range(0, 30).toArray();
        int[] unseen = java.util.stream.IntStream.range(30, 150).toArray();
        Matrix fitRows = SmallProblem.select(ROWS, fit);
        List<Matrix> fitActivations = COMPRESSION.originalActivations().stream().map(a -> SmallProblem.select(a, fit)).toList();
        FinetuneSpec spec = new FinetuneSpec(100, 0.01, 0.0, 16, 100, 0.2);

        Mlp plain = Finetuner.tune(ORIGINAL, COMPRESSION.compressed(), COMPRESSION.partitions(), fitRows, fitActivations,
                spec, 5).network();
        Mlp transferred = Finetuner.tune(ORIGINAL, COMPRESSION.compressed(), COMPRESSION.partitions(), fitRows,
                fitActivations, spec.withTransfer(new TransferSpec(0.3, 1, 600)), 5).network();

        double without = lossOn(plain, unseen).io();
        double with = lossOn(transferred, unseen).io();
        assertTrue(with < without, "io-unfaithfulness on unseen rows " + without + " without, " + with + " with transfer rows");
    }

    @Test
    void theStructuralWeightKeepsClusterNeuronsCloserToTheirMembers() {
        FinetuneResult free = tune(QUICK);
        FinetuneResult held = tune(QUICK.withStructuralWeight(10));

        double freeStructural = lossOnAllRows(free.network()).structural();
        double heldStructural = lossOnAllRows(held.network()).structural();
        assertTrue(heldStructural < freeStructural, "structural term " + freeStructural + " without, "
                + heldStructural + " with the structural weight");
    }

    @Test
    void earlyStoppingKeepsTheWeightsOfTheBestValidationEpoch() {
        // A step size far too large makes the loss jump around: the best epoch is not the last.
        FinetuneResult r = tune(new FinetuneSpec(30, 0.5, 0.0, 16, 5, 0.25));

        double[] losses = r.validationLosses();
        double lowest = Arrays.stream(losses).min().orElseThrow();
        assertEquals(lowest, r.bestValidationLoss());
        assertEquals(lowest, lossOn(r.network(), r.validationRows()).total(0.0), 1e-9 * Math.max(1, lowest));
        assertTrue(r.bestValidationLoss() <= r.initialValidationLoss());
        assertTrue(r.epochsRun() - r.bestEpoch() <= 5, "stops after 5 epochs without a new lowest");
    }

    @Test
    void trainingStopsAfterPatienceEpochsWithoutImprovement() {
        FinetuneResult r = tune(new FinetuneSpec(200, 0.5, 0.0, 16, 3, 0.25));

        assertTrue(r.epochsRun() < 200, "stopped early: " + r.epochsRun());
        assertEquals(3, r.epochsRun() - r.bestEpoch());
    }

    @Test
    void theValidationAndTrainingRowsSplitTheFittingRows() {
        FinetuneResult r = tune(QUICK);

        assertEquals(30, r.validationRows().length, "20 % of 150");
        int[] all = java.util.stream.IntStream.concat(Arrays.stream(r.validationRows()), Arrays.stream(r.trainingRows()))
                .sorted().toArray();
        assertArrayEquals(java.util.stream.IntStream.range(0, 150).toArray(), all);
    }

    @Test
    void theSameSeedGivesTheSameNetworkAndAnotherSeedAnother() {
        FinetuneResult a = tune(QUICK);
        FinetuneResult b = tune(QUICK);
        FinetuneResult other = Finetuner.tune(ORIGINAL, COMPRESSION.compressed(), COMPRESSION.partitions(), ROWS,
                COMPRESSION.originalActivations(), QUICK, 6);

        assertEquals(a.network(), b.network());
        assertArrayEquals(a.validationLosses(), b.validationLosses());
        assertNotEquals(a.network(), other.network());
    }

    @Test
    void theTunedNetworkHasTheSameShapeActivationsAndNames() {
        Mlp tuned = tune(QUICK).network();
        Mlp compressed = COMPRESSION.compressed();

        assertEquals(compressed.layers().size(), tuned.layers().size());
        for (int l = 0; l < compressed.layers().size(); l++) {
            DenseLayer a = compressed.layers().get(l);
            DenseLayer b = tuned.layers().get(l);
            assertEquals(a.outputs(), b.outputs());
            assertEquals(a.inputs(), b.inputs());
            assertEquals(a.activation(), b.activation());
        }
        assertEquals(compressed.inputNames(), tuned.inputNames());
        assertEquals(compressed.outputNames(), tuned.outputNames());
        assertNotEquals(compressed, tuned, "the weights changed");
    }

    @Test
    void tooFewRowsForAValidationShareAreABadSettingNamedAsTheEngineKnowsIt() {
        Matrix two = SmallProblem.select(ROWS, new int[]{0, 1});
        List<Matrix> acts = COMPRESSION.originalActivations().stream().map(a -> SmallProblem.select(a, new int[]{0, 1})).toList();

        SettingException e = assertThrows(SettingException.class, () -> Finetuner.tune(ORIGINAL, COMPRESSION.compressed(),
                COMPRESSION.partitions(), two, acts, new FinetuneSpec(5, 0.01, 1, 8, 5, 0.1), 0));
        assertEquals(List.of("finetune.validation: 0.1 of 2 fitting rows leaves 0 validation and 2 training rows;"
                + " both need at least one"), e.problems());
        assertEquals(List.of("$.compression.finetune.validation: 0.1 of 2 fitting rows leaves 0 validation and 2"
                + " training rows; both need at least one"), e.locatedAt(PipelineSpec.SETTING_PATHS).problems());
    }

    @Test
    void streamedRowsTuneTheHeldNetworkBitForBit() {
        // More rows than a chunk and a loss block, with transfer rows: every path of the spill is read.
        Matrix rows = SmallProblem.rows(13, LocalRowPasses.CHUNK_ROWS + 905, 3);
        CompressionResult compression = SmallProblem.compress(ORIGINAL, rows, new int[]{3, 2});
        FinetuneSpec spec = new FinetuneSpec(3, 0.01, 0.5, 64, 3, 0.2).withTransfer(new TransferSpec(0.1, 1.0, 300));

        FinetuneResult held = Finetuner.tune(ORIGINAL, compression.compressed(), compression.partitions(), rows,
                compression.originalActivations(), spec, 9);
        FinetuneResult streamed = Finetuner.tune(ORIGINAL, compression.compressed(), compression.partitions(),
                LocalRowPasses.held(rows), spec, 9);

        assertTrue(held.bestEpoch() > 0, "the test should see a tuned network, not the start");
        assertEquals(held.network(), streamed.network());
        assertArrayEquals(held.validationLosses(), streamed.validationLosses(), 0.0);
        assertArrayEquals(held.trainingRows(), streamed.trainingRows());
    }
}
