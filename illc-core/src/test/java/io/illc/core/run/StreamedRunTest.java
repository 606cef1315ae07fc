package io.illc.core.run;

import io.illc.api.MetricResult;
import io.illc.core.Illc;
import io.illc.core.InputException;
import io.illc.core.spec.PipelineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run over a streamed CSV file against the same run with the rows held. */
class StreamedRunTest {
    private static final Illc ILLC = Illc.withPlugins(List.of());
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden").toAbsolutePath();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"global, average", "illc, average", "global, refit", "illc, refit"})
    void aStreamedRunGivesTheHeldRunsPartitionsNetworkAndMetrics(String method, String aggregation) throws IOException {
        Path csv = breastCancerCsv();
        RunResult held = ILLC.compute(spec(csv, method, aggregation, "memory"));
        RunResult streamed = ILLC.compute(spec(csv, method, aggregation, "stream"));

        assertEquals(held.compression().partitions(), streamed.compression().partitions());
        assertEquals(held.compressed(), streamed.compressed());
        assertEquals(held.metrics().keySet(), streamed.metrics().keySet());
        for (String name : held.metrics().keySet()) {
            MetricResult h = held.metrics().get(name);
            assertEquals(h.value(), streamed.metrics().get(name).value(), 1e-9 * Math.max(1, Math.abs(h.value())), name);
        }
        assertEquals(569, streamed.rows());
        assertEquals(0, streamed.data().rows(), "a streamed run holds no rows");
        assertTrue(streamed.compression().originalActivations().isEmpty());
        assertEquals(held.data().sha256(), streamed.data().sha256());
    }

    @Test
    void aStreamedRunTrainsCompressesAndFineTunesAsTheHeldRun() throws IOException {
        String spec = """
                {"data": {"csv": "%s"}, "model": {"train": {"hidden": [12, 8], "epochs": 3, "testFraction": 0.25}},
                 "compression": {"method": "illc", "shrink": 0.5, "aggregation": {"name": "refit"},
                                 "finetune": {"epochs": 4, "transfer": {"samples": 300}}},
                 "execution": {"threads": 2, "data": "%s"}}""";
        String csv = breastCancerCsv().toString().replace("\\", "\\\\");
        RunResult held = ILLC.compute(ILLC.parse(spec.formatted(csv, "memory"), GOLDEN, "test"));
        RunResult streamed = ILLC.compute(ILLC.parse(spec.formatted(csv, "stream"), GOLDEN, "test"));

        assertEquals(held.original(), streamed.original(), "the same trained network, bit for bit");
        assertEquals(held.compression().partitions(), streamed.compression().partitions());
        assertEquals(held.compressed(), streamed.compressed(), "the same fine-tuned network, bit for bit");
        assertEquals(held.finetune().bestEpoch(), streamed.finetune().bestEpoch());
        assertTrue(streamed.finetune().bestEpoch() > 0, "the test should see a tuned network, not the start");
        for (String name : List.of("train-accuracy", "test-accuracy")) {
            assertEquals(held.metrics().get(name).value(), streamed.metrics().get(name).value(), 0.0, name);
        }
        assertEquals(0, streamed.data().rows(), "a streamed run holds no rows");
    }

    @Test
    void aStreamedRunIsWrittenWithoutGlobalFeatureSummariesAndSaysWhy(@TempDir Path out) throws IOException {
        String spec = """
                {"data": {"csv": "%s"}, "model": {"load": "bc_tiny.model.json"},
                 "compression": {"method": "global", "shrink": 0.5, "clustering": {"name": "agglomerative"}},
                 "renderers": [{"name": "json"}, {"name": "html"}],
                 "execution": {"threads": 1, "data": "stream"}, "output": "%s"}"""
                .formatted(breastCancerCsv().toString().replace("\\", "\\\\"),
                        out.resolve("run").toString().replace("\\", "\\\\"));
        List<String> notes = new ArrayList<>();

        ILLC.run(ILLC.parse(spec, GOLDEN, "test"), false, new Progress() {
            @Override
            public void stage(String message) {
            }

            @Override
            public void note(String message) {
                notes.add(message);
            }
        });

        assertTrue(Files.isRegularFile(out.resolve("run/qbaf.html")));
        assertFalse(Files.exists(out.resolve("run/features.json")));
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("no features.json: the run streamed its rows")), notes.toString());
    }

    @Test
    void streamingASpecThatNeedsTheRowsHeldNamesEverySetting() throws IOException {
        String spec = """
                {"data": {"csv": "%s"}, "model": {"train": {"epochs": 1}},
                 "compression": {"rows": {"holdout": 0.2}},
                 "local": {"instances": [0]}, "execution": {"data": "stream"}}"""
                .formatted(breastCancerCsv().toString().replace("\\", "\\\\"));
        InputException e = assertThrows(InputException.class, () -> ILLC.compute(ILLC.parse(spec, GOLDEN, "test")));
        assertEquals("execution.data is 'stream', but compression.holdout, local need the rows held in"
                + " memory; remove them or set execution.data to 'auto' or 'memory'", e.getMessage());
    }

    @Test
    void aModelOfOtherDataIsRefusedBeforeEveryRowIsRead() {
        Path iris = Path.of("src", "main", "resources", "io", "illc", "core", "data", "iris.csv").toAbsolutePath();
        PipelineSpec spec = spec(iris, "global", "average", "stream");
        List<String> stages = new ArrayList<>();

        InputException e = assertThrows(InputException.class, () -> ILLC.compute(spec, stages::add));

        assertEquals(List.of("$.model.load: data 'iris.csv' has 4 feature columns but the model takes 30 inputs"),
                e.problems());
        assertFalse(stages.stream().anyMatch(s -> s.startsWith("checking data")), stages.toString());
    }

    @Test
    void autoHoldsASmallFileAndStreamsNothingThatNeedsRowsHeld() throws IOException {
        assertFalse(StreamedRun.wanted(spec(breastCancerCsv(), "global", "average", "auto")));
    }

    private static PipelineSpec spec(Path csv, String method, String aggregation, String data) {
        String spec = """
                {"data": {"csv": "%s"}, "model": {"load": "bc_tiny.model.json"},
                 "compression": {"method": "%s", "shrink": 0.5, "clustering": {"name": "agglomerative"},
                                 "aggregation": {"name": "%s"}},
                 "execution": {"threads": 2, "data": "%s"}}"""
                .formatted(csv.toString().replace("\\", "\\\\"), method, aggregation, data);
        return ILLC.parse(spec, GOLDEN, "test");
    }

    private static Path breastCancerCsv() throws IOException {
        Path file = Files.createTempFile("breast-cancer", ".csv");
        file.toFile().deleteOnExit();
        try (InputStream in = StreamedRunTest.class.getResourceAsStream("/io/illc/core/data/breast_cancer.csv")) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }
}
