package io.illc.core.data;

import io.illc.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A plain CSV file parsed in byte ranges on many threads gives what the one-thread reader gives, to the bit. */
class CsvRangesTest {
    @TempDir
    Path dir;

    @Test
    void numbersHaveTheBitsOfTheOneThreadReader() {
        List<String> tokens = new ArrayList<>(List.of("0", "-0", "+0", "0.0", "-0.0", "1", "1.", ".5", "-.5", "+3", "1e5",
                "1E-5", "1e+5", "2.5e007", "2.5e0007", "1e22", "1e23", "1e-22", "1e-23", "123456789012345",
                "1234567890123456", "12345678901234567890", "0.000000000000000000000000001", "000123.4500",
                "4.9e-324", "2.4703282292062327e-324", "1.7976931348623157e308", "1e309", "1e-400", "9007199254740993",
                "", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1e5.5", "--1", "0x10", "1d", "NaN", "inf", "1,5", " 1"));
        Random random = new Random(7);
        String[] parts = {"0", "1", "9", "5", "-", "+", ".", "e", "E", "00", "123", "99999999"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder t = new StringBuilder();
            for (int n = 1 + random.nextInt(6); n > 0; n--) {
                t.append(parts[random.nextInt(parts.length)]);
            }
            tokens.add(t.toString());
            tokens.add(String.valueOf(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20)));
            tokens.add(String.format(Locale.ROOT, "%.6f", random.nextGaussian()));
            // What numpy's savetxt (19 digits) and pandas (the shortest that reads back) write, and longer
            double x = random.nextGaussian() * Math.pow(10, random.nextInt(600) - 300);
            tokens.add(String.format(Locale.ROOT, "%.18e", x));
            tokens.add(String.format(Locale.ROOT, "%+.16e", x));
            tokens.add(new java.math.BigDecimal(x).toPlainString().replaceFirst("(\\.\\d{0,30}).*", "$1"));
        }
        tokens.addAll(List.of("+1234567890123456", "-9007199254740993", "9007199254740992.5", "2.2250738585072011e-308",
                "2.2250738585072012e-308", "1.00000000000000011102230246251565404e0", "4.94065645841246544e-324",
                "1.797693134862315807e308", "1.797693134862315808e308", "0.1000000000000000055511151231257827"));
        for (String token : tokens) {
            byte[] bytes = ("#" + token + "#").getBytes(StandardCharsets.ISO_8859_1);
            double expected = CsvLoader.number(token);
            assertEquals(Double.doubleToRawLongBits(expected),
                    Double.doubleToRawLongBits(CsvRanges.number(bytes, 1, bytes.length - 1)), token);
            if (!Double.isNaN(expected)) { // and Java's own reading, correctly rounded
                assertEquals(Double.doubleToRawLongBits(Double.parseDouble(token)), Double.doubleToRawLongBits(expected), token);
            }
        }
    }

    @Test
    void plainFilesReadAsTheOneThreadReaderReadsThemForAnyThreadCountAndRanges() throws IOException {
        String[][] cases = {
                {"simple.csv", "a,b,label\n1,2,x\n3,4,y\n5,6,x\n", null, "true"},
                {"crlf.csv", "a,b,label\r\n1.5, -2 ,x\r\n 3e2,4,y \r\n\r\n  \r\n", null, "true"},
                {"unended.csv", "a,b\n1,2\n3,4", null, "false"},
                {"quoted.csv", "\"a\",\"b\",\"label\"\n\"1\", \" 2 \" ,\"M\"\n3,4,\"B, malignant\"\n", null, "true"},
                {"bom.csv", "\uFEFFa,b,label\n1,2,x\n", null, "true"},
                {"numeric-labels.csv", "a,y\n1,1\n2,1.0\n3,-0\n4,0\n5,10\n6,9\n", null, "true"},
                {"middle-label.csv", "a,y,b\n1,p q,2\n3,r,4\n", "y", "true"},
                {"values.csv", "a,b,c,d,y\n4.9e-324,123456789012345678,.5,5.,0\n+3,1e-5,-0,2.5e0007,1\n", null, "true"},
                {"long-header.csv", "a" + "b".repeat(300) + ",y\n1,0\n", null, "true"},
                {"random.csv", randomRows(500, 7), null, "true"},
                {"many-labels.csv", "a,y\n" + "1,l%d\n".repeat(60).formatted(java.util.stream.IntStream.range(0, 60)
                        .map(i -> (i * 7) % 20).boxed().toArray()), null, "true"}, // more labels than are kept by bytes
                {"utf8-label.csv", "a,y\n1,bösartig\n2,gutartig\n", null, "true"},
                {"utf8-labels.csv", "a,y\n1,良性\n2, 悪性 \n3,\" café \"\n4,🙂\n5,x\u00A0\n6,良性\n", null, "true"}, // 4 bytes, NBSP kept
                {"many-utf8-labels.csv", "a,y\n" + "1,é%d\n".repeat(60).formatted(java.util.stream.IntStream.range(0, 60)
                        .map(i -> (i * 7) % 20).boxed().toArray()), null, "true"},
        };
        for (String[] c : cases) {
            Path file = write(c[0], c[1]);
            boolean hasLabel = Boolean.parseBoolean(c[3]);
            Dataset expected = CsvLoader.parse(Files.readAllBytes(file), file.toString(), c[0], c[2], hasLabel);
            for (int threads : new int[]{1, 2, 3}) {
                for (int rangeBytes : new int[]{1, 7, 1 << 20}) {
                    for (int readBytes : new int[]{4, 16, 1 << 20}) {
                        Dataset read = CsvRanges.read(file, c[0], c[2], hasLabel, threads, rangeBytes, readBytes);
                        String where = c[0] + " on " + threads + " threads, ranges of " + rangeBytes + " B, reads of " + readBytes;
                        assertNotNull(read, where);
                        assertSame(expected, read, where);
                    }
                }
            }
            assertSame(expected, CsvLoader.load(file, c[2], hasLabel), c[0]);
        }
    }

    @Test
    void declinesEveryFileThatIsNotPlainOrHasARowTheOneThreadReaderRefuses() throws IOException {
        String[][] cases = {
                {"quoted-break.csv", "a,y\n1,\"p\nq\"\n2,r\n"},
                {"cr.csv", "a,y\r1,0\r2,1\r"},
                {"cr-in-row.csv", "a,y\n1,0\r2,1\n"},
                {"blank-between.csv", "a,y\n1,0\n\n2,1\n"},
                {"blank-between-ranges.csv", "a,y\n1,0\n \n" + "2,1\n".repeat(50)},
                {"word.csv", "a,y\n1,0\nzz,1\n"},
                {"nan.csv", "a,y\nNaN,0\n"},
                {"too-large.csv", "a,y\n1e400,0\n"},
                {"short-row.csv", "a,b,y\n1,2,0\n1,0\n"},
                {"long-row.csv", "a,y\n1,0\n1,0,3\n"},
                {"empty-label.csv", "a,y\n1,0\n2, \n"},
                {"header-only.csv", "a,y\n"},
                {"header-unended.csv", "a,y"},
                {"doubled-quote.csv", "a,y\n1,\"p\"\"q\"\n"},
                {"after-quote.csv", "a,y\n\"1\"x,0\n"},
                {"tab.csv", "a,y\n1\t,0\n"},
                {"quote-inside.csv", "a,y\n1,p\"q\n"},
                {"no-label-column.csv", "a,b\n1,2\n"},
        };
        for (String[] c : cases) {
            Path file = write(c[0], c[1]);
            String label = c[0].equals("no-label-column.csv") ? "y" : null;
            assertNull(CsvRanges.read(file, c[0], label, true, 2, 1, 4), c[0]);
            assertLoadsAsTheOneThreadReader(file, label);
        }
        // Labels that are not UTF-8: CsvRows refuses them, naming the line.
        for (byte[] label : new byte[][]{{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {0x61, (byte) 0xE2, (byte) 0x82}}) {
            Path file = dir.resolve("malformed.csv");
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            csv.write("a,y\n1,ok\n2,".getBytes(StandardCharsets.US_ASCII));
            csv.write(label);
            csv.write('\n');
            Files.write(file, csv.toByteArray());
            assertNull(CsvRanges.read(file, "malformed.csv", null, true, 2, 1, 4), Arrays.toString(label));
            assertLoadsAsTheOneThreadReader(file, null);
        }
        Path gzip = dir.resolve("rows.csv.gz");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write("a,y\n1,0\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.write(gzip, bytes.toByteArray());
        assertNull(CsvRanges.read(gzip, "rows.csv.gz", null, true, 2, 1, 4));
        assertNull(CsvRanges.read(dir.resolve("missing.csv"), "missing.csv", null, true, 2, 1, 4));
    }

    /** The file loads (or fails with the message) as the one-thread reader reads it. */
    private void assertLoadsAsTheOneThreadReader(Path file, String label) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        try {
            Dataset expected = CsvLoader.parse(bytes, file.toString(), name, label, true);
            assertSame(expected, CsvLoader.load(file, label, true), name);
        } catch (InputException refused) {
            assertEquals(refused.getMessage(),
                    assertThrows(InputException.class, () -> CsvLoader.load(file, label, true)).getMessage());
        }
    }

    private static void assertSame(Dataset expected, Dataset actual, String where) {
        assertEquals(expected.name(), actual.name(), where);
        assertEquals(expected.featureNames(), actual.featureNames(), where);
        assertEquals(expected.features(), actual.features(), where); // bit for bit
        assertEquals(expected.labelName(), actual.labelName(), where);
        assertEquals(expected.classNames(), actual.classNames(), where);
        assertArrayEquals(expected.labels(), actual.labels(), where);
        assertEquals(expected.sha256(), actual.sha256(), where);
    }

    private static String randomRows(int rows, long seed) {
        Random random = new Random(seed);
        String[] labels = {"benign", "malignant", "unsure", "B"};
        StringBuilder csv = new StringBuilder("f0,f1,f2,label\n");
        for (int r = 0; r < rows; r++) {
            csv.append(String.format(Locale.ROOT, "%.6f,%s,%d,%s\n", random.nextGaussian(), random.nextGaussian() * 1e-3,
                    random.nextInt(1000) - 500, labels[random.nextInt(labels.length)]));
        }
        return csv.toString();
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
