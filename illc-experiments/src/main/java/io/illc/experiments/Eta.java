package io.illc.experiments;

import io.illc.experiments.ExperimentGrid.Cell;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Estimates the time left of a grid from the cells computed so far. Cells differ in cost by orders
 * of magnitude (5 × 100 against 20 × 500), so each cell is weighted by
 * {@code depth × (width² + }{@value #LAYER_OVERHEAD}{@code )}: training, clustering and merging grow
 * with the hidden weights ({@code width²} per layer), plus a fixed cost per layer and mini-batch
 * that, measured on breast-cancer with DL4J (5 × 100: 2.5 s per layer, 20 × 500: 13.6 s per layer),
 * is about that of 200² weights. The time per unit of weight measured on computed cells (reloaded
 * cells do not count) extrapolates to the cells still to do, divided by the cells that run at once.
 * Not thread-safe.
 */
final class Eta {
    /** The per-layer cost that does not grow with the width, in units of weights. */
    static final double LAYER_OVERHEAD = 200.0 * 200.0;

    private final int threads;
    private double doneWeight;
    private long doneNanos;

    /** @param threads how many cells run at once, ≥ 1 */
    Eta(int threads) {
        this.threads = threads;
    }

    /** The weight of a cell: {@code depth × (width² + LAYER_OVERHEAD)}. */
    static double weight(Cell cell) {
        return cell.depth() * ((double) cell.width() * cell.width() + LAYER_OVERHEAD);
    }

    /** Records a cell computed in {@code nanos}. */
    void computed(Cell cell, long nanos) {
        doneWeight += weight(cell);
        doneNanos += nanos;
    }

    /**
     * The estimate for {@code remaining} (each cell's time as measured per weight, over the threads);
     * empty before any cell was computed and when no cell is left (no "about 0.0 s left" after the last).
     */
    Optional<Duration> remaining(List<Cell> remaining) {
        if (doneWeight == 0 || remaining.isEmpty()) {
            return Optional.empty();
        }
        double weight = remaining.stream().mapToDouble(Eta::weight).sum();
        // The cells left share the threads; fewer cells than threads leave some idle.
        int parallel = Math.max(1, Math.min(threads, remaining.size()));
        return Optional.of(Duration.ofNanos(Math.round(doneNanos / doneWeight * weight / parallel)));
    }
}
