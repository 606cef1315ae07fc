package io.illc.core.data;

import io.illc.api.Matrix;
import io.illc.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one CSV reader behind held and streamed data: the same files accepted, the same problems in the same words. */
class CsvRowsTest {
    @TempDir
    Path dir;

    @Test
    void heldAndStreamedDataRefuseEveryMalformedFileWithTheSameMessage() throws IOException {
        String[][] cases = {
                {"value.csv", "a,y\n1,0\n2,1\nzz,0\n", "row 3 (line 4), column 'a': 'zz' is not a number"},
                {"nan.csv", "a,y\nNaN,0\n", "row 1 (line 2), column 'a': 'NaN' is not a finite number; impute or drop the row"},
                {"empty-value.csv", "a,b,y\n1,,0\n", "row 1 (line 2), column 'b': missing value (empty field);"
                        + " every feature value must be a number"},
                {"label.csv", "a,y\n1,0\n2, \n", "row 2 (line 3), column 'y': missing label (empty field)"},
                {"wide.csv", "a,y\n1,0\n2,1,3\n", "row 2 (line 3) has 3 fields, the header has 2"},
                {"blank.csv", "a,y\n1,0\n\n2,1\n", "row 2 (line 3) is empty; remove blank lines between rows"},
                {"open.csv", "a,y\n1,0\n\"2,1\n3,0\n", "row 2 (line 3): a quoted field is not closed before the end of the file"},
                {"after.csv", "a,y\n\"1\"x,0\n", "row 1 (line 2): text after a closing quote; a quoted field's"
                        + " closing quote must be followed by a comma or the end of the line"},
                {"multiline.csv", "a,y\n1,\"p\nq\"\nzz,0\n", "row 2 (line 4), column 'a': 'zz' is not a number"},
                {"twice.csv", "a,b,a,y\n1,2,3,0\n", "line 1: column name 'a' appears twice (columns 1 and 3);"
                        + " column names must be unique"},
                {"unnamed.csv", "a,,y\n1,2,0\n", "line 1: column 2 has an empty name; every column needs a name"},
                {"pandas-index.csv", ",a,y\n0,1,0\n1,2,1\n", "line 1: column 1 has an empty name; every column needs a"
                        + " name (as pandas and R write their row names: save with to_csv(..., index=False) or"
                        + " write.csv(..., row.names = FALSE))"},
                {"above.csv", "\na,y\n1,0\n", "line 1 is empty; the header row must be the first line"},
                {"semicolons.csv", "a;b;y\n1,5;2;0\n", "line 1: the header has no comma but 2 semicolons; illc reads"
                        + " comma-separated CSV: save the file with commas between columns"},
                {"tab.csv", "a\ty\n1\t0\n", "line 1: the header has no comma but 1 tab; illc reads"
                        + " comma-separated CSV: save the file with commas between columns"},
        };
        for (String[] c : cases) {
            Path file = write(c[0], c[1]);
            String expected = file + ", " + c[2];
            assertEquals(expected, assertThrows(InputException.class, () -> CsvLoader.load(file, null, true)).getMessage());
            assertEquals(expected, assertThrows(InputException.class, () -> CsvChunks.open(file, null, true)).getMessage());
        }
    }

    @Test
    void aFileOfBlankLinesIsEmptyHeldAndStreamed() throws IOException {
        Path file = write("blank.csv", "\n \n\n");
        String expected = file + " is empty; expected a header row followed by data rows";
        assertEquals(expected, assertThrows(InputException.class, () -> CsvLoader.load(file, null, true)).getMessage());
        assertEquals(expected, assertThrows(InputException.class, () -> CsvChunks.open(file, null, true)).getMessage());
    }

    @Test
    void aFileOfOneColumnIsRead() throws IOException {
        Dataset d = CsvLoader.load(write("one.csv", "x\n1\n2\n"), null, false);
        assertEquals(List.of("x"), d.featureNames());
        assertArrayEquals(new double[]{1, 2}, d.features().column(0));
    }

