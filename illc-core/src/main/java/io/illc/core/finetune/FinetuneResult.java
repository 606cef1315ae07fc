package io.illc.core.finetune;

import io.illc.api.Mlp;
import io.illc.core.spec.FinetuneSpec;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A fine-tuned network and how its training went.
 *
 * @param network          the compressed network with the weights of the best validation epoch; the
 *                         same shape and activations as the network it started from
 * @param fittingRows      N, the number of fitting rows it was given
 * @param trainingRows     the rows the weights were trained on, ascending: indices below N are fitting
 *                         rows, indices from N on are transfer rows
 * @param validationRows   the rows the epoch to keep was chosen on, ascending, indexed alike
 * @param trainingLosses   the loss {@code io + λ · structural} on the training rows before training
 *                         (index 0) and after each epoch run (index e)
 * @param validationLosses the loss {@code io + λ · structural} on the validation rows before training
 *                         (index 0) and after each epoch run (index e)
 * @param bestEpoch        the epoch whose weights were kept (0: the weights it started with)
 * @param learningRate     the step size of the training whose losses these are: the one asked for, or
 *                         a tenth or a hundredth of it when the trainings before kept nothing
 * @param attempts         the trainings run, 1 to 3 (each from the starting weights)
 * @param outputLoss       the output term the training descended (squared when cross-entropy was asked
 *                         for an output layer that is neither softmax nor sigmoid)
 * @param seconds          wall time of all of them
 */
public record FinetuneResult(Mlp network, int fittingRows, int[] trainingRows, int[] validationRows,
                             double[] trainingLosses, double[] validationLosses, int bestEpoch, double learningRate,
                             int attempts, FinetuneSpec.OutputLoss outputLoss, double seconds) {
    public FinetuneResult {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(outputLoss, "outputLoss");
        trainingRows = trainingRows.clone();
        validationRows = validationRows.clone();
        trainingLosses = trainingLosses.clone();
        validationLosses = validationLosses.clone();
        if (trainingLosses.length != validationLosses.length) {
            throw new IllegalArgumentException(trainingLosses.length + " training but " + validationLosses.length
                    + " validation losses");
        }
        if (fittingRows < 1) {
            throw new IllegalArgumentException("fitting rows must be ≥ 1, got " + fittingRows);
        }
        if (!(learningRate > 0) || attempts < 1) {
            throw new IllegalArgumentException("a training has a positive step size and at least one attempt, got "
                    + learningRate + " and " + attempts);
        }
        if (bestEpoch < 0 || bestEpoch >= validationLosses.length) {
            throw new IllegalArgumentException("best epoch " + bestEpoch + " of " + (validationLosses.length - 1));
        }
    }

    @Override
    public int[] trainingRows() {
        return trainingRows.clone();
    }

    @Override
    public int[] validationRows() {
        return validationRows.clone();
    }

    @Override
    public double[] trainingLosses() {
        return trainingLosses.clone();
    }

    @Override
    public double[] validationLosses() {
        return validationLosses.clone();
    }

    /** The epochs actually run (fewer than asked when stopped early). */
    public int epochsRun() {
        return validationLosses.length - 1;
    }

    /** The validation loss before training. */
    public double initialValidationLoss() {
        return validationLosses[0];
    }

    /** The validation loss of the weights kept, the lowest of all epochs. */
    public double bestValidationLoss() {
        return validationLosses[bestEpoch];
    }

    /** The training loss before training. */
    public double initialTrainingLoss() {
        return trainingLosses[0];
    }

    /** The training loss of the weights kept. */
    public double bestTrainingLoss() {
        return trainingLosses[bestEpoch];
    }

    /** The number of transfer rows, training and validation together. */
    public int transferRows() {
        return (int) (Arrays.stream(trainingRows).filter(i -> i >= fittingRows).count()
                + Arrays.stream(validationRows).filter(i -> i >= fittingRows).count());
    }

    /** True when no epoch lowered the validation loss, so the network returned is the one it was given. */
    public boolean keptStartingWeights() {
        return bestEpoch == 0;
    }

    /**
     * What a user must not miss: a fine-tuning that kept the starting weights, with what it tried.
     * Empty when an epoch lowered the validation loss.
     */
    public Optional<String> warning() {
        if (!keptStartingWeights()) {
            return Optional.empty();
        }
        double lowest = Arrays.stream(validationLosses, 1, validationLosses.length).min().orElse(Double.NaN);
        return Optional.of(String.format(Locale.ROOT, "fine-tuning kept the starting weights: %sin %d epochs the"
                + " validation loss never fell below its start %.4g (lowest %.4g; training loss %.4g -> %.4g)%s",
                attempts == 1 ? "" : attempts + " trainings, the last at step size " + learningRate + ": ", epochsRun(),
                validationLosses[0], lowest, trainingLosses[0], trainingLosses[trainingLosses.length - 1],
                transferRows() == 0 ? "; transfer rows (\"transfer\": {}) usually help" : ""));
    }
}
