package io.illc.experiments;

import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Paired statistics of a method against a baseline over models: {@code x[i]} and {@code base[i]}
 * measure the same model (one trained network, one budget). Pure functions; a pair with a NaN on
 * either side is left out of everything.
 *
 * <p>Per-model ratios are never averaged arithmetically: a baseline near zero would blow one ratio
 * up and the mean with it. The two summaries are the <em>ratio of means</em>
 * {@code mean(x) / mean(base)} (pooled: large values weigh more) and the <em>geometric mean of
 * per-model ratios</em> {@code exp(mean(ln(x_i / base_i)))} (every model weighs the same; a factor
 * of 2 better and 2 worse cancel).
 */
public final class RatioStatistics {
    /** Bootstrap resamples B of {@link #bootstrap}. */
    public static final int BOOTSTRAP_RESAMPLES = 10_000;
    /** The two-sided confidence level of {@link #bootstrap}. */
    public static final double CONFIDENCE = 0.95;
    /**
     * Up to this many differing pairs the Wilcoxon p-value is exact (Commons Math enumerates all
     * 2^n sign patterns: at 20 that is a million, milliseconds); above it, the normal approximation.
     */
    public static final int WILCOXON_EXACT_LIMIT = 20;

    private RatioStatistics() {
    }

    /** A statistic of paired samples of equal length, e.g. {@link #ratioOfMeans}. */
    @FunctionalInterface
    public interface PairStatistic {
        double of(double[] x, double[] base);
    }

    /** A confidence interval {@code [low, high]}; both NaN when it is undefined. */
    public record Interval(double low, double high) {
        public boolean contains(double v) {
            return low <= v && v <= high;
        }
    }

    /**
     * The paired Wilcoxon signed-rank test of x against base, two-sided.
     *
     * @param n     pairs that differ (pairs with {@code x == base} are dropped first, Wilcoxon's own convention)
     * @param p     the p-value; NaN when no pair differs
     * @param exact true for the exact distribution (n ≤ {@value #WILCOXON_EXACT_LIMIT}), false for the
     *              normal approximation with continuity correction
     */
    public record Wilcoxon(int n, double p, boolean exact) {
    }

    /** {@code mean(x) / mean(base)} over the defined pairs; NaN without a pair or when mean(base) is 0. */
    public static double ratioOfMeans(double[] x, double[] base) {
        double[][] pairs = defined(x, base);
        double sx = 0;
        double sb = 0;
        for (int i = 0; i < pairs[0].length; i++) {
            sx += pairs[0][i];
            sb += pairs[1][i];
        }
        return pairs[0].length == 0 || sb == 0 ? Double.NaN : sx / sb;
    }

    /**
     * {@code exp(mean(ln(x_i / base_i)))} over the pairs where both are positive (a ratio with a zero
     * has no logarithm: {@link #positivePairs} says how many count); NaN when there is none.
     */
    public static double geometricMeanRatio(double[] x, double[] base) {
        double[][] pairs = defined(x, base);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < pairs[0].length; i++) {
            if (pairs[0][i] > 0 && pairs[1][i] > 0) {
                sum += Math.log(pairs[0][i] / pairs[1][i]);
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.exp(sum / n);
    }

    /** How many pairs {@link #geometricMeanRatio} is over: both values defined and positive. */
    public static int positivePairs(double[] x, double[] base) {
        double[][] pairs = defined(x, base);
        int n = 0;
        for (int i = 0; i < pairs[0].length; i++) {
            n += pairs[0][i] > 0 && pairs[1][i] > 0 ? 1 : 0;
        }
        return n;
    }

    /**
     * The percentile bootstrap {@value #CONFIDENCE} interval of a paired statistic: {@code resamples}
     * times, n pairs are drawn with replacement (the pair keeps x and base together) from
     * {@code SplittableRandom(seed)} and the statistic computed; of the B values that are defined,
     * sorted, the interval is the {@code ⌈0.025·B⌉}-th to the {@code ⌈0.975·B⌉}-th (nearest rank).
     * The same inputs, resamples and seed give the same interval.
     *
     * @return the interval; both ends NaN without a defined pair or a defined resampled statistic
     */
    public static Interval bootstrap(double[] x, double[] base, PairStatistic statistic, int resamples, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
        }
        double[][] pairs = defined(x, base);
        int n = pairs[0].length;
        if (n == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[resamples];
        int defined = 0;
        double[] xs = new double[n];
        double[] bs = new double[n];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                int j = random.nextInt(n);
                xs[i] = pairs[0][j];
                bs[i] = pairs[1][j];
            }
            double v = statistic.of(xs, bs);
            if (!Double.isNaN(v)) {
                values[defined++] = v;
            }
        }
        if (defined == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        double[] sorted = Arrays.copyOf(values, defined);
        Arrays.sort(sorted);
        double tail = (1 - CONFIDENCE) / 2;
        return new Interval(sorted[nearestRank(tail, defined)], sorted[nearestRank(1 - tail, defined)]);
    }

