package io.illc.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void tinyAndHugeNumbersUseScientificNotation() {
        assertEquals("1.23457e-07", RunSummary.number(1.23456789e-7));
        assertEquals("1e-07", RunSummary.number(1e-7));
        assertEquals("2.5e+15", RunSummary.number(2.5e15));
        assertEquals("NaN", RunSummary.number(Double.NaN));
    }
}
