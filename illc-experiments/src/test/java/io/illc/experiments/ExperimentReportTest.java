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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's tables and summary on hand-made results of a 1 × 2 grid with two training seeds. */
class ExperimentReportTest {
    private static final PluginCatalog CATALOG = PluginCatalog.discover(List.of());
    private static final ExperimentSpec SPEC = new ExperimentSpecParser(CATALOG).parse("""
            {"experimentVersion": 1, "data": {"builtin": "iris"},
             "grid": {"depths": [2], "widths": [8, 16], "trainingSeeds": [0, 1]},
             "metrics": [{"name": "io-unfaithfulness"}, {"name": "agreement"}, {"name": "cognitive-complexity"}]}""",
            Path.of("").toAbsolutePath(), "hand.json");
    private static final Setting SETTING = SPEC.grid().settings().get(0);

    /**
     * io-unfaithfulness (global; illc) per width and seed:
     * width 8:  seed 0 (4; 3), seed 1 (2; 3) → means 3 vs 3: a tie; ILLC wins 1 of 2 seeds;
     *           relative changes 0.25 and −0.5, mean −12.5 %.
     * width 16: seed 0 (1; 0.5), seed 1 (3; 1.5) → means 2 vs 1: ILLC better; 2 of 2; +50 %.
     * agreement: global 0.9 everywhere, illc 0.8: global better in both widths; −(−0.1/0.9) → −11.1 %.
     * cognitive-complexity 4 for both.
     */
    private static List<CellResult> cells() {
        double[][] io = {{4, 3, 2, 3}, {1, 0.5, 3, 1.5}};
        List<CellResult> out = new ArrayList<>();
        int[] widths = {8, 16};
        for (int w = 0; w < 2; w++) {
            for (int seed = 0; seed < 2; seed++) {
                out.add(new CellResult(new Cell(2, widths[w], seed), "key", 1, 1, 0, List.of(
                        outcome(Method.GLOBAL, io[w][2 * seed], 0.9),
                        outcome(Method.ILLC, io[w][2 * seed + 1], 0.8))));
            }
        }
        return out;
    }

    private static Outcome outcome(Method method, double io, double agreement) {
        return new Outcome(new Variant(SETTING, method), List.of(2, 2), Map.of("io-unfaithfulness", MetricResult.of(io),
                "agreement", MetricResult.of(agreement), "cognitive-complexity", MetricResult.of(4)), Map.of("metrics", 0.5));
    }

    private final ExperimentReport report = new ExperimentReport(SPEC, BuiltinDatasets.load("iris"), cells(), List.of());

    @Test
    void table1BoldsTheBetterMeanOfEachPairAndNeitherOnATie() {
        String md = report.markdown();

        // Width 8: means 3 ± sqrt(2) vs 3 ± 0: tie, no bold; width 16: 2 ± 1.4 vs 1 ± 0.71, illc bold.
        assertTrue(md.contains("| 2 | io-unfaithfulness | global | 3.000 ± 1.4 | 2.000 ± 1.4 |"), md);
        assertTrue(md.contains("| 2 | io-unfaithfulness | illc | 3.000 ± 0 | **1.000 ± 0.71** |"), md);
        assertTrue(md.contains("| 2 | agreement | global | **0.9000 ± 0** | **0.9000 ± 0** |"), md);
        assertTrue(md.contains("| 2 | agreement | illc | 0.8000 ± 0 | 0.8000 ± 0 |"), md);
        assertTrue(md.contains("| 2 | cognitive-complexity | global | 4.000 ± 0 | 4.000 ± 0 |"), md);
        assertTrue(md.contains("`cognitive-complexity`: not ranked; equal by construction"), md);
    }

    @Test
    void thePairedTableCountsSeedsWonAndTheMeanRelativeChange() {
        String md = report.markdown();

        assertTrue(md.contains("| 2 | 8 | 1/2, -12.5 % | 0/2, +11.1 % | –, +0.0 % |"), md);
        assertTrue(md.contains("| 2 | 16 | 2/2, +50.0 % | 0/2, +11.1 % | –, +0.0 % |"), md);
    }

    @Test
    void theSummaryStatesWhatWasMeasuredWhicheverWayItWent() {
        List<String> summary = report.summary();

        assertEquals(3, summary.size());
        // Relative changes over the four paired runs: 0.25, −0.5, 0.5, 0.5 → mean 0.1875.
        assertEquals("io-unfaithfulness (lower is better): ILLC had lower io-unfaithfulness than global in 1 of 2"
                + " comparisons (global lower in 0, equal in 1) and in 3 of 4 paired runs (global in 1); mean relative"
                + " change (global − illc)/global +18.8 % over 4 paired runs (positive: ILLC lower). With 4 paired runs that"
                + " differ, 2 training seeds, the runs do not show either method better (two-sided sign test p = 0.625).",
                summary.get(0));
        assertTrue(summary.get(1).startsWith("agreement (higher is better): ILLC had higher agreement than global in 0 of 2"
                + " comparisons (global higher in 2, equal in 0) and in 0 of 4 paired runs (global in 4)"), summary.get(1));
        // Four of four paired runs to global is still no evidence at the 5 % level: p = 2 / 16.
        assertTrue(summary.get(1).endsWith("With 4 paired runs that differ, 2 training seeds, the runs do not show either"
                + " method better (two-sided sign test p = 0.125)."), summary.get(1));
        assertEquals("cognitive-complexity (not ranked): global and ILLC differed in 0 of 2 comparisons. Equal by"
                + " construction: every method asks for the same cluster counts (it differs only when a clustering returns"
                + " fewer clusters than asked).", summary.get(2));
        assertTrue(report.markdown().contains("- " + summary.get(0) + "\n"));
    }
}
