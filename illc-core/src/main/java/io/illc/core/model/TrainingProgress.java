package io.illc.core.model;

/**
 * Told after every training epoch, on the training thread (the CLI prints a progress line).
 */
@FunctionalInterface
public interface TrainingProgress {
    /** Reports nothing. */
    TrainingProgress NONE = (epoch, epochs, loss) -> {
    };

    /**
     * @param epoch  the epoch just finished, 1-based
     * @param epochs the number of epochs of the run
     * @param loss   the mean loss per training row over this epoch's mini-batches (each batch's
     *               loss as measured while it was fitted)
     */
    void epoch(int epoch, int epochs, double loss);
}
