package io.illc.core.model;

import io.illc.api.Activation;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.core.InputException;
import io.illc.core.SettingException;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.data.Dataset;
import io.illc.core.spec.PipelineSpec;
import io.illc.core.spec.TrainSpec;
import org.deeplearning4j.util.CrashReportingUtil;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    private static final Dataset IRIS = BuiltinDatasets.load("iris");

    private static TrainSpec small(Activation output, double testFraction) {
        return new TrainSpec(List.of(4), Activation.TANH, 3, 16, 0.01, testFraction, output);
    }

    @Test
    void sameSeedGivesBitIdenticalWeights() {
        TrainSpec relu = new TrainSpec(List.of(6, 5), Activation.RELU, 4, 8, 0.01, 0.2, Activation.SOFTMAX);
        for (TrainSpec spec : List.of(small(Activation.SOFTMAX, 0.2), relu)) {
            TrainingResult first = Trainer.train(IRIS, spec, 42, TrainingProgress.NONE);
            TrainingResult second = Trainer.train(IRIS, spec, 42, TrainingProgress.NONE);

            // Matrix.equals compares every double exactly.
            assertEquals(first.mlp(), second.mlp());
            assertEquals(first.testRows(), second.testRows());
            assertEquals(first.trainAccuracy(), second.trainAccuracy());
        }
    }

    @Test
    void otherSeedGivesOtherWeightsAndSplit() {
        TrainingResult first = Trainer.train(IRIS, small(Activation.SOFTMAX, 0.2), 1, TrainingProgress.NONE);
        TrainingResult second = Trainer.train(IRIS, small(Activation.SOFTMAX, 0.2), 2, TrainingProgress.NONE);

        assertNotEquals(first.mlp().layers(), second.mlp().layers());
        assertNotEquals(first.testRows(), second.testRows());
    }

    @Test
    void holdsOutTheRoundedTestFractionOfRows() {
        TrainingResult result = Trainer.train(IRIS, small(Activation.SOFTMAX, 0.25), 3, TrainingProgress.NONE);

        // round(0.25 · 150) = 38 (37.5 rounds up).
        assertEquals(38, result.testRows().size());
        assertEquals(112, result.trainRows().size());
        Set<Integer> all = new HashSet<>(result.trainRows());
        all.addAll(result.testRows());
        assertEquals(150, all.size());
        assertEquals(sorted(result.testRows()), result.testRows());
        assertTrue(result.testAccuracy() >= 0 && result.testAccuracy() <= 1);
    }

    @Test
    void withoutTestRowsTheTestAccuracyIsNaN() {
        TrainingResult result = Trainer.train(IRIS, small(Activation.SOFTMAX, 0.0), 3, TrainingProgress.NONE);

        assertTrue(result.testRows().isEmpty());
        assertEquals(150, result.trainRows().size());
        assertTrue(Double.isNaN(result.testAccuracy()));
    }

    @Test
    void softmaxOutputsAreNamedByClassAndInputsByFeature() {
        Mlp mlp = Trainer.train(IRIS, small(Activation.SOFTMAX, 0.2), 5, TrainingProgress.NONE).mlp();

        assertEquals(IRIS.featureNames(), mlp.inputNames());
        assertEquals(IRIS.classNames(), mlp.outputNames());
        assertEquals(Activation.SOFTMAX, mlp.outputLayer().activation());
        assertEquals(Activation.TANH, mlp.layer(1).activation());
        assertEquals(4, mlp.layer(1).outputs());
    }

    @Test
    void oneSigmoidUnitIsNamedAfterThePositiveClass() {
        Dataset twoClasses = firstTwoClasses(IRIS);

        TrainingResult result = Trainer.train(twoClasses, small(Activation.SIGMOID, 0.2), 5, TrainingProgress.NONE);

        assertEquals(List.of(twoClasses.classNames().get(1)), result.mlp().outputNames());
        assertEquals(Activation.SIGMOID, result.mlp().outputLayer().activation());
        assertEquals(result.trainAccuracy(), accuracy(result.mlp(), twoClasses, result.trainRows(), true));
    }

    @Test
    void reportedAccuraciesAreThoseOfTheReturnedNetworkOnRawRows() {
        TrainSpec spec = new TrainSpec(List.of(8), Activation.RELU, 5, 16, 0.01, 0.3, Activation.SOFTMAX);

        TrainingResult result = Trainer.train(IRIS, spec, 9, TrainingProgress.NONE);

        assertEquals(result.trainAccuracy(), accuracy(result.mlp(), IRIS, result.trainRows(), false));
        assertEquals(result.testAccuracy(), accuracy(result.mlp(), IRIS, result.testRows(), false));
    }

    @Test
    void trainsWithEachNewActivationAndReportsTheReturnedNetworksAccuracy() {
        for (Activation hidden : List.of(Activation.LEAKY_RELU, Activation.ELU, Activation.SOFTPLUS, Activation.SILU,
                Activation.GELU, Activation.GELU_TANH)) {
            TrainSpec spec = new TrainSpec(List.of(8), hidden, 30, 16, 0.01, 0.3, Activation.SOFTMAX);

            TrainingResult result = Trainer.train(IRIS, spec, 9, TrainingProgress.NONE);

            assertEquals(hidden, result.mlp().layer(1).activation());
            // The accuracy DL4J trained for is that of illc's own forward pass: one definition of each activation.
            assertEquals(result.trainAccuracy(), accuracy(result.mlp(), IRIS, result.trainRows(), false), hidden.toString());
            assertTrue(result.trainAccuracy() > 0.6, hidden + " learns: " + result.trainAccuracy());
        }
    }

    @Test
    void reportsEveryEpochInOrder() {
        List<Integer> epochs = new ArrayList<>();
        List<Double> losses = new ArrayList<>();

        Trainer.train(IRIS, small(Activation.SOFTMAX, 0.2), 5, (epoch, total, loss) -> {
            assertEquals(3, total);
            epochs.add(epoch);
            losses.add(loss);
        });

        assertEquals(List.of(1, 2, 3), epochs);
        assertTrue(losses.stream().allMatch(l -> Double.isFinite(l) && l > 0), losses.toString());
    }

    @Test
    void sigmoidOutputWithThreeClassesIsRejectedAsTheOutputSetting() {
        SettingException e = assertThrows(SettingException.class,
                () -> Trainer.train(IRIS, small(Activation.SIGMOID, 0.2), 1, TrainingProgress.NONE));

        assertEquals(List.of("$.model.train.output: sigmoid needs exactly two classes, " + IRIS.name() + " has 3; use softmax"),
                e.locatedAt(PipelineSpec.SETTING_PATHS).problems());
    }

    @Test
    void trainingLeavesNoDl4jCrashDumpInTheWorkingFolder() {
        Trainer.train(IRIS, small(Activation.SOFTMAX, 0.2), 1, TrainingProgress.NONE);

        assertNull(System.getProperty(Trainer.CRASH_DUMPS), "the test runs with DL4J's default");
        assertFalse(CrashReportingUtil.isCrashDumpsEnabled(), "an out-of-memory error would write one into user.dir");
    }

    @Test
    void aTestFractionThatHoldsOutEveryRowIsRejectedAsItsSetting() {
        Dataset two = new Dataset("two", List.of("a"), Matrix.of(new double[][] {{0}, {1}}), "y", List.of("0", "1"),
                new int[] {0, 1}, "0");

        SettingException e = assertThrows(SettingException.class,
                () -> Trainer.train(two, small(Activation.SOFTMAX, 0.9), 1, TrainingProgress.NONE));

        assertEquals(List.of("$.model.train.testFraction: 0.9 holds out all 2 rows of two; lower it so that some rows"
                + " are left for training"), e.locatedAt(PipelineSpec.SETTING_PATHS).problems());
    }

    @Test
    void unlabelledDataIsRejected() {
        Dataset unlabelled = new Dataset("plain", IRIS.featureNames(), IRIS.features(), null, List.of(), null, "0");

        InputException e = assertThrows(InputException.class,
                () -> Trainer.train(unlabelled, small(Activation.SOFTMAX, 0.2), 1, TrainingProgress.NONE));

        assertTrue(e.getMessage().contains("no label column"), e.getMessage());
    }

    @Test
    void oneClassIsRejected() {
        Dataset oneClass = new Dataset("one", List.of("a"), Matrix.of(new double[][]{{1}, {2}}), "y", List.of("only"),
                new int[]{0, 0}, "0");

        InputException e = assertThrows(InputException.class,
                () -> Trainer.train(oneClass, small(Activation.SOFTMAX, 0.2), 1, TrainingProgress.NONE));

        assertTrue(e.getMessage().contains("1 class (only)"), e.getMessage());
    }

    @Test
    void badSpecValuesAreAllReported() {
        TrainSpec bad = new TrainSpec(List.of(0), Activation.SOFTMAX, 0, 0, -1, 1.0, Activation.TANH);

        InputException e = assertThrows(InputException.class, () -> Trainer.train(IRIS, bad, 1, TrainingProgress.NONE));

        assertEquals(7, e.problems().size(), e.getMessage());
    }

    @Test
    void breastCancerDemoReachesTheExpectedTestAccuracy() {
        TrainSpec demo = new TrainSpec(List.of(64, 64, 64), Activation.RELU, 60, 64, 0.001, 0.2, Activation.SOFTMAX);

        TrainingResult result = Trainer.train(BuiltinDatasets.load("breast-cancer"), demo, 0, TrainingProgress.NONE);

        assertEquals(114, result.testRows().size());
        assertTrue(result.testAccuracy() >= 0.93, "test accuracy " + result.testAccuracy());
    }

    @Test
    void initialWeightsHaveTheHeOrXavierVariance() {
        double[][] he = Trainer.initialWeights(200, 300, true, new SplittableRandom(1));
        double[][] xavier = Trainer.initialWeights(200, 300, false, new SplittableRandom(1));

        // 60 000 draws: the sample variance is within a few percent of 2/200 and 2/(200 + 300).
        assertEquals(2.0 / 200, variance(he), 0.05 * 2.0 / 200);
        assertEquals(2.0 / 500, variance(xavier), 0.05 * 2.0 / 500);
        assertEquals(200, he.length);
        assertEquals(300, he[0].length);
    }

    @Test
    void initialWeightsDependOnlyOnTheRandomStream() {
        assertTrue(Arrays.deepEquals(Trainer.initialWeights(3, 4, true, new SplittableRandom(5)),
                Trainer.initialWeights(3, 4, true, new SplittableRandom(5))));
    }

    private static double variance(double[][] w) {
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (double[] row : w) {
            for (double v : row) {
                sum += v;
                squares += v * v;
                n++;
            }
        }
        double mean = sum / n;
        return squares / n - mean * mean;
    }

    /** Accuracy of the plain-Java forward pass on raw rows, with the trainer's decision rule. */
    private static double accuracy(Mlp mlp, Dataset data, List<Integer> rows, boolean sigmoid) {
        int[] labels = data.labels();
        int correct = 0;
        for (int r : rows) {
            double[] out = SmallModels.output(mlp, data.features().row(r));
            int predicted = 0;
            if (sigmoid) {
                predicted = out[0] >= 0.5 ? 1 : 0;
            } else {
                for (int i = 1; i < out.length; i++) {
                    if (out[i] > out[predicted]) {
                        predicted = i;
                    }
                }
            }
            if (predicted == labels[r]) {
                correct++;
            }
        }
        return (double) correct / rows.size();
    }

    private static Dataset firstTwoClasses(Dataset data) {
        int[] labels = data.labels();
        List<double[]> rows = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int r = 0; r < data.rows(); r++) {
            if (labels[r] < 2) {
                rows.add(data.features().row(r));
                kept.add(labels[r]);
            }
        }
        return new Dataset("iris-2", data.featureNames(), Matrix.of(rows.toArray(new double[0][])), data.labelName(),
                data.classNames().subList(0, 2), kept.stream().mapToInt(Integer::intValue).toArray(), "0");
    }

    private static List<Integer> sorted(List<Integer> rows) {
        return rows.stream().sorted().toList();
    }
}
