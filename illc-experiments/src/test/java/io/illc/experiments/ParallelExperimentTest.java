package io.illc.experiments;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import io.illc.core.IllcModule;
import io.illc.core.Ticker;
import io.illc.core.catalog.PluginCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cells run in parallel and every output is the same for 1, 2 and 7 threads: a grid of 8 cells (iris,
 * 1 and 2 hidden layers of 4 and 8 neurons, two training seeds) with a holdout, refit and local
 * explanations, under a clock that always reads 0 so that the timing columns are equal too.
 */
class ParallelExperimentTest {
    private static final Injector INJECTOR = Guice.createInjector(Modules.override(new IllcModule(List.of()))
            .with(new AbstractModule() {
                @Override
                protected void configure() {
                    bind(Ticker.class).toInstance(() -> 0L);
                }
            }));
    private static final ExperimentRunner RUNNER = INJECTOR.getInstance(ExperimentRunner.class);
    private static final String GRID = """
            {"experimentVersion": 1, "seed": 5, "data": {"builtin": "iris"},
             "grid": {"depths": [1, 2], "widths": [4, 8], "trainingSeeds": [0, 1], "shrinks": [0.5],
                      "clusterings": [{"name": "kmeans", "params": {"restarts": 2}, "label": "kmeans"}],
                      "aggregations": [{"name": "average"}, {"name": "refit"}],
                      "holdout": 0.2, "localRows": 2,
                      "train": {"epochs": 2, "batchSize": 32}}}""";

    @TempDir
    Path tmp;

    private ExperimentSpec spec() {
        return new ExperimentSpecParser(INJECTOR.getInstance(PluginCatalog.class)).parse(GRID, tmp, "parallel.json");
    }

    /** Every file under {@code folder} but the lock, by relative path → its bytes as text (PNGs as their length and hash). */
    private static Map<String, String> files(Path folder) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = folder.relativize(p).toString();
                byte[] bytes = Files.readAllBytes(p);
                out.put(name, name.endsWith(".png") ? bytes.length + " bytes, hash " + java.util.Arrays.hashCode(bytes)
                        : new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void oneTwoAndSevenThreadsWriteByteIdenticalFolders() throws IOException {
        List<Integer> finishedOrder = Collections.synchronizedList(new ArrayList<>());
        ExperimentProgress recording = new ExperimentProgress() {
            @Override
            public void cellFinished(CellUpdate update) {
                finishedOrder.add(update.done());
            }
        };

        ExperimentResult one = RUNNER.run(spec(), tmp.resolve("t1"), false, 1, ExperimentProgress.SILENT);
        ExperimentResult two = RUNNER.run(spec(), tmp.resolve("t2"), false, 2, recording);
        ExperimentResult seven = RUNNER.run(spec(), tmp.resolve("t7"), false, 7, ExperimentProgress.SILENT);

        Map<String, String> expected = files(tmp.resolve("t1"));
        assertTrue(expected.containsKey("results.csv") && expected.containsKey("report.md")
                && expected.containsKey("cells/d2-w8-s1.json"), expected.keySet().toString());
        assertEquals(expected, files(tmp.resolve("t2")));
        assertEquals(expected, files(tmp.resolve("t7")));
        assertEquals(one.summary(), two.summary());
        assertEquals(one.summary(), seven.summary());
        assertEquals(8, seven.computedCells());
        assertEquals(8, seven.trainedModels());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), finishedOrder, "the done count goes up by one per finished cell");
    }

    @Test
    void aRunInterruptedAfterSomeCellsResumesInParallelWithTheSameResults() throws IOException {
        Path whole = tmp.resolve("whole");
        Path resumed = tmp.resolve("resumed");
        RUNNER.run(spec(), whole, false, 3, ExperimentProgress.SILENT);
        Folders.copyTree(whole, resumed);
        // As if interrupted: two cells were never stored, and nothing was written at the end.
        Files.delete(resumed.resolve("cells/d1-w8-s0.json"));
        Files.delete(resumed.resolve("cells/d2-w4-s1.json"));
        Files.delete(resumed.resolve("report.md"));

        ExperimentResult again = RUNNER.run(spec(), resumed, false, 3, ExperimentProgress.SILENT);

        assertEquals(2, again.computedCells());
        assertEquals(6, again.reusedCells());
        assertEquals(2, again.cachedModels(), "the models of the two cells were stored before the interruption");
        assertEquals(files(whole), files(resumed));
    }

    @Test
    void aThreadCountBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RUNNER.run(spec(), tmp.resolve("t0"), false, 0,
                ExperimentProgress.SILENT));
    }
}
