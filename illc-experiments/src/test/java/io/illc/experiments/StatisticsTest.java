package io.illc.experiments;

import io.illc.experiments.Measure.Direction;
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
}
