package io.illc.core.pipeline;

import io.illc.api.Matrix;

import java.util.List;
import java.util.Objects;

/**
 * The rows a compression is fitted on and the rows it is scored on, with the original network's
 * outputs of every layer over each. Without a holdout both are every row (the same objects).
 *
 * @param split            which data rows are which
 * @param fit              the fitting rows, {@code [N_fit, m]}
 * @param score            the scoring rows, {@code [N_score, m]}
 * @param fitActivations   layers 1..d+1 of the original network over {@code fit}, {@code [N_fit, n_l]} each
 * @param scoreActivations the same over {@code score}
 */
public record FittingRows(RowSplit split, Matrix fit, Matrix score, List<Matrix> fitActivations,
                          List<Matrix> scoreActivations) {
    public FittingRows {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(fit, "fit");
        Objects.requireNonNull(score, "score");
        fitActivations = List.copyOf(fitActivations);
        scoreActivations = List.copyOf(scoreActivations);
    }

    /** True when some rows are held out of the fitting and only scored on. */
    public boolean holdout() {
        return split.holdout();
    }
}
