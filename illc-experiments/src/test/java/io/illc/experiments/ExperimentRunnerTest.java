package io.illc.experiments;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.illc.core.IllcModule;
import io.illc.core.InputException;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.io.AtomicFiles;
import io.illc.core.run.Processor;
import io.illc.experiments.ExperimentGrid.Cell;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs a tiny grid for real (iris, 2 hidden layers of 8 neurons, 2 epochs, two training seeds),
 * once, and checks the folder, its files and resumption.
 */
class ExperimentRunnerTest {
    private static final Injector INJECTOR = Guice.createInjector(new IllcModule(List.of()));
    private static final PluginCatalog CATALOG = INJECTOR.getInstance(PluginCatalog.class);
    private static final ExperimentRunner RUNNER = INJECTOR.getInstance(ExperimentRunner.class);
    static final String TINY = """
            {"experimentVersion": 1, "seed": 3, "data": {"builtin": "iris"},
             "grid": {"depths": [2], "widths": [8], "trainingSeeds": [0, 1], "shrinks": [0.5],
                      "clusterings": [{"name": "kmeans", "params": {"restarts": 2}, "label": "kmeans"}],
                      "train": {"epochs": 2, "batchSize": 32}}}""";

    @TempDir
    static Path shared;
    private static Path first;
    private static ExperimentResult firstRun;

    static ExperimentSpec tiny(String json) {
        return new ExperimentSpecParser(CATALOG).parse(json, shared, "tiny.json");
    }

    @BeforeAll
    static void runTheTinyGridOnce() {
        first = shared.resolve("first");
        firstRun = RUNNER.run(tiny(TINY), first, false, ExperimentProgress.SILENT);
    }

    @Test
    void aFreshRunTrainsEveryModelAndComputesEveryCell() throws IOException {
        assertEquals(2, firstRun.computedCells());
        assertEquals(0, firstRun.reusedCells());
        assertEquals(2, firstRun.trainedModels());
        assertEquals(0, firstRun.cachedModels());
        assertEquals(List.of(new Cell(2, 8, 0), new Cell(2, 8, 1)), firstRun.cells().stream().map(CellResult::cell).toList());
        for (String file : List.of("experiment.json", "results.csv", "report.md", "cells/d2-w8-s0.json", "cells/d2-w8-s1.json")) {
            assertTrue(Files.isRegularFile(first.resolve(file)), file);
        }
        try (Stream<Path> models = Files.list(first.resolve("models"))) {
            assertEquals(4, models.count(), "two weights files and two training files");
        }
        try (Stream<Path> all = Files.walk(first)) {
            assertFalse(all.anyMatch(AtomicFiles::isTemporary), "no temporary file is left");
        }
    }

    @Test
    void resultsCsvHasOneRowPerCellAndVariantInADeterministicColumnOrder() throws IOException {
        List<String> lines = Files.readAllLines(first.resolve("results.csv"));

        assertEquals("depth,width,training_seed,method,clustering,aggregation,finetune,shrink,k,agreement,"
                + "cognitive-complexity,dead-neurons,dead-neurons-compressed,io-unfaithfulness,sign-agreement,"
                + "structural-unfaithfulness,structural-unfaithfulness(norm=squared),train_accuracy,test_accuracy,training_s,"
                + "activations_s,clustering_s,merge_s,finetune_s,metrics_s,local_s,processor", lines.get(0));
        assertEquals(1 + 2 * 2, lines.size());
        String[] row = lines.get(1).split(",", -1);
        assertEquals(List.of("2", "8", "0", "global", "kmeans", "average", "false", "0.5", "4;4"), List.of(row).subList(0, 9));
        assertEquals("illc", lines.get(2).split(",")[3]);
        assertEquals("1", lines.get(3).split(",")[2]);
        // Cognitive complexity is K_1 · K_2 = 16.
        assertEquals(16.0, Double.parseDouble(row[10]));
        for (String line : lines.subList(1, lines.size())) {
            assertEquals(lines.get(0).split(",").length, line.split(",", -1).length, line);
        }
    }

    @Test
    void everyCellNamesTheProcessorItWasComputedOnAndACellFileWithoutOneStillReads() throws IOException {
        String cell = Files.readString(first.resolve("cells/d2-w8-s0.json"));
        assertTrue(cell.contains("\"processor\" : \"" + Processor.kernels() + "\""), cell);
        assertTrue(Files.readString(first.resolve("report.md")).contains("**Computed on:** " + Processor.kernels() + " (2 cells)."));

        Path folder = copyOfFirst("older");
        Path older = folder.resolve("cells/d2-w8-s1.json");
        Files.writeString(older, Files.readString(older).replaceFirst("\\s*\"processor\" : \"[^\"]*\",", ""));
        assertFalse(Files.readString(older).contains("processor"), "a cell written before processors were recorded");

        ExperimentResult again = RUNNER.run(tiny(TINY), folder, false, ExperimentProgress.SILENT);

        assertEquals(2, again.reusedCells());
        assertEquals("", again.cells().get(1).processor());
        assertTrue(Files.readString(folder.resolve("report.md")).contains("**Computed on:** " + Processor.kernels() + " (1 cell)."));
    }

