package io.illc.experiments;

import io.illc.experiments.Measure.Direction;

import java.util.Locale;

/**
 * The descriptive statistics of the report: mean and sample standard deviation over training seeds
 * and the better of global and illc by the means (the Table 2 analogue's bold). The paired
 * comparisons against SpArX are {@link RatioStatistics}. Pure functions.
 */
public final class Statistics {
    private Statistics() {
    }

    /** Which method is better on a measure. */
    public enum Winner { ILLC, GLOBAL, TIE, UNRANKED }

    /** The arithmetic mean; NaN for no values. */
    public static double mean(double[] x) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** The sample standard deviation {@code sqrt(Σ (x − mean)² / (n − 1))}; NaN for fewer than two values. */
    public static double sampleStd(double[] x) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1));
    }

    /** The better of two values (exact equality is a tie); UNRANKED without a direction or with NaN. */
    public static Winner winner(Direction direction, double global, double illc) {
        if (direction == Direction.NONE || Double.isNaN(global) || Double.isNaN(illc)) {
            return Winner.UNRANKED;
        }
        if (global == illc) {
            return Winner.TIE;
        }
        boolean illcLower = illc < global;
        return illcLower == (direction == Direction.LOWER_IS_BETTER) ? Winner.ILLC : Winner.GLOBAL;
    }

    // ---- formatting for the report ----

    /** Four significant digits ({@code 0.9561}, {@code 1.234e-05}); "n/a" for NaN. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** {@code mean ± sample std}, or {@code mean (n=1)} for a single value. */
    public static String meanStd(double[] x) {
        if (x.length == 1) {
            return number(x[0]) + " (n=1)";
        }
        double std = sampleStd(x);
        return number(mean(x)) + " ± " + (std == 0 ? "0" : Double.isNaN(std) ? "n/a" : String.format(Locale.ROOT, "%.2g", std));
    }
}
