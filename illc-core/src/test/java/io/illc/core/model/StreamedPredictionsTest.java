package io.illc.core.model;

import io.illc.core.data.CsvChunks;
import io.illc.core.data.CsvLoader;
import io.illc.core.stream.LocalRowPasses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Predictions of a file streamed chunk by chunk are the bytes of the same file held. */
class StreamedPredictionsTest {
    @TempDir
    Path tmp;

    @Test
    void aStreamedFileGivesTheBytesOfTheHeldFileWithColumnsInAnotherOrderAndAPartialLastChunk() throws Exception {
        // The scikit-learn fixture names its inputs; the file has them in reverse order, label first,
        // and 2.5 chunks of rows, so the last chunk is partial.
        LoadedModel model = ModelLoader.load(FrameworkFixturesTest.fixture("sklearn_mlp.json"), null);
        Path csv = reversedAndRepeated(LocalRowPasses.CHUNK_ROWS * 5 / 2);
        List<Long> progress = new ArrayList<>();

        StringWriter streamed = new StringWriter();
        Predictions.writeCsv(model, CsvChunks.open(csv, "diagnosis", true), streamed, (done, total) -> progress.add(done));
        String held = new String(Predictions.of(model, CsvLoader.load(csv, "diagnosis", true)).toCsv(), StandardCharsets.UTF_8);

        assertEquals(held, streamed.toString());
        assertEquals("malignant", held.substring(0, held.indexOf('\n')), "the model's own class name heads the column");
        assertEquals(List.of((long) LocalRowPasses.CHUNK_ROWS, 2L * LocalRowPasses.CHUNK_ROWS, (long) LocalRowPasses.CHUNK_ROWS * 5 / 2),
                progress);
    }

    @Test
    void anUnnamedModelsColumnsAreTheDatasClassesAsWhenHeld() throws Exception {
        LoadedModel model = ModelLoader.load(FrameworkFixturesTest.fixture("torch_batchnorm.onnx"), null);
        Path csv = breastCancerCsv();

        StringWriter streamed = new StringWriter();
        Predictions.writeCsv(model, CsvChunks.open(csv, "diagnosis", true), streamed, (done, total) -> { });

        assertEquals(new String(Predictions.of(model, CsvLoader.load(csv, "diagnosis", true)).toCsv(), StandardCharsets.UTF_8),
                streamed.toString());
        assertEquals("0,1", streamed.toString().substring(0, streamed.toString().indexOf('\n')));
    }

    /** The breast-cancer rows repeated to {@code rows} rows, every column in reverse order. */
    private Path reversedAndRepeated(int rows) throws URISyntaxException, IOException {
        List<String> lines = Files.readAllLines(breastCancerCsv());
        List<String> out = new ArrayList<>();
        for (int r = 0; r <= rows; r++) {
            List<String> fields = Arrays.asList(lines.get(r == 0 ? 0 : 1 + (r - 1) % (lines.size() - 1)).split(","));
            Collections.reverse(fields);
            out.add(String.join(",", fields));
        }
        return Files.write(tmp.resolve("reversed.csv"), out);
    }

    private static Path breastCancerCsv() throws URISyntaxException {
        return Path.of(StreamedPredictionsTest.class.getResource("/io/illc/core/data/breast_cancer.csv").toURI());
    }
}
