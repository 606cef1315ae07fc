package io.illc.experiments;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.illc.core.IllcModule;
import io.illc.core.catalog.PluginCatalog;
import io.illc.experiments.CellResult.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiny grid with held-out rows, the refit aggregation and fine-tuning, run once for real (iris,
 * 2 hidden layers of 8 neurons, 2 epochs of training, 3 of fine-tuning).
 */
class RefitFinetuneExperimentTest {
    private static final Injector INJECTOR = Guice.createInjector(new IllcModule(List.of()));
    private static final PluginCatalog CATALOG = INJECTOR.getInstance(PluginCatalog.class);
    private static final ExperimentRunner RUNNER = INJECTOR.getInstance(ExperimentRunner.class);
    private static final String GRID = """
            {"experimentVersion": 1, "seed": 3, "data": {"builtin": "iris"},
             "grid": {"depths": [2], "widths": [8], "shrinks": [0.5],
                      "clusterings": [{"name": "kmeans", "params": {"restarts": 2}, "label": "kmeans"}],
                      "aggregations": [{"name": "average"}, {"name": "refit"}],
                      "train": {"epochs": 2, "batchSize": 32}, "holdout": 0.2,
                      "finetune": {"methods": ["illc"], "aggregations": ["refit"], "params": {"epochs": 3}}},
             "metrics": [{"name": "io-unfaithfulness"}, {"name": "agreement"}, {"name": "sign-agreement"}]}""";

    @TempDir
    static Path dir;
    private static ExperimentSpec spec;
    private static ExperimentResult result;

    @BeforeAll
    static void runOnce() {
        spec = new ExperimentSpecParser(CATALOG).parse(GRID, dir, "beyond.json");
        result = RUNNER.run(spec, dir.resolve("out"), false, ExperimentProgress.SILENT);
    }

    private static List<Outcome> outcomes() {
        return result.cells().get(0).outcomes();
    }

    @Test
    void everyVariantIsMeasuredOnHeldOutAndFittingRows() {
        assertEquals(List.of("global+average", "illc+average", "global+refit", "illc+refit", "illc+refit+finetune"),
                outcomes().stream().map(o -> o.variant().label()).toList());
        for (Outcome o : outcomes()) {
            assertEquals(List.of("io-unfaithfulness", "io-unfaithfulness (in-sample)", "agreement", "agreement (in-sample)",
                    "sign-agreement", "sign-agreement (in-sample)"), List.copyOf(o.metrics().keySet()));
        }
    }

    @Test
    void theAverageAggregationKeepsEverySignOfSpArX() {
        assertEquals(1.0, outcomes().get(0).metric("sign-agreement").value());
        assertEquals(1.0, outcomes().get(1).metric("sign-agreement").value());
    }

    @Test
    void theFineTunedVariantKeepsTheCountsOfItsBaseAndOnlyItSpendsTimeFineTuning() {
        Outcome base = outcomes().get(3);
        Outcome tuned = outcomes().get(4);

        assertEquals(base.clusters(), tuned.clusters());
        assertTrue(tuned.timings().get("finetune") > 0);
        outcomes().subList(0, 4).forEach(o -> assertEquals(0.0, o.timings().get("finetune")));
    }

    @Test
    void theFineTunedVariantRecordsWhatItsFineTuningDidAndTheCsvHasItOnItsRowOnly() throws IOException {
        Outcome tuned = outcomes().get(4);
        List<String> csv = Files.readAllLines(dir.resolve("out/results.csv"));
        List<String> header = List.of(csv.get(0).split(",", -1));

        assertEquals(Outcome.TUNING_KEYS, List.copyOf(tuned.tuning().keySet()));
        double epochs = tuned.tuning().get("finetune_epochs");
        double best = tuned.tuning().get("finetune_best_epoch");
        assertTrue(epochs >= 1 && epochs <= 3, "at most the 3 epochs asked: " + epochs);
        assertTrue(best >= 0 && best <= epochs);
        assertTrue(tuned.tuning().get("finetune_validation_loss_after") <= tuned.tuning().get("finetune_validation_loss_before"));
        outcomes().subList(0, 4).forEach(o -> assertTrue(o.tuning().isEmpty()));
        int at = header.indexOf("finetune_best_epoch");
        assertTrue(at > 0, csv.get(0));
        assertEquals(Double.toString(best), csv.get(5).split(",", -1)[at]);
        assertEquals("", csv.get(1).split(",", -1)[at], "empty for a compression not fine-tuned");
        List<CellResult> read = ResultsCsv.read(spec, Files.readString(dir.resolve("out/results.csv")), "results.csv");
        assertEquals(tuned.tuning(), read.get(0).outcomes().get(4).tuning(), "read back by column name");
        assertTrue(read.get(0).outcomes().get(3).tuning().isEmpty());
    }

    @Test
    void theReportStatesTheGoalsAndTheCsvHasTheInSampleColumns() throws IOException {
        String report = Files.readString(dir.resolve("out/report.md"));
        List<String> csv = Files.readAllLines(dir.resolve("out/results.csv"));

        assertTrue(report.contains("## Goals"), report);
        assertTrue(report.contains("## Headline: held-out rows"), report);
        assertTrue(report.contains("## Headline: in-sample rows"), report);
        assertTrue(report.contains("| kmeans, shrink 0.5 | illc+refit+finetune | "), report);
        assertTrue(report.contains("held out: clustering, merging and fine-tuning use the others"), report);
        assertTrue(report.contains("validation; plus 5000 transfer rows labelled by the original network: mixup of two"
                + " fitting rows (Beta(0.4, 0.4)) plus Gaussian noise of 0.3 σ). "), report);
        assertTrue(csv.get(0).contains(",io-unfaithfulness,io-unfaithfulness (in-sample),agreement,"), csv.get(0));
        assertEquals(1 + 5, csv.size());
        assertTrue(csv.get(5).startsWith("2,8,0,illc,kmeans,refit,true,0.5,"), csv.get(5));
    }

    @Test
    void aSecondRunReloadsTheCellWithItsFineTunedAndInSampleResults() {
        ExperimentResult again = RUNNER.run(spec, dir.resolve("out"), false, ExperimentProgress.SILENT);

        assertEquals(0, again.computedCells());
        assertEquals(values(result), values(again));
        assertEquals(result.cells().get(0).outcomes().get(4).tuning(), again.cells().get(0).outcomes().get(4).tuning());
    }

    /** Every variant's label and metric values, in order. */
    private static List<String> values(ExperimentResult r) {
        return r.cells().get(0).outcomes().stream().map(o -> o.variant().label() + " " + o.metrics().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().value()).toList()).toList();
    }
}