    @Test
    void aSecondRunTrainsNothingAndRecomputesNoFinishedCell() throws IOException {
        Path folder = copyOfFirst("second");

        ExperimentResult again = RUNNER.run(tiny(TINY), folder, false, ExperimentProgress.SILENT);

        assertEquals(0, again.computedCells());
        assertEquals(2, again.reusedCells());
        assertEquals(0, again.trainedModels());
        assertEquals(0, again.cachedModels());
        assertEquals(Files.readString(first.resolve("cells/d2-w8-s0.json")), Files.readString(folder.resolve("cells/d2-w8-s0.json")));
        assertEquals(firstRun.summary(), again.summary());
    }

    @Test
    void aDeletedCellIsTheOnlyOneRecomputedFromTheCachedModelWithTheSameResults() throws IOException {
        Path folder = copyOfFirst("resumed");
        Files.delete(folder.resolve("cells/d2-w8-s1.json"));
        List<Cell> computed = new ArrayList<>();

        ExperimentResult again = RUNNER.run(tiny(TINY), folder, false, new ExperimentProgress() {
            @Override
            public void cellFinished(CellUpdate update) {
                if (!update.reused()) {
                    computed.add(update.cell());
                }
            }
        });

        assertEquals(List.of(new Cell(2, 8, 1)), computed);
        assertEquals(1, again.computedCells());
        assertEquals(1, again.reusedCells());
        assertEquals(0, again.trainedModels());
        assertEquals(1, again.cachedModels());
        // The cached model is the trained one bit for bit, so every measure is the same (timings aside).
        List<String> before = withoutTimings(Files.readAllLines(first.resolve("results.csv")));
        List<String> after = withoutTimings(Files.readAllLines(folder.resolve("results.csv")));
        assertEquals(before, after);
    }

