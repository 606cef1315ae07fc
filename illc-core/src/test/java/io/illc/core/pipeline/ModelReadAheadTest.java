package io.illc.core.pipeline;

import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import io.illc.core.InputException;
import io.illc.core.Workers;
import io.illc.core.data.Dataset;
import io.illc.core.model.ModelLoader;
import io.illc.core.model.ModelShape;
import io.illc.core.model.WeightsJson;
import io.illc.core.spec.ModelSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelReadAheadTest {
    private static final Dataset DATA = new Dataset("two", List.of("a", "b"),
            Matrix.of(new double[][]{{1, 2}, {3, 4}}), "y", List.of("no", "yes"), new int[]{0, 1}, "0");

    @TempDir
    Path tmp;

    private ModelReadAhead ahead;

    @AfterEach
    void dropWhatWasNotTaken() {
        if (ahead != null) {
            ahead.close();
        }
    }

    @Test
    void theModelStageTakesOverTheReadOfTheFileTheSpecLoads() throws IOException {
        Path model = model("m.json", 0.5);
        ahead = ModelReadAhead.start(spec("""
                {"specVersion": 1, "model": {"load": "m.json", "format": "weights-json"}, "execution": {"threads": 2}}"""), null);
        assertNotNull(ahead.read());

        ModelSource source = new ModelStage().begin(new ModelSpec.Load(model, "weights-json"), 1).await(DATA);
        assertNull(ModelReadAhead.take(model, "weights-json"), "taken once, by the stage");
        assertModelEquals(network(0.5), source.mlp());
        assertEquals(Hashes.sha256(model), source.sha256());
        assertEquals("weights-json", source.format());
    }

    /** The glance at the spec runs on a thread of its own: the stage asking at once waits for it, then takes the read. */
    @Test
    void aStageAskingBeforeTheGlanceEndsStillTakesTheRead() throws IOException {
        Path model = model("m.json", 0.25);
        ahead = ModelReadAhead.start(spec("""
                {"specVersion": 1, "model": {"load": "m.json", "format": "weights-json"}}"""), null);

        ModelReadAhead.Read taken = ModelReadAhead.take(model, "weights-json");
        assertNotNull(taken);
        assertModelEquals(network(0.25), Workers.join(taken.loaded()).mlp());
        assertNull(ModelReadAhead.take(model, "weights-json"), "taken once");
    }

    /** validate's read ahead: the shape only, taken over by {@link ModelReadAhead#shape}, never by a model stage. */
    @Test
    void validateTakesOverTheShapeReadOfTheFileTheSpecLoads() throws IOException {
        Path model = model("m.json", 0.5);
        ModelShape direct = ModelLoader.shape(model, "weights-json");
        ahead = ModelReadAhead.startShape(spec("""
                {"specVersion": 1, "model": {"load": "m.json", "format": "weights-json"}}"""));
        assertNotNull(ahead.read().shape());
        assertNull(ahead.read().loaded(), "no weights kept, no digest");

        assertNull(ModelReadAhead.take(model, "weights-json"), "a model stage does not take a shape");
        assertEquals(direct, ModelReadAhead.shape(model, "weights-json"));
        assertNull(ModelReadAhead.take(model, "weights-json", true), "taken once");
        assertEquals(direct, ModelReadAhead.shape(model, "weights-json"), "read again when none is pending");
    }

    @Test
    void aBrokenModelsShapeFailsWithTheMessageOfAReadThatWasNotAhead() throws IOException {
        Path model = tmp.resolve("broken.json");
        Files.writeString(model, "{\"format\": \"illc-mlp\", \"version\": 1, \"layers\": [{\"weights\": [[1, 2]], \"bias\": [1, 2],"
                + " \"activation\": \"relu\"}]}");
        InputException direct = assertThrows(InputException.class, () -> ModelLoader.shape(model, null));

        ahead = ModelReadAhead.startShape(spec("{\"model\": {\"load\": \"broken.json\"}}"));
        assertNotNull(ahead.read());
        InputException taken = assertThrows(InputException.class, () -> ModelReadAhead.shape(model, null));
        assertEquals(direct.getMessage(), taken.getMessage());
    }

    @Test
    void aReadOfAnotherFileOrFormatIsNotTaken() throws IOException {
        Path model = model("m.json", 0.5);
        Path other = model("other.json", 0.25);
        ahead = ModelReadAhead.start(spec("{\"model\": {\"load\": \"m.json\"}}"), 1);
        assertNotNull(ahead.read());

        assertModelEquals(network(0.25), new ModelStage().begin(new ModelSpec.Load(other, null), 1).await(DATA).mlp());
        assertNull(ModelReadAhead.take(model, "weights-json"), "a given format is not a detected one");
        assertNotNull(ModelReadAhead.take(model, null), "still pending for its own file and format");
    }

    @Test
    void aFileChangedSinceTheReadBeganIsReadAgain() throws IOException {
        Path model = model("m.json", 0.5);
        ahead = ModelReadAhead.start(spec("{\"model\": {\"load\": \"m.json\"}}"), 1);
        Workers.join(ahead.read().loaded()); // the old file read in full
        write(model, network(-0.123456789)); // a longer number: another size

        assertModelEquals(network(-0.123456789), new ModelStage().begin(new ModelSpec.Load(model, null), 1).await(DATA).mlp());
    }

    @Test
    void aReadNotTakenIsDroppedWhenTheRunEnds() throws IOException {
        Path model = model("m.json", 0.5);
        ahead = ModelReadAhead.start(spec("{\"model\": {\"load\": \"m.json\"}}"), 1);
        ahead.close();
        assertNull(ModelReadAhead.take(model, null));
    }

    @Test
    void aBrokenModelFailsWithTheMessageOfAReadThatWasNotAhead() throws IOException {
        Path model = tmp.resolve("broken.json");
        Files.writeString(model, "{\"format\": \"illc-mlp\", \"version\": 1, \"layers\": [{\"weights\": [[1, 2]], \"bias\": [1, 2],"
                + " \"activation\": \"relu\"}]}");
        InputException direct = assertThrows(InputException.class,
                () -> new ModelStage().begin(new ModelSpec.Load(model, null), 1).await(DATA));

        ahead = ModelReadAhead.start(spec("{\"model\": {\"load\": \"broken.json\"}}"), 1);
        assertNotNull(ahead.read());
        InputException taken = assertThrows(InputException.class,
                () -> new ModelStage().begin(new ModelSpec.Load(model, null), 1).await(DATA));
        assertEquals(direct.getMessage(), taken.getMessage());
        assertNull(ModelReadAhead.take(model, null), "the failed read was the one taken");
    }

    @Test
    void nothingIsReadAheadWhenTheSpecDoesNotPlainlyLoadAModelFileHere() throws IOException {
        model("m.json", 0.5);
        Files.createDirectories(tmp.resolve("folder.json"));
        for (String spec : List.of(
                "not json",
                "[1, 2]",
                "{\"model\": {\"train\": {\"hidden\": [4]}}}",
                "{\"data\": {\"builtin\": \"iris\"}}",
                "{\"model\": {\"load\": \"missing.json\"}}",
                "{\"model\": {\"load\": \"folder.json\"}}",
                "{\"model\": {\"load\": \"  \"}}",
                "{\"model\": {\"load\": 3}}",
                "{\"model\": {\"load\": \"m.json\", \"format\": \"pickle\"}}",
                "{\"model\": {\"load\": \"m.json\"}, \"execution\": {\"engine\": \"spark\"}}",
                "{\"model\": {\"load\": \"m.json\"}, \"execution\": {\"data\": \"stream\"}}",
                "{\"model\": {\"load\": \"m.json\"}, \"seed\": ",
                "{\"model\": {\"load\": \"m.json\"}} {}",
                "{\"model\": {\"load\": \"m.json\"}, \"model\": {\"load\": \"m.json\"}}",
                "{\"model\": {\"load\": \"m.json\", \"load\": \"m.json\"}}",
                "{\"model\": [\"m.json\"]}",
                "{\"model\": {\"load\": \"m.json\", \"format\": 3}}",
                "{\"model\": {\"load\": \"m.json\"}, \"execution\": {\"engine\": 3}}",
                "{\"model\": {\"load\": \"m.json\"}, \"execution\": {\"engine\": null}}",
                "{\"model\": {\"load\": \"m.json\"}, \"seed\": NaN}")) {
            try (ModelReadAhead none = ModelReadAhead.start(spec(spec), null)) {
                assertNull(none.read(), spec);
            }
        }
        try (ModelReadAhead none = ModelReadAhead.start(tmp.resolve("no-such-spec.json"), null)) {
            assertNull(none.read());
        }
    }

    /** The glance finds the members it needs in any order, among objects and arrays it skips. */
    @Test
    void theGlanceFindsTheModelAmongTheSpecsOtherMembers() throws IOException {
        Path model = model("m.json", 0.5);
        for (String spec : List.of(
                "{\"model\": {\"load\": \"m.json\"}}",
                "{\"model\": {\"load\": \"m.json\", \"format\": null}}",
                """
                {"data": {"csv": {"path": "d.csv", "label": "y"}, "split": [0.8, {"x": [1, 2]}]},
                 "execution": {"threads": 3, "engine": "local", "data": "memory"},
                 "model": {"train": {"hidden": [4, 2]}, "load": "m.json", "options": {"load": "other.json"}},
                 "metrics": [{"name": "io-unfaithfulness"}], "seed": 7}""")) {
            try (ModelReadAhead read = ModelReadAhead.start(spec(spec), null)) {
                assertNotNull(read.read(), spec);
                assertEquals(model, read.read().file(), spec);
                assertNull(read.read().format(), spec);
            }
        }
        try (ModelReadAhead read = ModelReadAhead.start(spec(
                "{\"execution\": {\"threads\": 2}, \"model\": {\"format\": \"weights-json\", \"load\": \"m.json\"}}"), null)) {
            assertEquals("weights-json", read.read().format());
        }
    }

    /** OpenBLAS loads beside the model only with processors to spare, and only for weights JSON. */
    @Test
    void openBlasLoadsAheadWithProcessorsToSpareForWeightsJsonOnly() throws IOException {
        Path json = model("m.json", 0.5);
        int enough = ModelReadAhead.BLAS_AHEAD_PROCESSORS;
        assertFalse(ModelReadAhead.loadBlasAhead(2, json, null));
        assertFalse(ModelReadAhead.loadBlasAhead(enough - 1, json, "weights-json"));
        assertTrue(ModelReadAhead.loadBlasAhead(enough, json, null), "weights JSON by its content");
        assertTrue(ModelReadAhead.loadBlasAhead(64, json, "weights-json"));
        // Reading the other formats starts ND4J.
        Path zip = Files.write(tmp.resolve("m.zip"), new byte[]{'P', 'K', 3, 4});
        assertFalse(ModelReadAhead.loadBlasAhead(64, zip, null));
        assertFalse(ModelReadAhead.loadBlasAhead(64, json, "dl4j"));
    }

    @Test
    void oneReadIsPendingAtATime() throws IOException {
        model("m.json", 0.5);
        Path spec = spec("{\"model\": {\"load\": \"m.json\"}}");
        ahead = ModelReadAhead.start(spec, 1);
        try (ModelReadAhead second = ModelReadAhead.start(spec, 1)) {
            assertNotNull(ahead.read());
            assertNull(second.read());
        }
        assertNotNull(ModelReadAhead.take(tmp.resolve("m.json"), null), "the second's close leaves the first's read");
    }

    private Path spec(String json) throws IOException {
        Path spec = tmp.resolve("spec.json");
        Files.writeString(spec, json);
        return spec;
    }

    private Path model(String name, double scale) throws IOException {
        Path file = tmp.resolve(name);
        write(file, network(scale));
        return file;
    }

    private static void write(Path file, Mlp mlp) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            WeightsJson.write(mlp, out);
        }
    }

    /** 2 → 3 → 2, every weight a multiple of {@code scale}. */
    private static Mlp network(double scale) {
        return Mlp.unnamed(List.of(
                new DenseLayer(Matrix.of(new double[][]{{scale, -scale}, {2 * scale, 0}, {0, 3 * scale}}),
                        Vector.of(new double[]{scale, 0, -scale}), Activation.RELU),
                new DenseLayer(Matrix.of(new double[][]{{1, scale, 0}, {0, -scale, 1}}), Vector.of(new double[]{0, scale}),
                        Activation.SOFTMAX)));
    }

    private static void assertModelEquals(Mlp expected, Mlp actual) {
        assertEquals(expected.layers().size(), actual.layers().size());
        for (int l = 0; l < expected.layers().size(); l++) {
            assertArrayEquals(expected.layers().get(l).weights().toRowMajor(), actual.layers().get(l).weights().toRowMajor());
            assertArrayEquals(expected.layers().get(l).bias().toArray(), actual.layers().get(l).bias().toArray());
        }
    }
}
