package io.illc.core.io;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExactDecimalTest {
    private static void assertSameBits(double expected, double actual) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual), expected + " vs " + actual);
    }

    @Test
    void dividesOrMultipliesByAnExactPowerOfTen() {
        assertSameBits(0.1, ExactDecimal.of(1, 1));
        assertSameBits(17.99, ExactDecimal.of(1799, 2));
        assertSameBits(5000.0, ExactDecimal.of(5, -3));
        assertSameBits(0.0, ExactDecimal.of(0, 7));
        assertSameBits(9007199254740992.0, ExactDecimal.of(ExactDecimal.MAX_EXACT, 0));
        assertSameBits(1e-22, ExactDecimal.of(1, 22));
        assertSameBits(1e22, ExactDecimal.of(1, -22));
        assertSameBits(Double.parseDouble("123456789012345e-22"), ExactDecimal.of(123456789012345L, 22));
        assertSameBits(1e22, ExactDecimal.powerOfTen(ExactDecimal.MAX_POWER));
    }

    @Test
    void isNaNOutsideWhereOneRoundingIsExact() {
        assertTrue(Double.isNaN(ExactDecimal.of(ExactDecimal.MAX_EXACT + 1, 0)), "w beyond 2^53");
        assertTrue(Double.isNaN(ExactDecimal.of(1, 23)), "10^23 is not a double");
        assertTrue(Double.isNaN(ExactDecimal.of(1, -23)));
        assertTrue(Double.isNaN(ExactDecimal.of(-1, 0)), "the sign is the caller's");
    }
}
