package io.illc.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextTableTest {
    @Test
    void padsEveryColumnButTheLastToItsWidestCellPlusTwoSpaces() {
        StringWriter text = new StringWriter();
        new TextTable("A", "BB", "C").row("xyz", "1", "long last cell").row("q", "22", "").print(new PrintWriter(text), "> ");
        assertEquals("> A    BB  C\n> xyz  1   long last cell\n> q    22\n",
                text.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void combiningMarksTakeNoColumn() {
        assertEquals(1, TextTable.width("π\u0302"));
        assertEquals(3, TextTable.width("φ⁻¹"));
    }

    @Test
    void aRowMustFillEveryColumn() {
        assertThrows(IllegalArgumentException.class, () -> new TextTable("A", "B").row("only one"));
    }
}
