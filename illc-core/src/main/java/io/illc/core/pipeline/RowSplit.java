package io.illc.core.pipeline;

import io.illc.core.Setting;
import io.illc.core.SettingException;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which rows the compression is fitted on and which it is scored on. With {@code "rows": "all"}
 * both are every row; with a holdout, a seeded permutation sets aside a share of the rows for
 * scoring only.
 *
 * @param fit   row indices used for clustering and merging, ascending
 * @param score row indices the metrics are computed on, ascending
 */
public record RowSplit(int[] fit, int[] score) {
    /** Salt so the holdout permutation does not share a stream with the training split. */
    private static final long HOLDOUT_SALT = 0x686F6C646F75744CL;

    public RowSplit {
        fit = fit.clone();
        score = score.clone();
    }

    /** True when some rows are held out for scoring (fit and score rows differ). */
    public boolean holdout() {
        return !java.util.Arrays.equals(fit, score);
    }

    @Override
    public int[] fit() {
        return fit.clone();
    }

    @Override
    public int[] score() {
        return score.clone();
    }

    /**
     * @param rows    N
     * @param holdout share of rows held out, in [0, 1); 0 = fit and score on all rows
     * @param seed    the run seed
     */
    public static RowSplit of(int rows, double holdout, long seed) {
        int[] all = new int[rows];
        Arrays.setAll(all, i -> i);
        if (holdout == 0) {
            return new RowSplit(all, all);
        }
        int[] permutation = all.clone();
        SplittableRandom random = new SplittableRandom(seed ^ HOLDOUT_SALT);
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
        int held = (int) Math.round(holdout * rows);
        if (held < 1 || held >= rows) {
            throw new SettingException(Setting.HOLDOUT, holdout + " of " + rows
                    + " rows leaves " + held + " held-out and " + (rows - held) + " fitting rows; both need at least one");
        }
        int[] score = Arrays.copyOfRange(permutation, 0, held);
        int[] fit = Arrays.copyOfRange(permutation, held, rows);
        Arrays.sort(score);
        Arrays.sort(fit);
        return new RowSplit(fit, score);
    }
}
