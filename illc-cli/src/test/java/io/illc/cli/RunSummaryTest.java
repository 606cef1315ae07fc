package io.illc.cli;

import io.illc.api.Matrix;
import io.illc.core.data.CsvChunks;
import io.illc.core.data.CsvLoader;
import io.illc.core.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunSummaryTest {
    @Test
    void wholeNumbersPrintWithoutADecimalPoint() {
        assertEquals("120", RunSummary.number(120));
        assertEquals("0", RunSummary.number(0));
        assertEquals("-3", RunSummary.number(-3));
    }

    @Test
    void otherNumbersKeepSixSignificantDigitsWithoutTrailingZeros() {
        assertEquals("0.5", RunSummary.number(0.5));
        assertEquals("0.0123457", RunSummary.number(0.0123456789));
        assertEquals("123.457", RunSummary.number(123.456789));
        assertEquals("0.0001234", RunSummary.number(0.0001234));
    }

    @Test
    void aHeaderOfNumbersIsTakenForAFileWithoutOne() {
        assertEquals(Optional.of("every column name of rows.csv is a number (1.706999, -2.115339, 3e-2, ...): if the"
                        + " file has no header row, its first row was taken for one and left out of the data; add a header"
                        + " (numpy: savetxt(..., header='f1,f2,...,label', comments=''))"),
                RunSummary.headerOfNumbers(data(List.of("1.706999", "-2.115339", "3e-2"), "0")));
        assertEquals(Optional.of("every column name of rows.csv is a number (.5, 7.): if the file has no header row,"
                        + " its first row was taken for one and left out of the data; add a header (numpy:"
                        + " savetxt(..., header='f1,f2,...,label', comments=''))"),
                RunSummary.headerOfNumbers(data(List.of(".5", "7."), null)));
        // pandas names the columns of a bare array 0, 1, 2, ...: a header, not data
        assertEquals(Optional.empty(), RunSummary.headerOfNumbers(data(List.of("0", "1", "2"), "3")));
        assertEquals(Optional.empty(), RunSummary.headerOfNumbers(data(List.of("1.5", "2.5"), "label")));
        assertEquals(Optional.empty(), RunSummary.headerOfNumbers(data(List.of("1.5", "x1"), null)));
        assertEquals(Optional.empty(), RunSummary.headerOfNumbers(null));
    }

    @Test
    void aStreamedFileWithoutAHeaderRowIsTakenForOneAsAHeldOne(@TempDir Path tmp) throws IOException {
        Path csv = Files.writeString(tmp.resolve("savetxt.csv"), "1.5,2.5,0\n1.25,2,1\n2,1,0\n");

        Optional<String> held = RunSummary.headerOfNumbers(CsvLoader.load(csv, null, true));

        assertTrue(held.isPresent());
        assertEquals(held, RunSummary.headerOfNumbers(CsvChunks.open(csv, null, true).header()));
    }

    private static Dataset data(List<String> features, String label) {
        return new Dataset("rows.csv", features, Matrix.zeros(1, features.size()), label,
                label == null ? List.of() : List.of("a"), label == null ? null : new int[1], "0");
    }

    @Test
    void tinyAndHugeNumbersUseScientificNotation() {
        assertEquals("1.23457e-07", RunSummary.number(1.23456789e-7));
        assertEquals("1e-07", RunSummary.number(1e-7));
        assertEquals("2.5e+15", RunSummary.number(2.5e15));
        assertEquals("NaN", RunSummary.number(Double.NaN));
    }
}
