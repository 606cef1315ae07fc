package io.illc.core.data;

import io.illc.api.Matrix;
import io.illc.core.InputException;
import io.illc.core.stream.LocalRowPasses;
import io.illc.core.stream.RowPasses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvChunksTest {
    @TempDir
    Path dir;

    @Test
    void readsQuotesQuotedLineBreaksCrlfAndAByteOrderMarkAsTheLoaderDoes() throws IOException {
        String text = "\uFEFFa,\"b, with comma\",label\r\n1,2,x\r\n\"3\",\" 4.5\",\"multi\r\nline\"\r\n-1e2,+.5,\"q\"\"uote\"\r\n\r\n";
        Path file = write("odd.csv", text);
        CsvChunks chunks = CsvChunks.open(file, null, true);
        assertEquals(3, chunks.count());
        assertEquals(java.util.List.of("a", "b, with comma"), chunks.featureNames());
        Dataset loaded = CsvLoader.load(file, null, true);
        assertEquals(loaded.features(), all(new LocalRowPasses(chunks, 1)));
        assertEquals(loaded.sha256(), chunks.sha256());
    }

    @Test
    void theOneThreadCheckTellsHowFarItHasReadEveryMegabyteAndAtTheEnd() throws IOException {
        Path file = dir.resolve("synth.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            new SyntheticData(3L * LocalRowPasses.CHUNK_ROWS + 5, 40, 3, 4).write(out, (done, total) -> { });
        }
        // Lines ended by \r alone make the file one for CsvRows from its header on, not for CsvRanges.
        Files.writeString(file, Files.readString(file).replace('\n', '\r'));
        long size = Files.size(file);
        java.util.List<long[]> told = new java.util.ArrayList<>();

        CsvChunks checked = CsvChunks.open(file, "label", true, (done, total) -> told.add(new long[]{done, total}));

        assertEquals(3L * LocalRowPasses.CHUNK_ROWS + 5, checked.count());
        assertTrue(size > 3 << 20, size + " bytes");
        assertEquals(size / (1 << 20) + 1, told.size(), "after every megabyte, and at the end");
        for (int i = 0; i < told.size(); i++) {
            assertEquals(size, told.get(i)[1]);
            long before = i == 0 ? 0 : told.get(i - 1)[0];
            assertTrue(i == told.size() - 1 || told.get(i)[0] - before >= 1 << 20, "a megabyte further: " + told.get(i)[0]);
        }
        assertEquals(size, told.get(told.size() - 1)[0]);
    }

    @Test
    void aFileOfManyChunksGivesTheLoadersRowsOnEveryThreadCount() throws IOException {
        Path file = dir.resolve("synth.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            new SyntheticData(2L * LocalRowPasses.CHUNK_ROWS + 17, 5, 3, 4).write(out, (done, total) -> { });
        }
        Matrix expected = CsvLoader.load(file, "label", true).features();
        CsvChunks chunks = CsvChunks.open(file, "label", true);
        for (int threads : new int[]{1, 2, 7}) {
            assertEquals(expected, all(new LocalRowPasses(chunks, threads)), threads + " threads");
        }
    }

    @Test
    void aMalformedRowDeepInTheFileIsReportedByItsRowLineAndColumn() throws IOException {
        StringBuilder text = new StringBuilder("x,y,label\n");
        for (int r = 1; r <= 9000; r++) {
            text.append(r == 8765 ? "1,abc,0\n" : r + ",2,1\n");
        }
        Path file = write("bad.csv", text.toString());
        InputException e = assertThrows(InputException.class, () -> CsvChunks.open(file, null, true));
        assertEquals(file + ", row 8765 (line 8766), column 'y': 'abc' is not a number", e.getMessage());
    }

    @Test
    void anUnclosedQuoteNamesTheRowItStartsIn() throws IOException {
        Path file = write("quote.csv", "x,label\n1,0\n\"2,1\n3,0\n");
        InputException e = assertThrows(InputException.class, () -> CsvChunks.open(file, null, true));
        assertEquals(file + ", row 2 (line 3): a quoted field is not closed before the end of the file", e.getMessage());
    }

    @Test
    void rowsOfTheWrongWidthAndBlankLinesBetweenRowsAreReported() throws IOException {
        Path wide = write("wide.csv", "x,label\n1,0\n2,1,3\n");
        assertEquals(wide + ", row 2 (line 3) has 3 fields, the header has 2",
                assertThrows(InputException.class, () -> CsvChunks.open(wide, null, true)).getMessage());
        Path blank = write("blank.csv", "x,label\n1,0\n\n2,1\n");
        assertEquals(blank + ", row 2 (line 3) is empty; remove blank lines between rows",
                assertThrows(InputException.class, () -> CsvChunks.open(blank, null, true)).getMessage());
    }

    @Test
    void aPlainFileIsCheckedOnEveryThreadAndReadAsTheOneThreadReaderReadsIt() throws IOException {
        Path file = dir.resolve("synth.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            new SyntheticData(120_000, 5, 3, 4).write(out, (done, total) -> { });
        }
        Path odd = dir.resolve("odd.csv"); // the same rows, one tab more: read by CsvRows
        Files.write(odd, Files.readAllBytes(file));
        Files.writeString(odd, "\t" + Files.readAllLines(file).get(1) + "\n", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(file, Files.readAllLines(file).get(1) + "\n", java.nio.file.StandardOpenOption.APPEND);
        CsvChunks byRows = CsvChunks.open(odd, "label", true, 1, (done, total) -> { });
        long size = Files.size(file);
        for (int threads : new int[]{1, 3}) {
            java.util.List<long[]> told = new java.util.ArrayList<>();
            CsvChunks byRanges = CsvChunks.open(file, "label", true, threads, (done, total) -> told.add(new long[]{done, total}));
            assertEquals(byRows.count(), byRanges.count());
            assertEquals(byRows.classNames(), byRanges.classNames());
            assertEquals(byRows.featureNames(), byRanges.featureNames());
            assertEquals(all(new LocalRowPasses(byRows, 2)), all(new LocalRowPasses(byRanges, threads)));
            assertEquals(CsvLoader.load(file, "label", true).sha256(), byRanges.sha256());
            assertTrue(told.size() > 1, "a file of more than one range is checked range by range: " + told.size());
            for (int i = 0; i < told.size(); i++) {
                assertEquals(size, told.get(i)[1]);
                assertTrue(i == 0 || told.get(i)[0] >= told.get(i - 1)[0], "never back");
            }
            assertEquals(size, told.get(told.size() - 1)[0]);
            assertEquals(labels(byRows), labels(byRanges));
            try (io.illc.core.stream.ChunkSource.ChunkReader plain = byRanges.open();
                 io.illc.core.stream.ChunkSource.ChunkReader other = byRows.open()) {
                assertTrue(plain.byIndex() != null, "the plain file's chunks are read by index");
                assertTrue(other.byIndex() == null, "the other file's are read in order");
            }
        }
    }

    @Test
    void aPlainFileThatChangesAfterItsCheckIsNamedByThePassThatFindsIt() throws IOException {
        Path file = write("rows.csv", "x,label\n1,a\n2,b\n");
        CsvChunks checked = CsvChunks.open(file, "label", true, 2, (done, total) -> { });
        Files.writeString(file, "x,label\n1,a\nz,b\n"); // as long, a value no longer a number
        assertEquals(file + " changed while it was read: a row is no longer what was checked",
                assertThrows(InputException.class, () -> labels(checked)).getMessage());
        Files.writeString(file, "x,label\n1,a\n");
        assertEquals(file + " changed while it was read: it has fewer than 2 rows now",
                assertThrows(InputException.class, () -> labels(checked)).getMessage());
        assertEquals(file + " changed while it was read: it has fewer than 2 rows now", // read by the workers
                assertThrows(InputException.class, () -> all(new LocalRowPasses(checked, 2))).getMessage());
        Files.writeString(file, "x,label\n1,a\n2,c\n");
        assertEquals(file + " changed while it was read: row 2 has the new label 'c'",
                assertThrows(InputException.class, () -> labels(checked)).getMessage());
        Files.delete(file);
        assertEquals("data file " + file + " does not exist",
                assertThrows(InputException.class, () -> labels(checked)).getMessage());
        // A pass opens the file for reading in order only when it reads so: its workers open their own.
        try (io.illc.core.stream.ChunkSource.ChunkReader reader = checked.open()) {
            assertTrue(reader.byIndex() != null);
        }
        assertEquals("data file " + file + " does not exist",
                assertThrows(InputException.class, () -> all(new LocalRowPasses(checked, 2))).getMessage());
    }

    @Test
    void labelsInUtf8KeepAFileOnThePlainPath() throws IOException {
        StringBuilder csv = new StringBuilder("x,classe\n");
        for (int r = 0; r < 3 * LocalRowPasses.CHUNK_ROWS + 5; r++) {
            csv.append(r).append(',').append(new String[]{"bénin", "malin", "良性 🙂"}[r * r % 3]).append('\n');
        }
        Path file = write("utf8.csv", csv.toString());
        Dataset held = CsvLoader.parse(Files.readAllBytes(file), file.toString(), "utf8.csv", "classe", true);
        CsvChunks streamed = CsvChunks.open(file, "classe", true, 2, (done, total) -> { });
        try (io.illc.core.stream.ChunkSource.ChunkReader reader = streamed.open()) {
            assertTrue(reader.byIndex() != null, "read by index: the plain path");
        }
        assertEquals(held.classNames(), streamed.classNames());
        assertEquals(java.util.Arrays.stream(held.labels()).boxed().toList(), labels(streamed));
        assertEquals(held.features(), all(new LocalRowPasses(streamed, 2)));
    }

    /** Every row's class index, chunk by chunk. */
    private static java.util.List<Integer> labels(CsvChunks rows) throws IOException {
        java.util.List<Integer> labels = new java.util.ArrayList<>();
        try (io.illc.core.stream.ChunkSource.ChunkReader reader = rows.open()) {
            for (io.illc.core.stream.RowChunk chunk; (chunk = reader.next()) != null; ) {
                for (int label : chunk.labels()) {
                    labels.add(label);
                }
            }
        }
        return labels;
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** Every row, gathered chunk by chunk at the rows' positions. */
    static Matrix all(RowPasses passes) {
        int m = passes.features();
        double[] values = passes.aggregate(() -> new double[(int) passes.count() * m], (acc, chunk) -> {
            System.arraycopy(chunk.values(), 0, acc, (int) chunk.firstRow() * m, chunk.values().length);
            return acc;
        }, (left, right) -> {
            for (int i = 0; i < left.length; i++) {
                left[i] += right[i];
            }
            return left;
        });
        return Matrix.ofRowMajor((int) passes.count(), m, values);
    }
}
