package io.illc.core.local;

import java.util.Arrays;
import java.util.List;

/**
 * The effective neighbourhood sizes {@code (Σπ)² / Σπ²} of a run's explained rows, summarised for
 * stderr and {@code provenance.json}. Stateless.
 */
public final class LocalEffectiveSizes {
    /**
     * Below this effective size the explained row carries almost all the weight: with the paper's
     * width 0.1·√m a breast-cancer row's neighbourhood is about 1.0 rows, so local io-unfaithfulness
     * measures the row alone.
     */
    public static final double FEW = 2.0;

    private LocalEffectiveSizes() {
    }

    /** Every row's effective size, ascending; empty for no rows. */
    public static double[] of(List<ExplainedRow> rows) {
        double[] sizes = rows.stream().mapToDouble(r -> r.explanation().effectiveSize()).toArray();
        Arrays.sort(sizes);
        return sizes;
    }

    /** The median of ascending {@code sizes} (the mean of the middle two for an even count); needs one size. */
    public static double median(double[] sizes) {
        int n = sizes.length;
        return n % 2 == 1 ? sizes[n / 2] : (sizes[n / 2 - 1] + sizes[n / 2]) / 2;
    }

    /** {@code "min a, median b, max c over n rows"} of ascending sizes, 3 significant digits. */
    public static String describe(double[] sizes) {
        return String.format(java.util.Locale.ROOT, "min %.3g, median %.3g, max %.3g over %d row%s", sizes[0],
                median(sizes), sizes[sizes.length - 1], sizes.length, sizes.length == 1 ? "" : "s");
    }
}
