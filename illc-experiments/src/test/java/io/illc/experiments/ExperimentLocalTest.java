package io.illc.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.illc.core.IllcModule;
import io.illc.core.InputException;
import io.illc.core.catalog.PluginCatalog;
import io.illc.experiments.CellResult.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs a tiny grid with local explanations for real (iris, 2 hidden layers of 8 neurons, 2 epochs,
 * one training seed, {@code localRows} 2), once, and checks the local columns, Table 2 and resumption.
 */
class ExperimentLocalTest {
    private static final Injector INJECTOR = Guice.createInjector(new IllcModule(List.of()));
    private static final PluginCatalog CATALOG = INJECTOR.getInstance(PluginCatalog.class);
    private static final ExperimentRunner RUNNER = INJECTOR.getInstance(ExperimentRunner.class);
    private static final String LOCAL = """
            {"experimentVersion": 1, "seed": 3, "data": {"builtin": "iris"},
             "grid": {"depths": [2], "widths": [8], "trainingSeeds": [0], "shrinks": [0.5], "localRows": 2,
                      "clusterings": [{"name": "kmeans", "params": {"restarts": 2}, "label": "kmeans"}],
                      "train": {"epochs": 2, "batchSize": 32}}}""";
    private static final List<String> LOCAL_COLUMNS = List.of("local-io-unfaithfulness (mean over 2 rows)",
            "local-structural-unfaithfulness (mean over 2 rows)",
            "local-structural-unfaithfulness.atInstance (mean over 2 rows)", "local_s");

    @TempDir
    static Path shared;
    private static Path first;
    private static ExperimentResult firstRun;

    private static ExperimentSpec spec() {
        return new ExperimentSpecParser(CATALOG).parse(LOCAL, shared, "local.json");
    }

    @BeforeAll
    static void runTheTinyLocalGridOnce() {
        first = shared.resolve("first");
        firstRun = RUNNER.run(spec(), first, false, ExperimentProgress.SILENT);
    }

    @Test
    void resultsCsvHasAFiniteLocalMeanAndTimingForGlobalAndIllc() throws IOException {
        List<String> lines = Files.readAllLines(first.resolve("results.csv"));
        List<String> header = List.of(lines.get(0).split(","));

        assertEquals(3, lines.size(), "one cell × global and illc");
        for (String column : LOCAL_COLUMNS) {
            int i = header.indexOf(column);
            assertTrue(i >= 0, column + " in " + header);
            for (String line : lines.subList(1, lines.size())) {
                double v = Double.parseDouble(line.split(",", -1)[i]);
                assertTrue(Double.isFinite(v) && v >= 0, column + " = " + v);
            }
        }
    }

    @Test
    void theReportComparesTheLocalMetricsWithSparxAndHasTable2WithBothMethods() throws IOException {
        String report = Files.readString(first.resolve("report.md"));
        String local = report.substring(report.indexOf("## Local explanations"), report.indexOf("## Per architecture"));

        assertTrue(local.contains("first 2 rows of its test split"), local);
        for (String method : List.of("global", "illc")) {
            assertTrue(local.contains("| 2 | local-io-unfaithfulness (mean over 2 rows) | " + method + " |"), local);
        }
        assertTrue(local.contains("| illc+average | local-structural-unfaithfulness (mean over 2 rows) | "), local);
        assertTrue(local.contains("| global+average | local-io-unfaithfulness (mean over 2 rows) | "), local);
    }

    @Test
    void theExplainedRowsAreTheTwoSmallestTestRowsStoredWithTheModel() throws IOException {
        JsonNode cell = new ObjectMapper().readTree(first.resolve("cells/d2-w8-s0.json").toFile());
        JsonNode training = new ObjectMapper().readTree(
                first.resolve(ModelCache.trainingFile(cell.get("model").textValue())).toFile());

        // iris has 150 rows; the default testFraction 0.2 holds out 30 of them, ascending.
        JsonNode testRows = training.get("testRows");
        assertEquals(30, testRows.size());
        for (int i = 1; i < testRows.size(); i++) {
            assertTrue(testRows.get(i - 1).intValue() < testRows.get(i).intValue());
        }
        for (JsonNode c : cell.get("compressions")) {
            assertEquals(Outcome.LOCAL_KEYS.size(), c.get("local").size(), c.toString());
        }
    }

