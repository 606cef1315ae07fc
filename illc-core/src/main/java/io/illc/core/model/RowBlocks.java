package io.illc.core.model;

/**
 * Consecutive blocks of {@link Trainer#BLOCK_ROWS} rows of {@link TrainingRows}, front to back: how
 * every scan over all rows (the scaler, the accuracies) reads them.
 */
final class RowBlocks {
    final double[] values;
    final int[] labels;
    private final TrainingRows source;
    int first;
    int rows;

    RowBlocks(TrainingRows source) {
        this.source = source;
        int size = Math.min(Trainer.BLOCK_ROWS, Math.max(1, source.count()));
        this.values = new double[size * source.features()];
        this.labels = new int[size];
    }

    /** Reads the next block into {@link #values} and {@link #labels}; false after the last row. */
    boolean next() {
        first += rows;
        rows = Math.min(labels.length, source.count() - first);
        if (rows <= 0) {
            return false;
        }
        source.readRange(first, rows, values, labels);
        return true;
    }
}
