package io.illc.experiments;

import io.illc.api.MetricResult;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.data.BuiltinDatasets;
import io.illc.experiments.CellResult.Outcome;
import io.illc.experiments.ExperimentGrid.Cell;
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

/** The goals and the SpArX baseline on hand-made results: one architecture, two training seeds, five variants of one budget. */
class SparxComparisonTest {
    private static final PluginCatalog CATALOG = PluginCatalog.discover(List.of());
    private static final ExperimentSpec SPEC = new ExperimentSpecParser(CATALOG).parse("""
            {"experimentVersion": 1, "data": {"builtin": "iris"},
             "grid": {"depths": [2], "widths": [8], "trainingSeeds": [0, 1],
                      "aggregations": [{"name": "average"}, {"name": "refit"}],
                      "finetune": {"methods": ["illc"], "aggregations": ["refit"]}},
             "metrics": [{"name": "io-unfaithfulness"}, {"name": "agreement"}, {"name": "sign-agreement"}]}""",
            Path.of("").toAbsolutePath(), "goals.json");

    /**
     * Per variant: io-unfaithfulness of seeds 0 and 1, agreement of seeds 0 and 1, sign agreement of seeds 0 and 1.
     * SpArX (global+average): io 1 and 2. illc+refit: io 0.5 and 0.5 → ratio of means 1 / 3 = 0.3333, 3.3 × the goal.
     * illc+refit+finetune: io 0.05 and 0.2 → ratio of means 0.25 / 3 = 0.08333 ≤ 0.1, per-model ratios 0.05 and 0.1,
     * both below 0.2; agreement 0.998 and 0.99 → mean 0.994, 0.10 percentage points below 99.5 %.
     */
    private static final Map<String, double[]> VALUES = Map.of(
            "global+average", new double[]{1, 2, 0.96, 0.97, 1, 1},
            "illc+average", new double[]{0.8, 1.5, 0.95, 0.95, 1, 1},
            "global+refit", new double[]{0.6, 0.7, 0.99, 0.99, 0.9, 0.9},
            "illc+refit", new double[]{0.5, 0.5, 0.99, 0.99, 0.9, 0.9},
            "illc+refit+finetune", new double[]{0.05, 0.2, 0.998, 0.99, 0.9, 0.8});

    private static List<CellResult> cells() {
        List<CellResult> out = new ArrayList<>();
        for (int seed = 0; seed < 2; seed++) {
            List<Outcome> outcomes = new ArrayList<>();
            for (Variant v : SPEC.grid().variants()) {
                double[] x = VALUES.get(v.label());
                outcomes.add(new Outcome(v, List.of(4, 4), Map.of("io-unfaithfulness", MetricResult.of(x[seed]),
                        "agreement", MetricResult.of(x[2 + seed]), "sign-agreement", MetricResult.of(x[4 + seed])),
                        Map.of("metrics", 0.1)));
            }
            out.add(new CellResult(new Cell(2, 8, seed), "key", 1, 1, 0, outcomes, ""));
        }
        return out;
    }

    private final String md = new ExperimentReport(SPEC, BuiltinDatasets.load("iris"), cells(), List.of(), Optional.empty())
            .markdown();

    @Test
    void theBaselineIsGlobalWithTheAverageAggregation() {
        SparxComparison comparison = new SparxComparison(SPEC, cells());

        assertEquals("global+average", comparison.baseline(SPEC.grid().budgets().get(0)).orElseThrow().label());
    }

    @Test
    void anIoGoalMissedSaysByHowManyTimesOnTheRatioOfMeans() {
        assertTrue(md.contains("| kmeans, shrink 0.8 | illc+refit | 0.3333: missed, 3.3 × the goal | 0/2 models (worst 0.5000) |"),
                md);
    }

    @Test
    void anIoGoalMetOnTheMeanAndInEveryModelSaysSo() {
        assertTrue(md.contains("| kmeans, shrink 0.8 | illc+refit+finetune | 0.08333: met | 2/2 models (worst 0.1000): met |"
                + " 99.40 %: 0.10 points short |"), md);
    }

    @Test
    void signAgreementWithTheAverageAggregationIsInTheHeadline() {
        assertTrue(md.contains("| sign agreement |"), md);
        // illc+refit+finetune: sign agreement 0.9 and 0.8, mean 85 %; agreement mean 99.4 %.
        assertTrue(md.contains("| 99.40 % | 85.00 % |"), md);
    }

    @Test
    void theBaselineIsNotComparedWithItselfInTheGoals() {
        assertFalse(md.contains("| kmeans, shrink 0.8 | global+average | "), md);
        assertTrue(md.contains("| kmeans, shrink 0.8 | global+average (SpArX) | 1 | 1 | – |"), md);
    }

    @Test
    void theRatioOfMeansIsNotTheMeanOfPerModelRatios() {
        SparxComparison comparison = new SparxComparison(SPEC, cells());
        Variant refit = SPEC.grid().variants().stream().filter(v -> v.label().equals("illc+refit")).findFirst().orElseThrow();

        SparxComparison.Ratio r = comparison.ratio(SPEC.grid().budgets().get(0), refit, "io-unfaithfulness").orElseThrow();

        // Per-model ratios 0.5 and 0.25 (mean 0.375); (0.5 + 0.5) / (1 + 2) = 1/3; geometric mean sqrt(0.125).
        assertEquals(1.0 / 3, r.ratioOfMeans(), 1e-12);
        assertEquals(Math.sqrt(0.125), r.geometricMean(), 1e-12);
        assertEquals(0.5, r.worstRatio(), 1e-12);
        assertEquals(2, r.winsLosses().wins());
        assertTrue(r.ratioCi().contains(r.ratioOfMeans()), r.ratioCi().toString());
    }
}
