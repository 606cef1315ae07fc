package io.illc.core.model;

import io.illc.api.Activation;
import io.illc.core.InputException;
import io.illc.core.data.CsvChunks;
import io.illc.core.data.CsvLoader;
import io.illc.core.data.Dataset;
import io.illc.core.spec.TrainSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Training on a streamed CSV (rows spilled to a temporary file) against training on the same rows held. */
class StreamedTrainingTest {
    /** More rows than two chunks and two scan blocks, so that chunk and block edges are crossed. */
    private static final int ROWS = 2 * Trainer.BLOCK_ROWS + 1234;

    @Test
    void streamedTrainingGivesTheHeldNetworkSplitAndAccuracies(@TempDir Path dir) throws IOException {
        Path csv = labelledCsv(dir.resolve("rows.csv"), ROWS);
        TrainSpec spec = new TrainSpec(List.of(7, 5), Activation.RELU, 2, 64, 0.01, 0.2, Activation.SOFTMAX);
        Dataset held = CsvLoader.load(csv, "kind", true);
        CsvChunks chunks = CsvChunks.open(csv, "kind", true);
        List<Path> before = spilledFiles();

        TrainingResult fromMemory = Trainer.train(held, spec, 11, TrainingProgress.NONE);
        TrainingResult fromStream = Trainer.train(chunks, chunks.header(), spec, 11, TrainingProgress.NONE);

        assertEquals(fromMemory.mlp(), fromStream.mlp(), "every weight bit for bit");
        assertEquals(fromMemory.testRows(), fromStream.testRows());
        assertEquals(fromMemory.trainAccuracy(), fromStream.trainAccuracy(), 0.0);
        assertEquals(fromMemory.testAccuracy(), fromStream.testAccuracy(), 0.0);
        assertEquals(List.of("a", "b", "c"), fromStream.mlp().outputNames());
        assertEquals(before, spilledFiles(), "the temporary files are deleted");
    }

    @Test
    void spilledRowsReadBackExactlyInAnyOrder() {
        try (SpilledRows rows = SpilledRows.create(3, "test")) {
            double[] values = new double[3 * 50_000];
            SplittableRandom random = new SplittableRandom(5);
            for (int r = 0; r < 50_000; r++) {
                for (int i = 0; i < 3; i++) {
                    values[3 * r + i] = random.nextGaussian() * Math.pow(10, i * 100);
                }
                rows.append(values, 3 * r, r % 7);
            }
            rows.finish();

            double[] some = new double[9];
            int[] labels = new int[3];
            rows.read(new int[]{49_999, 0, 31_337}, some, labels);
            assertArrayEquals(new int[]{49_999 % 7, 0, 31_337 % 7}, labels);
            assertArrayEquals(new double[]{values[149_997], values[149_998], values[149_999], values[0], values[1],
                    values[2], values[94_011], values[94_012], values[94_013]}, some, 0.0);

            double[] range = new double[3 * 4];
            rows.readRange(20_000, 4, range, new int[4]);
            assertArrayEquals(Arrays.copyOfRange(values, 60_000, 60_012), range, 0.0);
            assertEquals(50_000, rows.count());
        }
    }

    @Test
    void rowsWithoutLabelsAreRefusedByName(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("unlabelled.csv");
        Files.writeString(csv, "x,y\n1,2\n3,4\n");
        CsvChunks chunks = CsvChunks.open(csv, null, false);
        Dataset header = chunks.header();
        TrainSpec spec = new TrainSpec(List.of(3), Activation.RELU, 1, 4, 0.01, 0.0, Activation.SOFTMAX);

        InputException e = assertThrows(InputException.class, () -> Trainer.train(chunks, header, spec, 1, TrainingProgress.NONE));
        assertEquals("dataset unlabelled.csv has no label column; training needs labelled rows", e.getMessage());
    }

    /** Three features and a class "a", "b" or "c" in the second column, from a seeded teacher. */
    private static Path labelledCsv(Path file, int rows) throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder s = new StringBuilder("x1,kind,x2,x3\n");
        for (int r = 0; r < rows; r++) {
            double x1 = random.nextGaussian();
            double x2 = 5 + 3 * random.nextGaussian();
            double x3 = random.nextDouble();
            String kind = x1 + 0.2 * x2 > 1.5 ? "c" : x3 > 0.5 ? "b" : "a";
            s.append(String.format(Locale.ROOT, "%.6f,%s,%.6f,%.6f%n", x1, kind, x2, x3));
        }
        return Files.writeString(file, s);
    }

    private static List<Path> spilledFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().matches("illc-(train|test)-rows-.*\\.bin")).sorted().toList();
        }
    }
}