    /** The 0-based index of the {@code ⌈q·m⌉}-th smallest of m values (at least the first). */
    private static int nearestRank(double q, int m) {
        // The small epsilon keeps q·m that is an integer in exact arithmetic (0.975·40 = 39) from rounding up.
        return Math.max(0, (int) Math.ceil(q * m - 1e-9) - 1);
    }

    /**
     * Commons Math's two-sided Wilcoxon signed-rank test of x against base, on the defined pairs that
     * differ: exact up to {@value #WILCOXON_EXACT_LIMIT} such pairs, the normal approximation above.
     */
    public static Wilcoxon wilcoxon(double[] x, double[] base) {
        double[][] pairs = defined(x, base);
        int n = 0;
        for (int i = 0; i < pairs[0].length; i++) {
            n += pairs[0][i] != pairs[1][i] ? 1 : 0;
        }
        if (n == 0) {
            return new Wilcoxon(0, Double.NaN, false);
        }
        double[] xs = new double[n];
        double[] bs = new double[n];
        int k = 0;
        for (int i = 0; i < pairs[0].length; i++) {
            if (pairs[0][i] != pairs[1][i]) {
                xs[k] = pairs[0][i];
                bs[k++] = pairs[1][i];
            }
        }
        boolean exact = n <= WILCOXON_EXACT_LIMIT;
        // Capped at 1: the exact two-sided p doubles a tail that can hold the centre.
        double p = Math.min(1, new WilcoxonSignedRankTest().wilcoxonSignedRankTest(xs, bs, exact));
        return new Wilcoxon(n, p, exact);
    }

    /** Wins and losses of x against base when lower is better. */
    public record WinsLosses(int wins, int losses, int ties) {
    }

    /** Over the defined pairs: x lower (a win), higher (a loss) or equal. */
    public static WinsLosses lowerWins(double[] x, double[] base) {
        double[][] pairs = defined(x, base);
        int wins = 0;
        int losses = 0;
        for (int i = 0; i < pairs[0].length; i++) {
            wins += pairs[0][i] < pairs[1][i] ? 1 : 0;
            losses += pairs[0][i] > pairs[1][i] ? 1 : 0;
        }
        return new WinsLosses(wins, losses, pairs[0].length - wins - losses);
    }

    /** The pairs with neither side NaN: {@code [x values, base values]}. */
    private static double[][] defined(double[] x, double[] base) {
        if (x.length != base.length) {
            throw new IllegalArgumentException(x.length + " values but " + base.length + " baseline values");
        }
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            n += Double.isNaN(x[i]) || Double.isNaN(base[i]) ? 0 : 1;
        }
        double[][] out = new double[2][n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(base[i])) {
                out[0][k] = x[i];
                out[1][k++] = base[i];
            }
        }
        return out;
    }
}
