package io.illc.core.data;

import io.illc.core.InputException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RFC 4180 CSV: quoted fields with line breaks, CRLF and a byte-order mark; errors still name line and column. */
class CsvRfc4180Test {
    private static Dataset parse(String text) {
        return CsvLoader.parse(text.getBytes(StandardCharsets.UTF_8), "t.csv", "t.csv", null, true);
    }

    @Test
    void acceptsAQuotedFieldHoldingALineBreak() {
        Dataset d = parse("\"first\nfeature\",\"label, with comma\"\r\n1.5,\"a\r\nb\"\r\n2,c\r\n");
        assertEquals(List.of("first\nfeature"), d.featureNames());
        assertEquals("label, with comma", d.labelName());
        assertEquals(List.of("a\r\nb", "c"), d.classNames());
        assertArrayEquals(new double[]{1.5, 2}, d.features().column(0));
    }

    @Test
    void acceptsAByteOrderMarkAndCrlf() {
        Dataset d = parse("\uFEFFx,y\r\n1,0\r\n2,1\r\n");
        assertEquals(List.of("x"), d.featureNames());
        assertEquals(2, d.rows());
    }

    @Test
    void aProblemAfterAMultiLineFieldNamesTheLineItsRowStartsOn() {
        InputException e = assertThrows(InputException.class, () -> parse("x,y\n1,\"a\nb\"\nzz,c\n"));
        assertEquals("t.csv, row 2 (line 4), column 'x': 'zz' is not a number", e.getMessage());
    }

    @Test
    void aQuotedFieldLeftOpenIsReportedWithItsLine() {
        InputException e = assertThrows(InputException.class, () -> parse("x,y\n1,\"open\n2,1\n"));
        assertEquals("t.csv, row 1 (line 2): a quoted field is not closed before the end of the file", e.getMessage());
    }

    @Test
    void aQuoteInsideAnUnquotedFieldDoesNotSwallowTheNextLines() {
        InputException e = assertThrows(InputException.class, () -> parse("x,y\n1\"5,a\n2,b\n"));
        assertEquals("t.csv, row 1 (line 2), column 'x': '1\"5' is not a number", e.getMessage());
    }
}