    @Test
    void aGzipCompressedFileIsReadAsItsTextHeldAndStreamed() throws IOException, NoSuchAlgorithmException {
        String text = "a,b,label\n1.5,2,x\n-3,4e2,y\n5,6,x\n";
        Path plain = write("plain.csv", text);
        Path gz = dir.resolve("rows.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Dataset held = CsvLoader.load(gz, null, true);
        Dataset expected = CsvLoader.load(plain, null, true);
        assertEquals(expected.features(), held.features());
        assertArrayEquals(expected.labels(), held.labels());
        assertEquals(expected.classNames(), held.classNames());
        // Provenance names the file as it is: the SHA-256 of its compressed bytes.
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(gz))),
                held.sha256());
        CsvChunks streamed = CsvChunks.open(gz, null, true);
        assertEquals(3, streamed.count());
        assertEquals(held.sha256(), streamed.sha256());
        assertEquals(List.of("a", "b"), CsvLoader.columns(gz).subList(0, 2));
        assertEquals(text.length(), CsvLoader.textSize(gz));
        assertEquals(text.length(), CsvLoader.textSize(plain));
    }

    @Test
    void aCutOffGzipFileSaysSo() throws IOException {
        StringBuilder text = new StringBuilder("a,label\n");
        new Random(1).doubles(20_000).forEach(v -> text.append(v).append(",x\n"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = bytes.toByteArray();
        Path cut = dir.resolve("cut.csv.gz");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        String expected = cut + " is a damaged or incomplete gzip file (Unexpected end of ZLIB input stream)";
        assertEquals(expected, assertThrows(InputException.class, () -> CsvLoader.load(cut, null, true)).getMessage());
        assertEquals(expected, assertThrows(InputException.class, () -> CsvChunks.open(cut, null, true)).getMessage());
        Path header = dir.resolve("header.csv.gz");
        Files.write(header, new byte[]{0x1f, (byte) 0x8b}); // the magic and nothing else: no gzip header
        assertEquals(header + " is a damaged or incomplete gzip file",
                assertThrows(InputException.class, () -> CsvLoader.load(header, null, true)).getMessage());
    }

    @Test
    void readsLinesEndedByACarriageReturnAlone() throws IOException {
        Dataset d = CsvLoader.load(write("mac.csv", "x,y\r1.5,a\r2,b\r"), null, true);
        assertEquals(List.of("x"), d.featureNames());
        assertArrayEquals(new double[]{1.5, 2}, d.features().column(0));
        assertEquals(List.of("a", "b"), d.classNames());
    }

    @Test
    void theColumnsOfAHeaderWithAQuotedLineBreakAreItsNames() throws IOException {
        Path file = write("h.csv", "\"first\nname\",y\n1,0\n");
        assertEquals(List.of("first\nname", "y"), CsvLoader.columns(file));
        assertEquals(List.of("first\nname"), CsvLoader.featureColumns(file, null, true));
    }

    @Test
    void rowsSpanningSeveralBlocksKeepTheirOrderAndLabels() throws IOException {
        StringBuilder text = new StringBuilder("a,b,label\n");
        int rows = 3 * (1 << 16) + 7; // blocks of 2^17 values: 2^16 rows of two features
        for (int r = 0; r < rows; r++) {
            text.append(r).append(',').append(-r).append(',').append(r % 3 == 0 ? "c" : "b").append('\n');
        }
        Dataset d = CsvLoader.load(write("blocks.csv", text.toString()), null, true);
        assertEquals(rows, d.rows());
        assertEquals(List.of("b", "c"), d.classNames());
        double[] expected = new double[2 * rows];
        int[] classes = new int[rows];
        for (int r = 0; r < rows; r++) {
            expected[2 * r] = r;
            expected[2 * r + 1] = -r;
            classes[r] = r % 3 == 0 ? 1 : 0;
        }
        assertEquals(Matrix.ofRowMajor(rows, 2, expected), d.features());
        assertArrayEquals(classes, d.labels());
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
