package io.illc.experiments;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.illc.api.Activation;
import io.illc.core.IllcModule;
import io.illc.core.InputException;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.model.Trainer;
import io.illc.core.model.TrainingProgress;
import io.illc.core.model.WeightsJson;
import io.illc.core.spec.TrainSpec;
import io.illc.experiments.ExperimentGrid.Cell;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Experiments on existing models ({@code "model": {"load": ...}}): the golden breast-cancer model
 * (30 → 12 → 10 → 8 → 1, sigmoid) and a tiny model trained here (30 → 6 → 4 → 2), compared with
 * every method of a small grid, resumed, recomputed when a file changes, and refused with JSON paths.
 */
class LoadedModelExperimentTest {
    private static final Injector INJECTOR = Guice.createInjector(new IllcModule(List.of()));
    private static final PluginCatalog CATALOG = INJECTOR.getInstance(PluginCatalog.class);
    private static final ExperimentRunner RUNNER = INJECTOR.getInstance(ExperimentRunner.class);
    static final Path GOLDEN_MODEL = Path.of("..", "illc-core", "src", "test", "resources", "golden", "bc_tiny.model.json")
            .toAbsolutePath().normalize();
    private static final String GRID = """
            "grid": {"shrinks": [0.5], "clusterings": [{"name": "kmeans", "params": {"restarts": 2}, "label": "kmeans"}],
                     "localRows": 2}""";

    @TempDir
    static Path shared;
    private static Path twoModels;
    private static ExperimentResult firstRun;

    static ExperimentSpec spec(Path folder, String json) {
        return new ExperimentSpecParser(CATALOG).parse(json, folder, "loaded.json");
    }

    static String twoModelSpec() {
        return """
                {"experimentVersion": 1, "seed": 3, "data": {"builtin": "breast-cancer"},
                 "model": {"load": ["bc_tiny.model.json", "small.json"], "format": null},
                """ + GRID + "}";
    }

    /** A tiny model trained on breast-cancer, as weights JSON: 30 → 6 → 4 → 2 (softmax). */
    static byte[] smallModel(int epochs) {
        TrainSpec recipe = new TrainSpec(List.of(6, 4), Activation.RELU, epochs, 64, 0.01, 0.2, Activation.SOFTMAX);
        return WeightsJson.toBytes(Trainer.train(BuiltinDatasets.load("breast-cancer"), recipe, 7, TrainingProgress.NONE).mlp());
    }

    @BeforeAll
    static void runTwoLoadedModelsOnce() throws IOException {
        Files.copy(GOLDEN_MODEL, shared.resolve("bc_tiny.model.json"));
        Files.write(shared.resolve("small.json"), smallModel(2));
        twoModels = shared.resolve("two");
        firstRun = RUNNER.run(spec(shared, twoModelSpec()), twoModels, false, ExperimentProgress.SILENT);
    }

    @Test
    void everyLoadedModelIsACellNamedAfterItsFileWithItsOwnArchitecture() {
        assertEquals(List.of(Cell.loaded("bc_tiny.model", List.of(12, 10, 8)), Cell.loaded("small", List.of(6, 4))),
                firstRun.cells().stream().map(CellResult::cell).toList());
        assertEquals(2, firstRun.computedCells());
        assertEquals(0, firstRun.trainedModels());
        Cell golden = firstRun.cells().get(0).cell();
        assertEquals(3, golden.depth());
        assertEquals(12, golden.width());
        assertEquals("bc_tiny.model", golden.id());
    }

    @Test
    void writesCellsResultsReportAndFiguresButNoModelCache() throws IOException {
        for (String file : List.of("experiment.json", "results.csv", "report.md", "cells/bc_tiny.model.json",
                "cells/small.json")) {
            assertTrue(Files.isRegularFile(twoModels.resolve(file)), file);
        }
        assertFalse(Files.exists(twoModels.resolve("models")), "loaded models are not cached");
        try (var figures = Files.list(twoModels.resolve("figures"))) {
            assertTrue(figures.anyMatch(p -> p.getFileName().toString().startsWith("small-")));
        }
    }

