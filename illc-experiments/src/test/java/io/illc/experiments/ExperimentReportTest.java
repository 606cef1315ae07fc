package io.illc.experiments;

import io.illc.api.MetricResult;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.spec.CompressionSpec.Method;
import io.illc.experiments.CellResult.Outcome;
import io.illc.experiments.ExperimentGrid.Cell;
import io.illc.experiments.ExperimentGrid.Setting;
import io.illc.experiments.ExperimentGrid.Variant;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's headline, tables and summary on hand-made results of a 1 × 2 grid with two training seeds. */
class ExperimentReportTest {
    private static final PluginCatalog CATALOG = PluginCatalog.discover(List.of());
    private static final ExperimentSpec SPEC = new ExperimentSpecParser(CATALOG).parse("""
            {"experimentVersion": 1, "data": {"builtin": "iris"},
             "grid": {"depths": [2], "widths": [8, 16], "trainingSeeds": [0, 1]},
             "metrics": [{"name": "io-unfaithfulness"}, {"name": "agreement"}, {"name": "cognitive-complexity"}]}""",
            Path.of("").toAbsolutePath(), "hand.json");
    private static final Setting SETTING = SPEC.grid().settings().get(0);

    /**
     * io-unfaithfulness (global; illc) per width and seed: width 8: seed 0 (4; 3), seed 1 (2; 3); width 16: seed 0
     * (1; 0.5), seed 1 (3; 1.5). Agreement: global 0.9 everywhere, illc 0.8. cognitive-complexity 4 for both.
     */
    private static List<CellResult> cells() {
        double[][] io = {{4, 3, 2, 3}, {1, 0.5, 3, 1.5}};
        List<CellResult> out = new ArrayList<>();
        int[] widths = {8, 16};
        for (int w = 0; w < 2; w++) {
            for (int seed = 0; seed < 2; seed++) {
                out.add(new CellResult(new Cell(2, widths[w], seed), "key", 1, 1, 0, List.of(
                        outcome(Method.GLOBAL, io[w][2 * seed], 0.9),
                        outcome(Method.ILLC, io[w][2 * seed + 1], 0.8)), ""));
            }
        }
        return out;
    }

    private static Outcome outcome(Method method, double io, double agreement) {
        return new Outcome(new Variant(SETTING, method), List.of(2, 2), Map.of("io-unfaithfulness", MetricResult.of(io),
                "agreement", MetricResult.of(agreement), "cognitive-complexity", MetricResult.of(4)), Map.of("metrics", 0.5));
    }

    private final ExperimentReport report = new ExperimentReport(SPEC, BuiltinDatasets.load("iris"), cells(), List.of(),
            Optional.empty());

    @Test
    void theHeadlineComparesIllcWithSparxOverEveryModel() {
        String md = report.markdown();

        // io over the four models: illc 3, 3, 0.5, 1.5 against SpArX 4, 2, 1, 3. Ratio of means 8 / 10 = 0.8; geometric
        // mean (0.75 · 1.5 · 0.5 · 0.5)^(1/4) = 0.7282; illc lower in 3, higher in 1. Wilcoxon on the differences
        // −1, 1, −0.5, −1.5 (ranks 2.5, 2.5, 1, 4): the larger rank sum 7.5 is reached by 3 of 16 sign patterns,
        // p = 2 · 3 / 16 = 0.375. Agreement: the mean over the models, 90 % and 80 %.
        assertTrue(md.contains("| kmeans, shrink 0.8 | global+average (SpArX) | 1 | 1 | – | 90.00 % |"), md);
        assertTrue(md.contains("| kmeans, shrink 0.8 | illc+average | 0.8000 ["), md);
        assertTrue(md.contains("] | 0.7282 ["), md);
        assertTrue(md.contains("] | 3/1, p = 0.38 (exact) | 80.00 % |"), md);
        assertTrue(md.startsWith("# Experiment report\n\nEvery method against **SpArX global**"), md);
        assertTrue(md.indexOf("## Headline") < md.indexOf("## Setup"), "the headline comes first");
    }

    @Test
    void theReportHoldsNoPerModelNumbersAndNoAveragedPercentageChange() {
        String md = report.markdown();

        assertFalse(md.contains("relative change"), md);
        assertFalse(md.contains("training seed 1 |"), md);
        assertFalse(md.contains("## Table 1"), md);
    }

    @Test
    void eachArchitectureHasOneCompactTableWithRatiosOfMeansOverItsSeeds() {
        String md = report.markdown();

        // Width 16: illc io 0.5 and 1.5 (mean 1) against 1 and 3: ratio of means 2 / 4 = 0.5.
        assertTrue(md.contains("### 2 × 16\n\n| budget | method | k | io | io ÷ SpArX | agreement |"), md);
        assertTrue(md.contains("| kmeans, shrink 0.8 | illc+average | 2×2 | 1.000 | 0.5000 | 80.00 % |"), md);
        assertTrue(md.contains("| kmeans, shrink 0.8 | global+average (SpArX) | 2×2 | 2.000 | 1.000 | 90.00 % |"), md);
    }

    @Test
    void theStatisticsAreExplainedWithTheirResamplesAndSeed() {
        String md = report.markdown();

        assertTrue(md.contains("B = 10000 resamples of the models with replacement"), md);
        assertTrue(md.contains("seeded with the experiment's seed (0)"), md);
        assertTrue(md.contains("exact for at most 20 such models (`exact`), the normal approximation"), md);
    }

    @Test
    void theSetupNamesTheProcessorsTheCellsWereComputedOnAndWarnsWhenTheyDiffer() {
        assertFalse(report.markdown().contains("**Computed on:**"), "cells of unknown processors name none");

        List<CellResult> cells = new ArrayList<>();
        List<CellResult> mixed = new ArrayList<>();
        for (CellResult c : cells()) {
            boolean wide = c.cell().width() == 8;
            cells.add(withProcessor(c, "Xeon (avx512f)"));
            mixed.add(withProcessor(c, wide ? "Xeon (avx512f)" : "EPYC (avx2)"));
        }
        String same = new ExperimentReport(SPEC, BuiltinDatasets.load("iris"), cells, List.of(), Optional.empty()).markdown();
        assertTrue(same.contains("**Computed on:** Xeon (avx512f) (4 cells).\n\n"), same);

        String two = new ExperimentReport(SPEC, BuiltinDatasets.load("iris"), mixed, List.of(), Optional.empty()).markdown();
        assertTrue(two.contains("**Computed on:** EPYC (avx2) (2 cells); Xeon (avx512f) (2 cells). Cells computed with other"
                + " OpenBLAS kernels differ in their last bits"), two);
    }

    private static CellResult withProcessor(CellResult c, String processor) {
        return new CellResult(c.cell(), c.modelKey(), c.trainAccuracy(), c.testAccuracy(), c.trainingSeconds(),
                c.outcomes(), processor);
    }

    @Test
    void theSummarySaysEachMethodAgainstSparxInOneLine() {
        List<String> summary = report.summary();

        assertEquals(1, summary.size());
        assertTrue(summary.get(0).startsWith("kmeans, shrink 0.8, illc+average vs SpArX global over 4 models: io 0.8000 ["),
                summary.get(0));
        assertTrue(summary.get(0).endsWith("(3/1, p = 0.38 (exact)); agreement 80.00 % (SpArX 90.00 %)"), summary.get(0));
    }
}
