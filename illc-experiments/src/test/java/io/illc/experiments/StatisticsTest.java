package io.illc.experiments;

import io.illc.experiments.Measure.Direction;
import io.illc.experiments.Statistics.Paired;
import io.illc.experiments.Statistics.Winner;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatisticsTest {
    private static final double EXACT = 1e-12;

    @Test
    void meanAndSampleStandardDeviationOfAHandTable() {
        // 1, 2, 6: mean 3; squared deviations 4, 1, 9 sum to 14; 14 / (3 − 1) = 7; sqrt 7.
        double[] x = {1, 2, 6};

        assertEquals(3.0, Statistics.mean(x), EXACT);
        assertEquals(Math.sqrt(7), Statistics.sampleStd(x), EXACT);
    }

    @Test
    void aSingleValueHasNoStandardDeviationAndSaysNEqualsOne() {
        assertTrue(Double.isNaN(Statistics.sampleStd(new double[]{0.5})));
        assertEquals("0.5000 (n=1)", Statistics.meanStd(new double[]{0.5}));
        assertTrue(Double.isNaN(Statistics.mean(new double[0])));
    }

    @Test
    void meanPlusMinusStdIsWrittenWithFourAndTwoSignificantDigits() {
        // mean 0.2, std sqrt(((0.1)² + 0 + (0.1)²) / 2) = 0.1.
        assertEquals("0.2000 ± 0.10", Statistics.meanStd(new double[]{0.1, 0.2, 0.3}));
        assertEquals("1.000 ± 0", Statistics.meanStd(new double[]{1, 1}));
        assertEquals("1.234e-05", Statistics.number(1.2341e-5));
    }

    @Test
    void lowerIsBetterForUnfaithfulnessAndHigherForAgreement() {
        assertEquals(Winner.ILLC, Statistics.winner(Direction.LOWER_IS_BETTER, 0.3, 0.2));
        assertEquals(Winner.GLOBAL, Statistics.winner(Direction.LOWER_IS_BETTER, 0.2, 0.3));
        assertEquals(Winner.ILLC, Statistics.winner(Direction.HIGHER_IS_BETTER, 0.90, 0.95));
        assertEquals(Winner.GLOBAL, Statistics.winner(Direction.HIGHER_IS_BETTER, 0.95, 0.90));
        assertEquals(Winner.TIE, Statistics.winner(Direction.LOWER_IS_BETTER, 0.2, 0.2));
        assertEquals(Winner.UNRANKED, Statistics.winner(Direction.NONE, 1, 2));
        assertEquals(Winner.UNRANKED, Statistics.winner(Direction.LOWER_IS_BETTER, Double.NaN, 2));
    }

    @Test
    void relativeChangeIsPositiveWhenIllcIsLowerAndUndefinedForAZeroGlobal() {
        assertEquals(0.25, Statistics.relativeChange(4, 3), EXACT);
        assertEquals(-0.5, Statistics.relativeChange(2, 3), EXACT);
        assertTrue(Double.isNaN(Statistics.relativeChange(0, 3)));
    }

    @Test
    void pairedComparisonCountsSeedsWonAndAveragesTheRelativeChange() {
        // Seed 0: (4 − 3)/4 = 0.25, ILLC wins; seed 1: (2 − 3)/2 = −0.5, global wins;
        // seed 2: global 0 — a tie, left out of the mean; mean over seeds 0 and 1: −0.125.
        Paired p = Statistics.paired(Direction.LOWER_IS_BETTER, new double[]{4, 2, 0}, new double[]{3, 3, 0});

        assertEquals(3, p.n());
        assertEquals(1, p.illcWins());
        assertEquals(1, p.globalWins());
        assertEquals(1, p.ties());
        assertEquals(-0.125, p.meanRelativeChange(), EXACT);
        assertEquals(2, p.relativeCount());
        assertEquals("-12.5 %", Statistics.percent(p.meanRelativeChange()));
    }

    @Test
    void pairedComparisonOfAHigherIsBetterMeasureCountsHigherIllcAsAWin() {
        Paired p = Statistics.paired(Direction.HIGHER_IS_BETTER, new double[]{0.9, 0.8}, new double[]{0.95, 0.8});

        assertEquals(1, p.illcWins());
        assertEquals(0, p.globalWins());
        assertEquals(1, p.ties());
        // ((0.9 − 0.95)/0.9 + 0) / 2.
        assertEquals((-0.05 / 0.9) / 2, p.meanRelativeChange(), EXACT);
    }

    @Test
    void fourWinsOfEightOnOneSeedShowNeitherMethodBetter() {
        // Two-sided sign test, n = 8, k = 4: p = 1.
        assertEquals("With 8 paired runs that differ, 1 training seed, the runs do not show either method better"
                + " (two-sided sign test p = 1.00).", Statistics.signTestVerdict(4, 4, 1));
    }

    @Test
    void eightWinsOfEightFavourTheWinnerAtTheFivePercentLevel() {
        // p = 2 * 0.5^8 = 0.0078125.
        assertEquals("With 8 paired runs that differ, 3 training seeds, the runs favour ILLC (two-sided sign test"
                + " p = 0.00781).", Statistics.signTestVerdict(8, 0, 3));
        assertEquals("With 8 paired runs that differ, 3 training seeds, the runs favour global (two-sided sign test"
                + " p = 0.00781).", Statistics.signTestVerdict(0, 8, 3));
    }

    @Test
    void fiveWinsOfSixAreNotEnough() {
        // p = 2 * (C(6,5) + C(6,6)) / 64 = 14 / 64 = 0.21875.
        assertEquals("With 6 paired runs that differ, 2 training seeds, the runs do not show either method better"
                + " (two-sided sign test p = 0.219).", Statistics.signTestVerdict(5, 1, 2));
    }
}