    @Test
    void aDamagedCellFileIsRecomputedWithANote() throws IOException {
        Path folder = copyOfFirst("damaged");
        Files.writeString(folder.resolve("cells/d2-w8-s0.json"), "{\"cell\": \"d2-w8-s0\"}");
        List<String> notes = new ArrayList<>();

        ExperimentResult again = RUNNER.run(tiny(TINY), folder, false, new ExperimentProgress() {
            @Override
            public void note(String message) {
                notes.add(message);
            }
        });

        assertEquals(1, again.computedCells());
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).startsWith("cells/d2-w8-s0.json is recomputed: it holds 0 compressions"), notes.get(0));
    }

    @Test
    void aFolderOfAnotherSpecIsRefusedWithoutForceAndStartedOverWithIt() throws IOException {
        Path folder = copyOfFirst("other");
        ExperimentSpec other = tiny(TINY.replace("\"shrinks\": [0.5]", "\"shrinks\": [0.75]"));

        InputException e = assertThrows(InputException.class, () -> RUNNER.run(other, folder, false, ExperimentProgress.SILENT));
        assertTrue(e.getMessage().contains("holds an experiment of another spec (experiment.json differs at $.grid.shrinks[0])"),
                e.getMessage());

        ExperimentResult forced = RUNNER.run(other, folder, true, ExperimentProgress.SILENT);
        assertEquals(2, forced.computedCells());
        assertEquals(2, forced.trainedModels());
        assertTrue(Files.readString(folder.resolve("results.csv")).contains(",0.75,2;2,"));
    }

    @Test
    void aNonEmptyFolderThatIsNoExperimentIsRefusedEvenWithForce() throws IOException {
        Path folder = Files.createDirectories(shared.resolve("foreign"));
        Files.writeString(folder.resolve("notes.txt"), "mine");

        InputException e = assertThrows(InputException.class, () -> RUNNER.run(tiny(TINY), folder, false, ExperimentProgress.SILENT));
        assertTrue(e.getMessage().endsWith("is not an experiment folder (it has no experiment.json); choose another --out,"
                + " or empty it first"), e.getMessage());

        InputException forced = assertThrows(InputException.class, () -> RUNNER.run(tiny(TINY), folder, true, ExperimentProgress.SILENT));
        assertTrue(forced.getMessage().contains("is not an experiment folder (it has no experiment.json); --force empties"
                + " only an experiment's folder"), forced.getMessage());
        try (var left = Files.list(folder)) {
            assertEquals(List.of(folder.resolve("notes.txt")), left.toList());
        }
        assertEquals("mine", Files.readString(folder.resolve("notes.txt")));
    }

    @Test
    void theReportEmbedsTheIoFigureAndPointsToThePerLayerFiguresAllPngsOfTheExpectedSize() throws IOException {
        String report = Files.readString(first.resolve("report.md"));
        List<String> figures;
        try (Stream<Path> files = Files.list(first.resolve("figures"))) {
            figures = files.map(p -> "figures/" + p.getFileName()).sorted().toList();
        }

        // Seed 0 only: one setting × (2a, 2b, 2c), and the io figure.
        assertEquals(List.of("figures/d2-w8-s0-kmeans-average-0.5-dead-neurons.png",
                "figures/d2-w8-s0-kmeans-average-0.5-structural-cumulative.png",
                "figures/d2-w8-s0-kmeans-average-0.5-structural-per-layer.png", ExperimentFigures.IO_FIGURE), figures);
        for (String f : figures) {
            BufferedImage image = ImageIO.read(first.resolve(f).toFile());
            assertNotNull(image, f);
            assertEquals(ExperimentFigures.WIDTH, image.getWidth());
            assertEquals(f.equals(ExperimentFigures.IO_FIGURE) ? ExperimentFigures.IO_HEIGHT : ExperimentFigures.HEIGHT,
                    image.getHeight());
            assertTrue(ExperimentFiguresTest.colours(image) > 2, f);
        }
        assertTrue(report.contains("](" + ExperimentFigures.IO_FIGURE + ")"), report);
        assertTrue(report.contains(" are 3 PNGs in `figures/`, e.g. [figures/d2-w8-s0-kmeans-average-0.5-structural-per-layer.png]"), report);
        assertTrue(report.contains("## Headline\n"), report);
        assertTrue(report.contains("### 2 × 8\n"), report);
        assertEquals(List.of(), firstRun.summary().stream().filter(l -> !l.startsWith("kmeans, shrink 0.5, illc+average vs SpArX"))
                .toList());
    }

    @Test
    void aReportRebuiltFromTheCellsOrFromResultsCsvAloneIsTheOneTheRunWrote() throws IOException {
        Path withCells = copyOfFirst("report-from-cells");
        Path csvOnly = copyOfFirst("report-from-csv");
        Folders.deleteTree(csvOnly.resolve("cells"));
        Files.delete(csvOnly.resolve("report.md"));
        Files.delete(csvOnly.resolve(ExperimentFigures.IO_FIGURE));

        ExperimentResult fromCells = RUNNER.report(tiny(TINY), withCells, ExperimentProgress.SILENT);
        ExperimentResult fromCsv = RUNNER.report(tiny(TINY), csvOnly, ExperimentProgress.SILENT);

        String report = Files.readString(first.resolve("report.md"));
        assertEquals(report, Files.readString(withCells.resolve("report.md")));
        assertEquals(report, Files.readString(csvOnly.resolve("report.md")));
        assertEquals(Files.readString(first.resolve("results.csv")), Files.readString(withCells.resolve("results.csv")));
        assertTrue(Files.isRegularFile(csvOnly.resolve(ExperimentFigures.IO_FIGURE)));
        assertEquals(firstRun.summary(), fromCells.summary());
        assertEquals(firstRun.summary(), fromCsv.summary());
        assertEquals(0, fromCsv.computedCells());
    }

    @Test
    void aReportOfAFolderWithNeitherCellsNorResultsCsvIsRefusedNamingWhatIsMissing() throws IOException {
        Path empty = copyOfFirst("report-from-nothing");
        Folders.deleteTree(empty.resolve("cells"));
        Files.delete(empty.resolve("results.csv"));

        InputException e = assertThrows(InputException.class, () -> RUNNER.report(tiny(TINY), empty, ExperimentProgress.SILENT));

        assertTrue(e.getMessage().contains("has neither every cell file (cells/d2-w8-s0.json is missing) nor a results.csv"),
                e.getMessage());
    }

    @Test
    void aResultsCsvOfAnotherGridIsRefusedNamingTheLineAndColumn() throws IOException {
        Path other = copyOfFirst("report-from-other-csv");
        Folders.deleteTree(other.resolve("cells"));
        Path csv = other.resolve("results.csv");
        Files.writeString(csv, Files.readString(csv).replaceFirst("\n2,8,0,global,", "\n2,8,5,global,"));

        InputException e = assertThrows(InputException.class, () -> RUNNER.report(tiny(TINY), other, ExperimentProgress.SILENT));

        assertTrue(e.getMessage().endsWith("results.csv line 2: training_seed is '5', the grid expects '0' here"), e.getMessage());
    }

    private Path copyOfFirst(String name) throws IOException {
        return Folders.copyTree(first, shared.resolve(name));
    }

    /** The rows without the last seven columns (training and stage seconds). */
    private static List<String> withoutTimings(List<String> lines) {
        return lines.stream().map(l -> {
            String[] f = l.split(",", -1);
            return String.join(",", List.of(f).subList(0, f.length - 7));
        }).toList();
    }
}
