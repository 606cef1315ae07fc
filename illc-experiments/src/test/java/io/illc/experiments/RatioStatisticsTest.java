package io.illc.experiments;

import io.illc.experiments.RatioStatistics.Interval;
import io.illc.experiments.RatioStatistics.Wilcoxon;
import io.illc.experiments.RatioStatistics.WinsLosses;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RatioStatisticsTest {
    private static final double EXACT = 1e-12;

    @Test
    void theRatioOfMeansPoolsTheModelsAndLeavesUndefinedPairsOut() {
        // (1 + 3) / (2 + 6) = 0.5; the pair with a NaN does not count on either side.
        assertEquals(0.5, RatioStatistics.ratioOfMeans(new double[]{1, 3, Double.NaN}, new double[]{2, 6, 5}), EXACT);
        assertTrue(Double.isNaN(RatioStatistics.ratioOfMeans(new double[]{1}, new double[]{0})));
        assertTrue(Double.isNaN(RatioStatistics.ratioOfMeans(new double[0], new double[0])));
    }

    @Test
    void aBaselineNearZeroInOneModelDoesNotBlowUpEitherSummary() {
        // Per-model ratios 1 and 1e12: their arithmetic mean would be 5e11. Ratio of means (1 + 1) / (1 + 1e-12) ≈ 2;
        // geometric mean sqrt(1 · 1e12) = 1e6, a factor that a reader can see for what it is.
        double[] x = {1, 1};
        double[] base = {1, 1e-12};

        assertEquals(2, RatioStatistics.ratioOfMeans(x, base), 1e-9);
        assertEquals(1e6, RatioStatistics.geometricMeanRatio(x, base), 1e-3);
    }

    @Test
    void theGeometricMeanOfRatiosCancelsAFactorUpWithTheSameFactorDown() {
        // Ratios 0.5 and 4: exp((ln 0.5 + ln 4) / 2) = sqrt(2); 0.5 and 2 cancel to 1.
        assertEquals(Math.sqrt(2), RatioStatistics.geometricMeanRatio(new double[]{1, 4}, new double[]{2, 1}), EXACT);
        assertEquals(1, RatioStatistics.geometricMeanRatio(new double[]{1, 2}, new double[]{2, 1}), EXACT);
    }

    @Test
    void theGeometricMeanLeavesOutPairsWithAZeroAndSaysHowManyCount() {
        double[] x = {1, 4, 0, 3};
        double[] base = {2, 1, 1, 0};

        assertEquals(Math.sqrt(2), RatioStatistics.geometricMeanRatio(x, base), EXACT);
        assertEquals(2, RatioStatistics.positivePairs(x, base));
        assertTrue(Double.isNaN(RatioStatistics.geometricMeanRatio(new double[]{0}, new double[]{1})));
    }

    @Test
    void theBootstrapIntervalOfTwoPairsIsTheirSmallestAndLargestResampledRatio() {
        // x = {1, 3} over base {1, 1}: a resample's ratio of means is 1 (p = 1/4), 2 (p = 1/2) or 3 (p = 1/4), so the
        // 2.5 % and 97.5 % quantiles of 10 000 resamples are 1 and 3.
        Interval ci = RatioStatistics.bootstrap(new double[]{1, 3}, new double[]{1, 1}, RatioStatistics::ratioOfMeans,
                10_000, 7);

        assertEquals(new Interval(1, 3), ci);
    }

    @Test
    void everyModelWithTheSameRatioGivesAnIntervalOfThatRatioAlone() {
        double[] base = {0.1, 2, 30, 0.004};
        double[] x = Arrays.stream(base).map(b -> 0.25 * b).toArray();

        assertEquals(new Interval(0.25, 0.25), RatioStatistics.bootstrap(x, base, RatioStatistics::ratioOfMeans, 500, 1));
        Interval gm = RatioStatistics.bootstrap(x, base, RatioStatistics::geometricMeanRatio, 500, 1);
        assertEquals(0.25, gm.low(), EXACT);
        assertEquals(0.25, gm.high(), EXACT);
    }

    @Test
    void theBootstrapIntervalIsSeededOrderedAndHoldsThePointEstimateOfATinySample() {
        double[] x = {0.3, 0.5, 0.2, 0.9, 0.4};
        double[] base = {1.0, 0.8, 0.7, 1.5, 0.6};
        double point = RatioStatistics.ratioOfMeans(x, base);

        Interval ci = RatioStatistics.bootstrap(x, base, RatioStatistics::ratioOfMeans, 2_000, 42);

        assertTrue(ci.low() <= ci.high(), ci.toString());
        assertTrue(ci.contains(point), ci + " should hold " + point);
        // A resampled ratio of means lies between the smallest and the largest per-model ratio, 0.2/0.7 and 0.4/0.6.
        assertTrue(ci.low() >= 0.2 / 0.7 && ci.high() <= 0.4 / 0.6, ci.toString());
        assertEquals(ci, RatioStatistics.bootstrap(x, base, RatioStatistics::ratioOfMeans, 2_000, 42));
        assertNotEquals(ci, RatioStatistics.bootstrap(x, base, RatioStatistics::ratioOfMeans, 2_000, 43));
        Interval gm = RatioStatistics.bootstrap(x, base, RatioStatistics::geometricMeanRatio, 2_000, 42);
        assertTrue(gm.contains(RatioStatistics.geometricMeanRatio(x, base)), gm.toString());
    }

    @Test
    void theBootstrapOfNothingIsUndefinedAndNeedsAtLeastOneResample() {
        Interval none = RatioStatistics.bootstrap(new double[0], new double[0], RatioStatistics::ratioOfMeans, 10, 0);

        assertTrue(Double.isNaN(none.low()) && Double.isNaN(none.high()));
        assertThrows(IllegalArgumentException.class,
                () -> RatioStatistics.bootstrap(new double[]{1}, new double[]{1}, RatioStatistics::ratioOfMeans, 0, 0));
    }

    @Test
    void theExactWilcoxonPValueOfFivePairsMatchesTheHandCount() {
        // Differences 1, −2, 3, 4, 5 (ranks 1..5): W+ = 13. Of the 32 equally likely sign patterns, 3 have a positive
        // rank sum ≥ 13 (its complement sums to ≤ 2: {}, {1}, {2}), so the two-sided p = 2 · 3 / 32 = 0.1875.
        // The extra pair with no difference is dropped first.
        Wilcoxon w = RatioStatistics.wilcoxon(new double[]{2, 0, 4, 5, 6, 7}, new double[]{1, 2, 1, 1, 1, 7});

        assertEquals(5, w.n());
        assertTrue(w.exact());
        assertEquals(0.1875, w.p(), EXACT);
    }

    @Test
    void fivePairsAllOneWayHaveTheSmallestExactPValueOfFive() {
        // Only the all-positive pattern reaches W+ = 15: p = 2 / 32 (the table's smallest two-sided p at n = 5).
        Wilcoxon w = RatioStatistics.wilcoxon(new double[]{1, 2, 3, 4, 5}, new double[]{0, 0, 0, 0, 0});

        assertEquals(0.0625, w.p(), EXACT);
    }

    @Test
    void aboveTheExactLimitTheWilcoxonTestUsesTheNormalApproximation() {
        // 31 pairs, all one way: W− = 0, E = 31·32/4 = 248, Var = 248·63/6 = 2604,
        // z = (0 − 248 − 0.5) / √2604 = −4.86974, p = 2 Φ(z) = 1.11744e-6.
        double[] x = new double[31];
        double[] base = new double[31];
        for (int i = 0; i < 31; i++) {
            x[i] = i + 2;
            base[i] = 1;
        }

        Wilcoxon w = RatioStatistics.wilcoxon(x, base);

        assertFalse(w.exact());
        assertEquals(31, w.n());
        assertEquals(1.1174436896598063e-06, w.p(), 1e-12);
    }

    @Test
    void noDifferingPairMeansNoPValue() {
        Wilcoxon w = RatioStatistics.wilcoxon(new double[]{1, 2}, new double[]{1, 2});

        assertEquals(0, w.n());
        assertTrue(Double.isNaN(w.p()));
    }

    @Test
    void winsAreModelsWhereTheMethodIsLower() {
        assertEquals(new WinsLosses(2, 1, 1),
                RatioStatistics.lowerWins(new double[]{1, 2, 5, 3, Double.NaN}, new double[]{2, 3, 4, 3, 1}));
    }
}
