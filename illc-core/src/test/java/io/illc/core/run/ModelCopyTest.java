package io.illc.core.run;

import io.illc.core.model.ModelLoader;
import io.illc.core.spec.ModelSpec;
import io.illc.core.spec.TrainSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelCopyTest {
    @TempDir
    Path tmp;

    @Test
    void aWeightsJsonModelIsCopiedIntoTheFolderByteForByte() throws IOException {
        Path model = weightsJson("m.json", 40 << 20); // more than one block of the copy
        try (OutputFolder folder = OutputFolder.begin(tmp.resolve("out"), false);
             ModelCopy copy = ModelCopy.start(new ModelSpec.Load(model, null), folder)) {
            assertTrue(copy.of(model));
            copy.await();
            assertArrayEquals(Files.readAllBytes(model), Files.readAllBytes(folder.staging().resolve("model.json")));
        }
    }

    @Test
    void aCopyMadeNowIsTheSameAndFailsAlike() throws IOException {
        Path model = weightsJson("m.json", 20 << 20);
        try (OutputFolder folder = OutputFolder.begin(tmp.resolve("out"), false)) {
            ModelCopy.now(model, folder);
            assertArrayEquals(Files.readAllBytes(model), Files.readAllBytes(folder.staging().resolve("model.json")));
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ModelCopy.now(model, folder));
            assertEquals("cannot copy " + model + " to model.json", e.getMessage());
        }
    }

    @Test
    void onlyAFileReadAsWeightsJsonIsCopied() throws IOException {
        Path json = weightsJson("m.json", 100);
        Path zip = tmp.resolve("m.zip");
        Files.write(zip, new byte[]{'P', 'K', 3, 4, 0, 0});
        try (OutputFolder folder = OutputFolder.begin(tmp.resolve("out"), false)) {
            for (ModelSpec model : new ModelSpec[]{new ModelSpec.Load(json, ModelLoader.KERAS), new ModelSpec.Load(zip, null),
                new ModelSpec.Load(tmp.resolve("missing.json"), ModelLoader.WEIGHTS_JSON), new ModelSpec.Train(TrainSpec.defaults())}) {
                try (ModelCopy copy = ModelCopy.start(model, folder)) {
                    assertFalse(copy.of(json) || copy.of(zip), model.toString());
                }
            }
            assertFalse(Files.exists(folder.staging().resolve("model.json")));
        }
    }

    @Test
    void aCopyThatFailsFailsWhereItIsTaken() throws IOException {
        Path model = weightsJson("m.json", 100);
        try (OutputFolder folder = OutputFolder.begin(tmp.resolve("out"), false)) {
            folder.write("model.json", new byte[]{1}); // the copy may not overwrite a file
            try (ModelCopy copy = ModelCopy.start(new ModelSpec.Load(model, ModelLoader.WEIGHTS_JSON), folder)) {
                UncheckedIOException e = assertThrows(UncheckedIOException.class, copy::await);
                assertEquals("cannot copy " + model + " to model.json", e.getMessage());
            }
        }
    }

    @Test
    void aDiscardedCopyIsStoppedAndDeleted() throws IOException {
        Path model = weightsJson("m.json", 40 << 20);
        try (OutputFolder folder = OutputFolder.begin(tmp.resolve("out"), false)) {
            ModelCopy copy = ModelCopy.start(new ModelSpec.Load(model, null), folder);
            copy.discard(folder);
            assertFalse(Files.exists(folder.staging().resolve("model.json")));
        }
    }

    @Test
    void aFailedRunLeavesNoFolderBehindEvenWithACopyUnderWay() throws IOException {
        Path model = weightsJson("m.json", 40 << 20);
        Path target = tmp.resolve("runs").resolve("out");
        assertThrows(IllegalStateException.class, () -> {
            try (OutputFolder folder = OutputFolder.begin(target, false);
                 ModelCopy copy = ModelCopy.start(new ModelSpec.Load(model, null), folder)) {
                throw new IllegalStateException("the run failed"); // while the copy is under way
            }
        });
        assertFalse(Files.exists(tmp.resolve("runs")), "the folders made for the run are gone");
    }

    /** A file that starts as a JSON object, {@code bytes} long. */
    private Path weightsJson(String name, int bytes) throws IOException {
        byte[] content = new byte[bytes];
        new Random(bytes).nextBytes(content);
        content[0] = '{';
        Path file = tmp.resolve(name);
        Files.write(file, content);
        return file;
    }
}