    @Test
    void resultsCsvStartsEachRowWithTheModel() throws IOException {
        List<String> lines = Files.readAllLines(twoModels.resolve("results.csv"));

        assertTrue(lines.get(0).startsWith("model,depth,width,training_seed,method,"), lines.get(0));
        assertEquals(1 + 2 * 2, lines.size(), "two models × (global, illc)");
        assertTrue(lines.get(1).startsWith("bc_tiny.model,3,12,0,global,kmeans,average,false,0.5,6;5;4,"), lines.get(1));
        assertTrue(lines.get(3).startsWith("small,2,6,0,global,"), lines.get(3));
        assertTrue(lines.get(0).contains("local-io-unfaithfulness (mean over 2 rows)"), lines.get(0));
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<String> row = List.of(lines.get(1).split(",", -1));
        assertFalse(row.get(header.indexOf("local-io-unfaithfulness (mean over 2 rows)")).isEmpty(),
                "the first data rows are explained locally: " + lines.get(1));
        assertEquals("", row.get(header.indexOf("train_accuracy")), "a loaded model has no training accuracy");
    }

    @Test
    void theReportHasARowPerModelInsteadOfDepthTimesWidth() throws IOException {
        String report = Files.readString(twoModels.resolve("report.md"));

        assertTrue(report.contains("**Models:** 2 loaded, not trained"), report);
        assertTrue(report.contains("### small\n"), report);
        assertTrue(report.contains("### bc_tiny.model\n"), report);
        assertFalse(report.contains("| depth |"), report);
        assertTrue(report.contains("over all 2 loaded models"), report);
        assertTrue(report.contains("One loaded model each"), report);
        assertFalse(report.contains("training seed"), report);
    }

