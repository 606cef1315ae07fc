package io.illc.experiments;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an experiment run did and measured.
 *
 * @param spec          the spec that ran
 * @param folder        the output folder (absolute)
 * @param cells         every cell of the grid, in {@link ExperimentGrid#cells()} order
 * @param computedCells cells computed in this run
 * @param reusedCells   cells reloaded from an earlier run
 * @param trainedModels models trained in this run
 * @param cachedModels  models of computed cells taken from the folder's model cache
 * @param wallTime      the run's wall time
 * @param summary       the plain-language summary of the report, one line per measure
 */
public record ExperimentResult(ExperimentSpec spec, Path folder, List<CellResult> cells, int computedCells,
                               int reusedCells, int trainedModels, int cachedModels, Duration wallTime,
                               List<String> summary) {
    public ExperimentResult {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(folder, "folder");
        cells = List.copyOf(cells);
        Objects.requireNonNull(wallTime, "wallTime");
        summary = List.copyOf(summary);
    }
}
