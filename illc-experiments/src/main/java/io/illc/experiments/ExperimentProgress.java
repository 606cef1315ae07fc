package io.illc.experiments;

import io.illc.experiments.ExperimentGrid.Cell;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an experiment reports its progress. Cells run in parallel, so the calls come from the worker
 * threads, one call at a time ({@link #serial}); the messages of different cells may interleave.
 * Every method does nothing by default; the CLI prints a line per finished cell with the estimated
 * time left.
 */
public interface ExperimentProgress {
    /** Reports nothing. */
    ExperimentProgress SILENT = new ExperimentProgress() {
    };

    /**
     * A cell has finished, computed or reloaded.
     *
     * @param index     1-based position of the cell in {@link ExperimentGrid#cells()}
     * @param done      how many cells have finished in this run, this one included (cells finish in any
     *                  order when they run in parallel)
     * @param total     number of cells in the grid
     * @param cell      the cell
     * @param reused    true when its results were reloaded from an earlier run
     * @param trained   true when its model was trained in this run (false: from the cache, or reused)
     * @param cellTime  wall time spent on this cell in this run
     * @param elapsed   wall time since the run started
     * @param remaining the estimated time left, once at least one cell has been computed in this run
     */
    record CellUpdate(int index, int done, int total, Cell cell, boolean reused, boolean trained, Duration cellTime,
                      Duration elapsed, Optional<Duration> remaining) {
        public CellUpdate {
            Objects.requireNonNull(cell, "cell");
            Objects.requireNonNull(cellTime, "cellTime");
            Objects.requireNonNull(elapsed, "elapsed");
            Objects.requireNonNull(remaining, "remaining");
        }
    }

    /** Cell {@code index} of {@code total} (1-based) starts. */
    default void cellStarted(int index, int total, Cell cell) {
    }

    /** A stage within the cell starts ("training", "compressing: illc, kmeans, average, shrink 0.8"). */
    default void stage(String message) {
    }

    /** A training epoch of the cell's model is done. */
    default void epoch(int epoch, int epochs, double loss) {
    }

    /** Something the user should see once (a damaged cell file that is recomputed). */
    default void note(String message) {
    }

    /** A cell is done. */
    default void cellFinished(CellUpdate update) {
    }

    /** {@code progress} called one call at a time, whichever thread calls. */
    static ExperimentProgress serial(ExperimentProgress progress) {
        Object lock = new Object();
        return new ExperimentProgress() {
            @Override
            public void cellStarted(int index, int total, Cell cell) {
                synchronized (lock) {
                    progress.cellStarted(index, total, cell);
                }
            }

            @Override
            public void stage(String message) {
                synchronized (lock) {
                    progress.stage(message);
                }
            }

            @Override
            public void epoch(int epoch, int epochs, double loss) {
                synchronized (lock) {
                    progress.epoch(epoch, epochs, loss);
                }
            }

            @Override
            public void note(String message) {
                synchronized (lock) {
                    progress.note(message);
                }
            }

            @Override
            public void cellFinished(CellUpdate update) {
                synchronized (lock) {
                    progress.cellFinished(update);
                }
            }
        };
    }
}