    @Test
    void aSecondRunRecomputesNothing() throws IOException {
        Path folder = copyOfFirst("second");

        ExperimentResult again = RUNNER.run(spec(), folder, false, ExperimentProgress.SILENT);

        assertEquals(0, again.computedCells());
        assertEquals(1, again.reusedCells());
        assertEquals(0, again.trainedModels());
        assertEquals(Files.readString(first.resolve("results.csv")), Files.readString(folder.resolve("results.csv")));
    }

    @Test
    void aCellRecomputedFromTheCachedModelExplainsTheSameRowsWithTheSameMeans() throws IOException {
        Path folder = copyOfFirst("resumed");
        Files.delete(folder.resolve("cells/d2-w8-s0.json"));

        ExperimentResult again = RUNNER.run(spec(), folder, false, ExperimentProgress.SILENT);

        assertEquals(1, again.computedCells());
        assertEquals(1, again.cachedModels());
        for (int v = 0; v < 2; v++) {
            assertEquals(firstRun.cells().get(0).outcomes().get(v).local(), again.cells().get(0).outcomes().get(v).local());
        }
    }

    @Test
    void aNeighbourhoodSampleOfEveryRowExplainsAsAllRowsDoAndASmallerSampleIsStoredInTheSpec() throws IOException {
        List<String> notes = new ArrayList<>();
        ExperimentProgress recording = new ExperimentProgress() {
            @Override
            public void note(String message) {
                notes.add(message);
            }
        };
        ExperimentSpec everyRow = new ExperimentSpecParser(CATALOG).parse(LOCAL.replace("\"localRows\": 2,",
                "\"localRows\": 2, \"localNeighbourhood\": {\"sample\": 150},"), shared, "local.json");
        ExperimentSpec forty = new ExperimentSpecParser(CATALOG).parse(LOCAL.replace("\"localRows\": 2,",
                "\"localRows\": 2, \"localNeighbourhood\": {\"sample\": 40},"), shared, "local.json");
        Path sampled = shared.resolve("sample-40");

        ExperimentResult all = RUNNER.run(everyRow, shared.resolve("sample-150"), false, recording);
        ExperimentResult some = RUNNER.run(forty, sampled, false, ExperimentProgress.SILENT);

        // Training is deterministic, so the model is the same: only the neighbourhood can change the local means.
        for (int v = 0; v < 2; v++) {
            assertEquals(firstRun.cells().get(0).outcomes().get(v).local(), all.cells().get(0).outcomes().get(v).local());
        }
        assertEquals(List.of("local explanations: a neighbourhood sample of 150 rows of 150 is every row"), notes);
        assertNotEquals(firstRun.cells().get(0).outcomes().get(0).local(), some.cells().get(0).outcomes().get(0).local());
        assertTrue(Files.readString(sampled.resolve("experiment.json")).contains("\"localNeighbourhood\" : {\n      \"sample\" : 40"),
                Files.readString(sampled.resolve("experiment.json")));
        assertTrue(Files.readString(sampled.resolve("report.md")).contains("the neighbourhood is a seeded sample of 40 of the"
                + " 150 data rows"));
        assertFalse(Files.readString(first.resolve("experiment.json")).contains("localNeighbourhood"),
                "left out when not given, so folders of earlier versions still resume");
    }

    @Test
    void aNeighbourhoodWithoutLocalRowsIsRefusedAtItsPath() {
        InputException e = assertThrows(InputException.class, () -> new ExperimentSpecParser(CATALOG).parse(
                LOCAL.replace("\"localRows\": 2,", "\"localRows\": 0, \"localNeighbourhood\": \"all\","), shared, "x.json"));

        assertTrue(e.getMessage().contains("$.grid.localNeighbourhood: only with local explanations; set localRows > 0"),
                e.getMessage());
    }

    private Path copyOfFirst(String name) throws IOException {
        return Folders.copyTree(first, shared.resolve(name));
    }
}
