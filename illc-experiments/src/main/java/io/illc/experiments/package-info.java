/**
 * Experiments: a grid of trained models (hidden layers × neurons × training seeds), or existing models
 * loaded from files ({@code "model": {"load": [...]}}, one cell each), each compressed
 * with every method × clustering × aggregation × shrink of the grid and measured with every chosen
 * global metric, to reproduce the comparison of the ILLC paper (Table 1, Figure 2) and to run
 * comparisons of one's own.
 *
 * <p>{@link io.illc.experiments.ExperimentSpecParser} reads an experiment spec ({@code
 * docs/experiments.md}); {@link io.illc.experiments.ExperimentSpecs} holds the built-in paper
 * and quick grids; {@link io.illc.experiments.ExperimentRunner} runs a spec into an output
 * folder that is written cell by cell and can be resumed; {@link io.illc.experiments.ResultsCsv},
 * {@link io.illc.experiments.ExperimentReport} and {@link io.illc.experiments.ExperimentFigures}
 * turn the cells into {@code results.csv}, {@code report.md} and PNG figures, with the statistics of
 * {@link io.illc.experiments.Statistics}.
 */
package io.illc.experiments;