    @Test
    void aRerunReusesEveryCellAndAChangedModelFileIsRecomputed() throws IOException {
        Path folder = Folders.copyTree(twoModels, shared.resolve("resumed"));
        ExperimentSpec spec = spec(shared, twoModelSpec());

        ExperimentResult again = RUNNER.run(spec, folder, false, ExperimentProgress.SILENT);
        assertEquals(0, again.computedCells());
        assertEquals(2, again.reusedCells());

        Path changedFolder = shared.resolve("changed");
        Files.createDirectories(changedFolder);
        Files.copy(GOLDEN_MODEL, changedFolder.resolve("bc_tiny.model.json"));
        Files.write(changedFolder.resolve("small.json"), smallModel(2));
        Path out = changedFolder.resolve("out");
        ExperimentSpec changedSpec = spec(changedFolder, twoModelSpec());
        RUNNER.run(changedSpec, out, false, ExperimentProgress.SILENT);
        Files.write(changedFolder.resolve("small.json"), smallModel(3));
        List<String> notes = new java.util.ArrayList<>();
        ExperimentResult afterChange = RUNNER.run(changedSpec, out, false, new ExperimentProgress() {
            @Override
            public void note(String message) {
                notes.add(message);
            }
        });

        assertEquals(1, afterChange.computedCells(), "only the changed model's cell");
        assertEquals(1, afterChange.reusedCells());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("cells/small.json is recomputed: its model file changed")),
                notes.toString());
    }

    @Test
    void oneModelGivenAsAStringRunsAndTheSpecRoundTrips() {
        String json = """
                {"experimentVersion": 1, "data": {"builtin": "breast-cancer"}, "model": {"load": "bc_tiny.model.json"},
                 "grid": {"shrinks": [0.5], "clusterings": [{"name": "kmeans", "params": {"restarts": 1}}]}}""";
        ExperimentSpec spec = spec(shared, json);

        ExperimentResult r = RUNNER.run(spec, shared.resolve("one"), false, ExperimentProgress.SILENT);
        ExperimentSpec reread = new ExperimentSpecParser(CATALOG).parse(
                new String(ExperimentSpecWriter.write(spec), java.nio.charset.StandardCharsets.UTF_8), shared.resolve("x"),
                "experiment.json");

        assertEquals(1, r.computedCells());
        assertEquals(List.of(shared.resolve("bc_tiny.model.json")), spec.models().files());
        assertEquals(spec.models(), reread.models());
        assertEquals(spec.grid(), reread.grid());
        assertFalse(spec.grid().trains());
    }

    @Test
    void trainingFieldsNextToModelAreRefusedWithTheirPaths() {
        String json = """
                {"experimentVersion": 1, "model": {"load": "bc_tiny.model.json"},
                 "grid": {"depths": [5], "widths": [100], "train": {"epochs": 3}}}""";

        InputException e = assertThrows(InputException.class, () -> spec(shared, json));

        assertTrue(e.getMessage().contains("$.grid.depths: not allowed with $.model.load, got [5]"), e.getMessage());
        assertTrue(e.getMessage().contains("$.grid.widths: not allowed with $.model.load"), e.getMessage());
        assertTrue(e.getMessage().contains("$.grid.train: not allowed with $.model.load"), e.getMessage());
    }

    @Test
    void aBadModelSectionNamesItsPathAndWhatIsAllowed() {
        InputException noLoad = assertThrows(InputException.class, () -> spec(shared,
                "{\"experimentVersion\": 1, \"model\": {\"format\": \"onnx\"}}"));
        InputException badFormat = assertThrows(InputException.class, () -> spec(shared,
                "{\"experimentVersion\": 1, \"model\": {\"load\": [\"a.json\", \"a.json\"], \"format\": \"pickle\"}}"));

        assertTrue(noLoad.getMessage().contains("$.model.load: missing"), noLoad.getMessage());
        assertTrue(badFormat.getMessage().contains("$.model.load[1]"), badFormat.getMessage());
        assertTrue(badFormat.getMessage().contains("$.model.format"), badFormat.getMessage());
        assertTrue(badFormat.getMessage().contains("onnx"), badFormat.getMessage());
    }

    @Test
    void aModelThatDoesNotFitTheDataIsRefusedAtItsPathBeforeAnythingIsWritten() {
        String json = """
                {"experimentVersion": 1, "data": {"builtin": "iris"}, "model": {"load": ["bc_tiny.model.json"]},
                 "grid": {"shrinks": [0.5]}}""";
        Path out = shared.resolve("iris-with-bc");

        InputException e = assertThrows(InputException.class,
                () -> RUNNER.run(spec(shared, json), out, false, ExperimentProgress.SILENT));

        assertTrue(e.getMessage().startsWith("$.model.load[0] (bc_tiny.model.json): "), e.getMessage());
        assertFalse(Files.exists(out), "nothing is written");
    }

    @Test
    void modelFilesWithTheSameNameGetUniqueCellIds() throws IOException {
        Path folder = shared.resolve("same-names");
        Files.createDirectories(folder.resolve("a"));
        Files.createDirectories(folder.resolve("b"));
        Files.copy(GOLDEN_MODEL, folder.resolve("a/model.json"));
        Files.copy(GOLDEN_MODEL, folder.resolve("b/model.json"));
        String json = """
                {"experimentVersion": 1, "model": {"load": ["a/model.json", "b/model.json"]},
                 "grid": {"shrinks": [0.5], "methods": ["global"], "clusterings": [{"name": "kmeans", "params": {"restarts": 1}}]}}""";

        ExperimentResult r = RUNNER.run(spec(folder, json), folder.resolve("out"), false, ExperimentProgress.SILENT);

        assertEquals(List.of("model", "model-2"), r.cells().stream().map(c -> c.cell().id()).toList());
    }
}
