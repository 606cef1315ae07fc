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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The goals section on hand-made results: one architecture, two training seeds, five variants of one budget. */
class ExperimentGoalsTest {
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
     * SpArX (global+average): io 1 and 2. illc+refit: io 0.5 and 0.5 → ratios 0.5, 0.25, mean 0.375 = 3.75 × 0.1.
     * illc+refit+finetune: io 0.05 and 0.2 → ratios 0.05, 0.1, mean 0.075, both ≤ 0.1; agreement 0.998 and 0.99 →
     * mean 0.994, 0.1 percentage points below 99.5 %, 1 of 2 runs meeting it; sign agreement 0.9 and 0.8.
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
            out.add(new CellResult(new Cell(2, 8, seed), "key", 1, 1, 0, outcomes));
        }
        return out;
    }

    private final String md = new ExperimentReport(SPEC, BuiltinDatasets.load("iris"), cells(), List.of()).markdown();

    @Test
    void theBaselineIsGlobalWithTheAverageAggregation() {
        ExperimentGoals goals = new ExperimentGoals(SPEC, cells());

        assertEquals("global+average", goals.baseline(SPEC.grid().budgets().get(0)).orElseThrow().label());
    }

    @Test
    void aRatioGoalMissedOnAverageSaysByHowMuch() {
        assertTrue(md.contains("| illc+refit | io-unfaithfulness | ≤ 0.1000 × SpArX | mean ratio 0.3750 (worst 0.5000;"
                + " mean 0.5000 vs SpArX 1.500) | 0/2 | not met: the mean ratio is 3.8 × the goal |"), md);
    }

    @Test
    void aRatioGoalMetInEveryRunSaysSo() {
        assertTrue(md.contains("| illc+refit+finetune | io-unfaithfulness | ≤ 0.1000 × SpArX | mean ratio 0.07500 (worst"
                + " 0.1000; mean 0.1250 vs SpArX 1.500) | 2/2 | met in every run |"), md);
    }

    @Test
    void anAgreementGoalMissedSaysHowManyPercentagePointsAreMissing() {
        assertTrue(md.contains("| illc+refit+finetune | agreement | ≥ 99.50 % | mean 99.40 % (lowest 99.00 %) | 1/2 |"
                + " not met: 0.10 percentage points short on average |"), md);
    }

    @Test
    void signAgreementIsReportedWithoutAGoal() {
        assertTrue(md.contains("| illc+refit+finetune | sign-agreement | reported | mean 85.00 % (lowest 80.00 %) | – | – |"), md);
    }

    @Test
    void theBaselineIsNotComparedWithItself() {
        assertTrue(!md.contains("| global+average | io-unfaithfulness | ≤"), md);
        assertTrue(md.contains("| global+average | agreement | ≥ 99.50 % | mean 96.50 % (lowest 96.00 %) | 0/2 |"), md);
    }

    @Test
    void theComparisonTableListsEveryVariantOfTheBudgetAtItsCounts() {
        assertTrue(md.contains("### kmeans, shrink 0.8, 2 × 8\n\n| variant | k | io-unfaithfulness | agreement |"
                + " sign-agreement |"), md);
        assertTrue(md.contains("| illc+refit+finetune | 4×2 | 0.1250 ± 0.11 | 0.9940 ± 0.0057 | 0.8500 ± 0.071 |"), md);
    }
}
