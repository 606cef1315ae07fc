package io.illc.experiments;

import io.illc.experiments.Measure.Direction;
import org.apache.commons.math3.stat.inference.AlternativeHypothesis;
import org.apache.commons.math3.stat.inference.BinomialTest;

import java.util.Locale;

/**
 * The statistics of the report: mean and sample standard deviation over training seeds, the
 * better of global and illc, and the paired comparison of the two over seeds. Pure functions.
 */
public final class Statistics {
    private Statistics() {
    }

    /** Which method is better on a measure. */
    public enum Winner { ILLC, GLOBAL, TIE, UNRANKED }

    /**
     * The paired comparison of one cell over its training seeds.
     *
     * @param n                  pairs with both values defined (not NaN)
     * @param illcWins           pairs where illc is strictly better
     * @param globalWins         pairs where global is strictly better
     * @param meanRelativeChange mean of {@code (global − illc) / global} over the defined pairs
     *                           with {@code global ≠ 0}; NaN when there is none
     * @param relativeCount      how many pairs that mean is over
     */
    public record Paired(int n, int illcWins, int globalWins, double meanRelativeChange, int relativeCount) {
        public int ties() {
            return n - illcWins - globalWins;
        }
    }

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

    /** {@code (global − illc) / global}: positive when illc is lower; NaN when global is 0 or either is NaN. */
    public static double relativeChange(double global, double illc) {
        if (global == 0 || Double.isNaN(global) || Double.isNaN(illc)) {
            return Double.NaN;
        }
        return (global - illc) / global;
    }

    /**
     * Compares seed by seed: {@code global[i]} and {@code illc[i]} come from the same trained model.
     * Without a direction no pair is won, and the relative change is still reported.
     */
    public static Paired paired(Direction direction, double[] global, double[] illc) {
        if (global.length != illc.length) {
            throw new IllegalArgumentException(global.length + " global values but " + illc.length + " illc values");
        }
        int n = 0;
        int illcWins = 0;
        int globalWins = 0;
        double relativeSum = 0;
        int relativeCount = 0;
        for (int i = 0; i < global.length; i++) {
            if (Double.isNaN(global[i]) || Double.isNaN(illc[i])) {
                continue;
            }
            n++;
            Winner w = winner(direction, global[i], illc[i]);
            if (w == Winner.ILLC) {
                illcWins++;
            } else if (w == Winner.GLOBAL) {
                globalWins++;
            }
            double r = relativeChange(global[i], illc[i]);
            if (!Double.isNaN(r)) {
                relativeSum += r;
                relativeCount++;
            }
        }
        return new Paired(n, illcWins, globalWins, relativeCount == 0 ? Double.NaN : relativeSum / relativeCount, relativeCount);
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

    /** A fraction as a signed percentage with one decimal, {@code +3.2 %}; "n/a" for NaN. */
    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%+.1f %%", 100 * fraction);
    }

    /** Below this p-value of the sign test the report says the paired runs favour a method. */
    static final double SIGNIFICANCE = 0.05;

    /**
     * What {@code illcWins} against {@code globalWins} paired runs (ties left out) support, with the
     * exact two-sided sign test (Commons Math's binomial test at p = 1/2): a method is called
     * better only when p &lt; {@value #SIGNIFICANCE}; otherwise the sentence says the runs do not
     * show a difference, naming how few runs and seeds there were.
     */
    static String signTestVerdict(int illcWins, int globalWins, int seeds) {
        return signTestVerdict(illcWins, globalWins, seeds + " training seed" + (seeds == 1 ? "" : "s"));
    }

    /**
     * As {@link #signTestVerdict(int, int, int)}, with what the runs were drawn from said by the
     * caller ({@code "3 training seeds"}, {@code "2 loaded models"}).
     */
    static String signTestVerdict(int illcWins, int globalWins, String drawnFrom) {
        int n = illcWins + globalWins;
        String runs = n + " paired run" + (n == 1 ? "" : "s") + " that differ, " + drawnFrom;
        if (n == 0) {
            return "No paired run differs (" + drawnFrom + "): nothing to compare.";
        }
        // Capped at 1: Commons Math 3.6.1 adds the central term to both tails when the wins split evenly.
        double p = Math.min(1, new BinomialTest().binomialTest(n, illcWins, 0.5, AlternativeHypothesis.TWO_SIDED));
        String test = String.format(Locale.ROOT, "two-sided sign test p = %.3g", p);
        if (p >= SIGNIFICANCE) {
            return "With " + runs + ", the runs do not show either method better (" + test + ").";
        }
        return "With " + runs + ", the runs favour " + (illcWins > globalWins ? "ILLC" : "global") + " (" + test + ").";
    }
}
