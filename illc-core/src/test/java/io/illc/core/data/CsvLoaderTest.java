package io.illc.core.data;

import io.illc.api.Matrix;
import io.illc.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvLoaderTest {
    @TempDir
    Path dir;

    @Test
    void aLargeFileTellsHowMuchOfItIsReadOnEitherReader() throws IOException {
        StringBuilder rows = new StringBuilder("a,b,label\n");
        for (int r = 0; r < 150_000; r++) {
            rows.append(r).append(".25,").append(r % 97).append(",c").append(r % 3).append('\n');
        }
        Path plain = csv("plain.csv", rows.toString()); // about 3 MB: several ranges
        Path cr = csv("cr.csv", rows.toString().replace('\n', '\r')); // lines ended by \r alone: Commons CSV's
        for (Path file : List.of(plain, cr)) {
            List<long[]> told = new java.util.ArrayList<>();
            Dataset read = CsvLoader.load(file, "label", true, 2, (done, total) -> told.add(new long[]{done, total}));

            long size = Files.size(file);
            assertEquals(CsvLoader.parse(Files.readAllBytes(file), file.toString(), file.getFileName().toString(), "label", true)
                    .features(), read.features());
            assertTrue(told.size() > 1, file + ": " + told.size() + " reports");
            for (int i = 0; i < told.size(); i++) {
                assertEquals(size, told.get(i)[1], file.toString());
                assertTrue(i == 0 || told.get(i)[0] >= told.get(i - 1)[0], file + ": never back");
            }
            assertArrayEquals(new long[]{size, size}, told.get(told.size() - 1), file.toString());
        }
    }

    private Path csv(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private Path csvBytes(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    /** Loading fails with one line that contains every fragment. */
    private static void assertRejected(Path file, String label, boolean hasLabel, String... fragments) {
        InputException e = assertThrows(InputException.class, () -> CsvLoader.load(file, label, hasLabel));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "'" + e.getMessage() + "' should contain '" + f + "'");
        }
    }

    /** The hand-written check accepts exactly what the regular expression it replaced accepted. */
    @Test
    void isDecimalMatchesTheGrammarOfPlainDecimalNumbers() {
        java.util.regex.Pattern grammar = java.util.regex.Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
        for (String t : List.of("0", "-1", "+2.5", "1.", ".5", "-.5e3", "1e5", "1E-5", "1.5e+10", "007")) {
            assertTrue(CsvLoader.isDecimal(t), t);
        }
        for (String t : List.of("", "+", "-", ".", "e5", "1e", "1e+", "1.5.2", "0x1p3", "1d", "NaN", "Infinity", "1 ", " 1",
                "1,5", "--1", "+-1", "1e5.5", "٣")) {
            assertFalse(CsvLoader.isDecimal(t), t);
        }
        java.util.Random random = new java.util.Random(4);
        String alphabet = "0123456789+-.eE x";
        for (int i = 0; i < 20000; i++) {
            StringBuilder t = new StringBuilder();
            for (int n = random.nextInt(7); n > 0; n--) {
                t.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertEquals(grammar.matcher(t).matches(), CsvLoader.isDecimal(t.toString()), t.toString());
        }
    }

    /** Values are converted by the fast parser to exactly Double.parseDouble's bits. */
    @Test
    void numbersHaveTheBitsOfDoubleParseDouble() {
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 20000; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(v)) {
                continue;
            }
            String t = switch (i % 4) {
                case 0 -> Double.toString(v);
                case 1 -> String.format(java.util.Locale.ROOT, "%.20e", v);
                case 2 -> String.format(java.util.Locale.ROOT, "%.12f", random.nextGaussian() * 1000);
                default -> "+" + Long.toString(random.nextLong() >>> 1) + ".";
            };
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(t)), Double.doubleToRawLongBits(CsvLoader.number(t)), t);
        }
    }

    /**
     * Data as people and numpy write it (at most 15 digits, exponents within ±22 of the point) is
     * converted by the loader's own exact path, and still has Double.parseDouble's bits; so do the
     * edges of that path (16 digits, 10^±22 and beyond, zeros, signs).
     */
    @Test
    void shortDecimalsHaveTheBitsOfDoubleParseDouble() {
        java.util.Random random = new java.util.Random(6);
        List<String> tokens = new java.util.ArrayList<>(List.of("0", "-0", "+0", "0.000", "-0.0e5", "007", ".5", "-.5",
                "1.", "123456789012345", "1234567890123456", "999999999999999e22", "999999999999999e23",
                "1e22", "1e23", "1e-22", "1e-23", "0.000000000000000000000001", "4.9e-324", "1.7976931348623157e308",
                "9007199254740993", "0.1", "0.2", "0.3", "17.99", "1.001e+02", "1E-3", "-2.5E+10"));
        for (int i = 0; i < 100_000; i++) {
            StringBuilder t = new StringBuilder(random.nextBoolean() ? "-" : "");
            int digits = 1 + random.nextInt(15);
            int point = random.nextInt(digits + 1);
            for (int d = 0; d < digits; d++) {
                if (d == point) {
                    t.append('.');
                }
                t.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextInt(3) == 0) {
                t.append('e').append(random.nextInt(61) - 30);
            }
            tokens.add(t.toString());
        }
        for (String t : tokens) {
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(t)), Double.doubleToRawLongBits(CsvLoader.number(t)), t);
        }
    }

    @Test
    void notNumbersAreNaNAndTheirMessagesSayWhy() {
        for (String t : List.of("", "abc", "NaN", "-inf", "1e999", "1,5", "0x10")) {
            assertTrue(Double.isNaN(CsvLoader.number(t)), t);
        }
        assertEquals("f, line 2, column 'a': missing value (empty field); every feature value must be a number",
                CsvLoader.notANumber("", "f, line 2, column 'a'").getMessage());
        assertEquals("w: 'NaN' is not a finite number; impute or drop the row", CsvLoader.notANumber("NaN", "w").getMessage());
        assertEquals("w: '1e999' is too large for a 64-bit float", CsvLoader.notANumber("1e999", "w").getMessage());
        assertEquals("w: 'abc' is not a number", CsvLoader.notANumber("abc", "w").getMessage());
        for (String missing : List.of("NA", "na", "N/A", "NULL", "None", "#N/A", "?")) { // R, SQL, spreadsheets, UCI
            assertTrue(Double.isNaN(CsvLoader.number(missing)), missing);
            assertEquals("w: '" + missing + "' is a missing value; every feature value must be a number: impute or drop"
                    + " the row", CsvLoader.notANumber(missing, "w").getMessage());
        }
        assertEquals("w: 'NAN1' is not a number", CsvLoader.notANumber("NAN1", "w").getMessage());
        for (String truth : List.of("True", "FALSE", "true")) { // pandas, R
            assertTrue(Double.isNaN(CsvLoader.number(truth)), truth);
            assertEquals("w: '" + truth + "' is a truth value; write it as 1 or 0", CsvLoader.notANumber(truth, "w").getMessage());
        }
    }

    @Test
    void readsFeaturesRowByRowWithTheLastColumnAsLabel() throws IOException {
        Path file = csv("rows.csv", "a,b,y\n1,2.5,0\n-3,4e-1,1\n");
        Dataset d = CsvLoader.load(file, null, true);
        assertEquals("rows.csv", d.name());
        assertEquals(List.of("a", "b"), d.featureNames());
        assertEquals(Matrix.of(new double[][] {{1, 2.5}, {-3, 0.4}}), d.features());
        assertEquals("y", d.labelName());
        assertEquals(List.of("0", "1"), d.classNames());
        assertArrayEquals(new int[] {0, 1}, d.labels());
    }

    @Test
    void hashesTheFileBytes() throws IOException, NoSuchAlgorithmException {
        byte[] bytes = "a,y\n1,0\n".getBytes(StandardCharsets.UTF_8);
        Path file = csvBytes("h.csv", bytes);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(expected, CsvLoader.load(file, null, true).sha256());
    }

    @Test
    void acceptsAUtf8ByteOrderMarkAndCrlfLineEndings() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "a,b,y\r\n1,2,x\r\n3,4,z\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        Dataset d = CsvLoader.load(csvBytes("bom.csv", all), "y", true);
        assertEquals(List.of("a", "b"), d.featureNames());
        assertEquals(Matrix.of(new double[][] {{1, 2}, {3, 4}}), d.features());
        assertEquals(List.of("x", "z"), d.classNames());
    }

    @Test
    void countsLinesCorrectlyInCrlfFilesWithAByteOrderMark() throws IOException {
        Path file = csv("crlf.csv", "\uFEFFa,y\r\n1,0\r\nbad,1\r\n");
        assertRejected(file, null, true, "crlf.csv", "line 3", "column 'a'", "'bad'");
    }

    @Test
    void ignoresEmptyLinesAtTheEnd() throws IOException {
        Dataset d = CsvLoader.load(csv("t.csv", "a,y\n1,0\n2,1\n\n\n"), null, true);
        assertEquals(2, d.rows());
    }

    @Test
    void acceptsAFileWithoutAFinalNewline() throws IOException {
        Dataset d = CsvLoader.load(csv("t.csv", "a,y\n1,0\n2,1"), null, true);
        assertEquals(2, d.rows());
    }

    @Test
    void picksTheLabelColumnByNameFromTheMiddle() throws IOException {
        Dataset d = CsvLoader.load(csv("m.csv", "a,label,b\n1,cat,2\n3,dog,4\n5,cat,6\n"), "label", true);
        assertEquals(List.of("a", "b"), d.featureNames());
        assertEquals(Matrix.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}), d.features());
        assertEquals("label", d.labelName());
        assertEquals(List.of("cat", "dog"), d.classNames());
        assertArrayEquals(new int[] {0, 1, 0}, d.labels());
    }

    @Test
    void treatsEveryColumnAsAFeatureWithoutALabel() throws IOException {
        Dataset d = CsvLoader.load(csv("n.csv", "a,b,c\n1,2,3\n"), null, false);
        assertEquals(List.of("a", "b", "c"), d.featureNames());
        assertEquals(Matrix.of(new double[][] {{1, 2, 3}}), d.features());
        assertFalse(d.hasLabels());
        assertNull(d.labels());
        assertNull(d.labelName());
        assertEquals(List.of(), d.classNames());
    }

    @Test
    void sortsStringLabelsAsStrings() throws IOException {
        Dataset d = CsvLoader.load(csv("s.csv", "a,y\n1,virginica\n2,setosa\n3,versicolor\n4,setosa\n"), null, true);
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertArrayEquals(new int[] {2, 0, 1, 0}, d.labels());
    }

    @Test
    void sortsNumericLabelsByValueSoTenComesAfterNine() throws IOException {
        Dataset d = CsvLoader.load(csv("n.csv", "a,y\n1,10\n2,9\n3,-1\n4,2\n5,10\n"), null, true);
        assertEquals(List.of("-1", "2", "9", "10"), d.classNames());
        assertArrayEquals(new int[] {3, 2, 0, 1, 3}, d.labels());
    }

    @Test
    void namesANumericClassByTheTokenThatAppearsFirst() throws IOException {
        Dataset d = CsvLoader.load(csv("n.csv", "a,y\n1,1.0\n2,0\n3,1\n4,-0\n"), null, true);
        assertEquals(List.of("0", "1.0"), d.classNames());
        assertArrayEquals(new int[] {1, 0, 1, 0}, d.labels());
    }

    @Test
    void sortsMixedNumberAndStringLabelsAsStrings() throws IOException {
        Dataset d = CsvLoader.load(csv("x.csv", "a,y\n1,10\n2,9\n3,b\n"), null, true);
        assertEquals(List.of("10", "9", "b"), d.classNames());
    }

    @Test
    void readsDoubleQuotedHeaderNamesLabelsAndValues() throws IOException {
        Path file = csv("q.csv", "\"size, cm\",\"the \"\"label\"\"\"\n\"1.5\",\"yes, really\"\n2, no \n");
        Dataset d = CsvLoader.load(file, "the \"label\"", true);
        assertEquals(List.of("size, cm"), d.featureNames());
        assertEquals(Matrix.of(new double[][] {{1.5}, {2}}), d.features());
        assertEquals(List.of("no", "yes, really"), d.classNames());
    }

    @Test
    void trimsSpacesAroundNamesAndValues() throws IOException {
        Dataset d = CsvLoader.load(csv("t.csv", "a , y\n 1 , 0\n"), "y", true);
        assertEquals(List.of("a"), d.featureNames());
        assertEquals(1.0, d.features().get(0, 0));
    }

    @Test
    void rejectsAMissingFile() {
        assertRejected(dir.resolve("nope.csv"), null, true, "nope.csv", "does not exist");
    }

    @Test
    void rejectsADirectory() {
        assertRejected(dir, null, true, dir.toString(), "is a directory");
    }

    @Test
    void columnsAreTheHeaderAsLoadReadsIt() throws IOException {
        Path file = csv("c.csv", "\uFEFF\"mean radius\" , \"a,b\",y\n1,2,0\n");
        assertEquals(List.of("mean radius", "a,b", "y"), CsvLoader.columns(file));
        assertEquals(List.of("mean radius", "a,b"), CsvLoader.featureColumns(file, "y", true));
        assertEquals(CsvLoader.load(file, "y", true).featureNames(), CsvLoader.featureColumns(file, "y", true));
    }

    @Test
    void columnsOfAFileThatCannotBeReadSayWhyInOneLine() throws IOException {
        assertColumnsRejected(dir.resolve("nope.csv"), "data file " + dir.resolve("nope.csv") + " does not exist");
        assertColumnsRejected(dir, "data file " + dir + " is a directory, not a CSV file");
        assertColumnsRejected(csv("e.csv", ""), dir.resolve("e.csv") + " is empty; expected a header row followed by data rows");
        Path latin1 = csvBytes("l.csv", "caf\u00e9,y\n1,0\n".getBytes(StandardCharsets.ISO_8859_1));
        assertColumnsRejected(latin1, latin1 + " is not UTF-8 text; save it as UTF-8 CSV");
        assertColumnsRejected(csv("d.csv", "a,a\n1,2\n"), "column name 'a' appears twice");
    }

    private static void assertColumnsRejected(Path file, String expected) {
        InputException e = assertThrows(InputException.class, () -> CsvLoader.columns(file));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should contain '" + expected + "'");
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    @Test
    void rejectsAnEmptyFile() throws IOException {
        assertRejected(csv("e.csv", ""), null, true, "e.csv", "is empty");
        assertRejected(csv("w.csv", "\n\n"), null, true, "w.csv", "is empty");
    }

    @Test
    void rejectsAHeaderWithoutDataRows() throws IOException {
        assertRejected(csv("h.csv", "a,b,y\n"), null, true, "h.csv", "header row but no data rows");
    }

    @Test
    void rejectsARaggedRowNamingItsRowLineAndBothFieldCounts() throws IOException {
        assertRejected(csv("r.csv", "a,b,y\n1,2,0\n1,2\n"), null, true, "r.csv, row 2 (line 3) has 2 fields, the header has 3");
    }

    @Test
    void rejectsANonNumericValueNamingRowLineColumnAndValue() throws IOException {
        assertRejected(csv("v.csv", "a,b,y\n1,2,0\n1,abc,1\n"), null, true,
                "v.csv, row 2 (line 3), column 'b': 'abc' is not a number");
    }

    @Test
    void rejectsNumberSpellingsThatAreNotPlainDecimals() throws IOException {
        assertRejected(csv("d.csv", "a,y\n1d,0\n"), null, true, "line 2", "column 'a'", "'1d' is not a number");
        assertRejected(csv("x.csv", "a,y\n0x1p3,0\n"), null, true, "line 2", "'0x1p3' is not a number");
    }

    @Test
    void rejectsAnEmptyValue() throws IOException {
        assertRejected(csv("m.csv", "a,b,y\n1,,0\n"), null, true, "m.csv", "line 2", "column 'b'", "missing value");
    }

    @Test
    void rejectsNaNAndInfinity() throws IOException {
        assertRejected(csv("n.csv", "a,y\nNaN,0\n"), null, true, "n.csv", "line 2", "column 'a'", "'NaN' is not a finite number");
        assertRejected(csv("i.csv", "a,y\n1,0\n-Infinity,1\n"), null, true, "line 3", "'-Infinity' is not a finite number");
        assertRejected(csv("j.csv", "a,y\ninf,0\n"), null, true, "'inf' is not a finite number");
    }

    @Test
    void rejectsANumberTooLargeForADouble() throws IOException {
        assertRejected(csv("o.csv", "a,y\n1e999,0\n"), null, true, "o.csv", "line 2", "column 'a'", "'1e999' is too large");
    }

    @Test
    void rejectsAnEmptyLabel() throws IOException {
        assertRejected(csv("l.csv", "a,y\n1,0\n2, \n"), null, true, "l.csv", "line 3", "column 'y'", "missing label");
    }

    @Test
    void rejectsDuplicateColumnNamesNamingTheName() throws IOException {
        assertRejected(csv("dup.csv", "a,b,a,y\n1,2,3,0\n"), null, true,
                "dup.csv", "line 1", "column name 'a' appears twice (columns 1 and 3)");
    }

    @Test
    void rejectsAnEmptyColumnName() throws IOException {
        assertRejected(csv("e.csv", "a,,y\n1,2,0\n"), null, true, "e.csv", "line 1", "column 2 has an empty name");
    }

    @Test
    void rejectsAnUnknownLabelColumnListingColumnsAndSuggestingOne() throws IOException {
        assertRejected(csv("u.csv", "radius,diagnosis\n1,0\n"), "diagnosys", true,
                "u.csv", "no label column 'diagnosys'", "columns: radius, diagnosis", "did you mean 'diagnosis'?");
    }

    @Test
    void rejectsALabelThatIsTheOnlyColumn() throws IOException {
        assertRejected(csv("o.csv", "y\n1\n"), null, true, "o.csv", "the only column 'y' is the label");
    }

    @Test
    void rejectsABlankLineBetweenRows() throws IOException {
        assertRejected(csv("b.csv", "a,y\n1,0\n\n2,1\n"), null, true, "b.csv, row 2 (line 3) is empty; remove blank lines between rows");
    }

    @Test
    void rejectsAnUnclosedQuote() throws IOException {
        assertRejected(csv("q.csv", "a,y\n1,\"open\n"), null, true, "q.csv, row 1 (line 2): a quoted field is not closed before the end of the file");
    }

    @Test
    void rejectsTextAfterAClosingQuote() throws IOException {
        assertRejected(csv("q.csv", "a,y\n\"1\"x,0\n"), null, true, "q.csv, row 1 (line 2): text after a closing quote");
    }

    @Test
    void rejectsAFileThatIsNotUtf8() throws IOException {
        Path file = csvBytes("latin1.csv", "größe,y\n1,0\n".getBytes(StandardCharsets.ISO_8859_1));
        assertRejected(file, null, true, "latin1.csv", "is not UTF-8");
    }
}
