package io.illc.core.pipeline;

import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.core.linalg.Nd;

import java.util.List;

/**
 * The split stage: sets a seeded share of the rows aside for scoring only and runs the original
 * network forward over both parts once, for every later stage to share. Stateless and thread-safe.
 */
public final class SplitStage {
    /**
     * @param holdout the share of rows held out, in [0, 1); 0 fits and scores on every row
     * @throws io.illc.core.SettingException ({@link io.illc.core.Setting#HOLDOUT}) when either part would be empty
     */
    public FittingRows split(Mlp original, Rows rows, double holdout, long seed) {
        return split(original, rows, holdout, seed, 1);
    }

    /**
     * {@link #split(Mlp, Rows, double, long)} with the forward pass on up to {@code threads} threads
     * ({@link Nd#forwardAll(Matrix, List, int)}: the same bits for any count).
     */
    public FittingRows split(Mlp original, Rows rows, double holdout, long seed, int threads) {
        RowSplit split = RowSplit.of(rows.count(), holdout, seed);
        if (!split.holdout()) {
            Matrix all = rows.all();
            List<Matrix> activations = Nd.forwardAll(all, original.layers(), threads);
            return new FittingRows(split, all, all, activations, activations);
        }
        Matrix fit = rows.select(split.fit()).all();
        Matrix score = rows.select(split.score()).all();
        return new FittingRows(split, fit, score, Nd.forwardAll(fit, original.layers(), threads),
                Nd.forwardAll(score, original.layers(), threads));
    }
}
