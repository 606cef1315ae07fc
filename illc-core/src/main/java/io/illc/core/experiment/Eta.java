package io.illc.core.experiment;

import io.illc.core.experiment.ExperimentGrid.Cell;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Estimates the time left of a grid from the cells computed so far. Cells differ in cost by orders
 * of magnitude (5 × 100 against 20 × 500), so each cell is weighted by {@code depth × width²}, the
 * order of its hidden weights, which training, clustering and merging all grow with; the time per
 * unit of weight measured on computed cells (reloaded cells do not count) extrapolates to the
 * cells still to do. Not thread-safe.
 */
final class Eta {
    private double doneWeight;
    private long doneNanos;

    /** The weight of a cell: {@code depth × width²}. */
    static double weight(Cell cell) {
        return (double) cell.depth() * cell.width() * cell.width();
    }

    /** Records a cell computed in {@code nanos}. */
    void computed(Cell cell, long nanos) {
        doneWeight += weight(cell);
        doneNanos += nanos;
    }

    /** The estimate for {@code remaining}; empty before any cell was computed. */
    Optional<Duration> remaining(List<Cell> remaining) {
        if (doneWeight == 0) {
            return Optional.empty();
        }
        double weight = remaining.stream().mapToDouble(Eta::weight).sum();
        return Optional.of(Duration.ofNanos(Math.round(doneNanos / doneWeight * weight)));
    }
}
