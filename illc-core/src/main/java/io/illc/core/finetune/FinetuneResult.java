package io.illc.core.finetune;

import io.illc.api.Mlp;

import java.util.Objects;

/**
 * A fine-tuned network and how its training went.
 *
 * @param network          the compressed network with the weights of the best validation epoch; the
 *                         same shape and activations as the network it started from
 * @param trainingRows     indices (into the fitting rows) of the rows the weights were trained on, ascending
 * @param validationRows   indices of the rows the epoch to keep was chosen on, ascending
 * @param trainingLosses   the loss {@code io + λ · structural} on the training rows before training
 *                         (index 0) and after each epoch run (index e)
 * @param validationLosses the loss {@code io + λ · structural} on the validation rows before training
 *                         (index 0) and after each epoch run (index e)
 * @param bestEpoch        the epoch whose weights were kept (0: the weights it started with)
 * @param seconds          wall time of the training
 */
public record FinetuneResult(Mlp network, int[] trainingRows, int[] validationRows, double[] trainingLosses,
                             double[] validationLosses, int bestEpoch, double seconds) {
    public FinetuneResult {
        Objects.requireNonNull(network, "network");
        trainingRows = trainingRows.clone();
        validationRows = validationRows.clone();
        trainingLosses = trainingLosses.clone();
        validationLosses = validationLosses.clone();
        if (trainingLosses.length != validationLosses.length) {
            throw new IllegalArgumentException(trainingLosses.length + " training but " + validationLosses.length
                    + " validation losses");
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
}
