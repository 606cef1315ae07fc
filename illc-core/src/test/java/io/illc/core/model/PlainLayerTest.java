package io.illc.core.model;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PlainLayer}: the plain form read to the strict reader's bits, everything else declined.
 * (The damaged-document tests of {@link StreamingWeightsJsonTest} run it too: the layers read in
 * parallel go through it first.)
 */
class PlainLayerTest {
    @Test
    void readsAPlainLayerWithItsKeysInAnyOrderAndAnyJsonWhitespace() {
        PlainLayer.Fields f = read(" {\"bias\" :[0.5,-1],\n\t\"activation\":\"relu\",\r\n"
                + "\"weights\": [ [1.0, -2.5e-1, 3] ,[0, 1E2, -0.0] ] } ");
        assertNotNull(f);
        assertEquals(2, f.rows());
        assertEquals(3, f.width());
        assertArrayEquals(new double[]{1.0, -0.25, 3.0, 0.0, 100.0, -0.0}, f.weights());
        assertArrayEquals(new double[]{0.5, -1.0}, f.bias());
        assertEquals("relu", f.activation());
    }

    @Test
    void keepsOnlyTheShapeWhenAskedToButStillDeclinesANumberThatIsNotFinite() {
        byte[] json = bytes("{\"weights\": [[1, 2], [3, 4], [5, 6]], \"bias\": [1, 2, 3], \"activation\": \"tanh\"}");
        PlainLayer.Fields f = PlainLayer.read(ByteBuffer.wrap(json), false);
        assertNotNull(f);
        assertNull(f.weights());
        assertNull(f.bias());
        assertEquals(3, f.biasLength());
        assertEquals(3, f.rows());
        assertEquals(2, f.width());
        byte[] huge = bytes("{\"weights\": [[1e400]], \"bias\": [1], \"activation\": \"tanh\"}");
        assertNull(PlainLayer.read(ByteBuffer.wrap(huge), false));
    }

    /** Jackson converts an integer literal through an integer, so {@code -0} is +0.0 there; {@code -0.0} keeps its sign. */
    @Test
    void anIntegerMinusZeroIsPositiveZeroAsInTheStrictReader() {
        PlainLayer.Fields f = read("{\"weights\": [[-0, -0.0, -0e0, 0]], \"bias\": [-0], \"activation\": \"linear\"}");
        assertNotNull(f);
        assertEquals(0L, Double.doubleToRawLongBits(f.weights()[0]));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(f.weights()[1]));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(f.weights()[2]));
        assertEquals(0L, Double.doubleToRawLongBits(f.bias()[0]));
    }

    @Test
    void declinesEverythingButThePlainForm() {
        String w = "\"weights\": [[1, 2]], ";
        String b = "\"bias\": [0], ";
        String a = "\"activation\": \"relu\"";
        for (String json : List.of(
                "{" + w + b + a + ", \"meta\": 1}",             // another key
                "{" + w + w + b + a + "}",                     // a repeated key
                "{" + b + a + "}",                             // a missing key
                "{}",
                "{\"weights\": [], " + b + a + "}",           // empty arrays
                "{\"weights\": [[]], " + b + a + "}",
                "{" + w + "\"bias\": [], " + a + "}",
                "{\"weights\": [[1, 2], [3]], " + b + a + "}", // ragged rows
                "{\"weights\": [[01, 2]], " + b + a + "}",    // numbers JSON does not allow
                "{\"weights\": [[00.5, 2]], " + b + a + "}",
                "{\"weights\": [[-01.5, 2]], " + b + a + "}",
                "{\"weights\": [[1., 2]], " + b + a + "}",
                "{\"weights\": [[.5, 2]], " + b + a + "}",
                "{\"weights\": [[+1, 2]], " + b + a + "}",
                "{\"weights\": [[1e, 2]], " + b + a + "}",
                "{\"weights\": [[-, 2]], " + b + a + "}",
                "{\"weights\": [[NaN, 2]], " + b + a + "}",
                "{\"weights\": [[1e400, 2]], " + b + a + "}", // not finite
                "{\"weights\": [[1" + "0".repeat(400) + ", 2]], " + b + a + "}", // longer than the strict parser allows
                "{\"weights\": [[1, 2],], " + b + a + "}",    // trailing commas
                "{\"weights\": [[1, 2,]], " + b + a + "}",
                "{" + w + b + "\"activation\": \"re\\u006cu\"}", // an escape
                "{" + w + b + "\"activation\": {\"name\": \"elu\"}}",
                "{" + w + b + "\"activation\": \"relu\"} x",  // content after the object
                "{" + w + b + "\"activation\": \"relu\"",     // no closing brace
                "{\"weights\" [[1, 2]], " + b + a + "}",      // no colon
                "{\"weights\": [[1 2]], " + b + a + "}",      // no comma
                "{\"weights\": [[1,\f2]], " + b + a + "}",    // not JSON whitespace
                "{\"weights\": [[1, 2]] " + b + a + "}",
                "[" + w + b + a + "]")) {
            assertNull(read(json), json);
        }
    }

    /** Every spelling of a number the plain form allows gives the strict reader's bits. */
    @Test
    void convertsEveryNumberToTheStrictReadersBits() {
        Random random = new Random(21);
        List<String> literals = new ArrayList<>(List.of("0", "-0", "0.0", "-0.0", "1", "-1", "9007199254740993",
                "-9223372036854775808", "9223372036854775808", "123456789012345678901234567890", "4.9e-324",
                "2.4703282292062328e-324", "1.7976931348623157e308", "2.2250738585072011e-308", "1e-400", "0.1",
                "0e5", "-0e0", "1E+2", "1e-2", "123.456e-7", "1.2345678901234567e-05", "-9.876543210987654E-7",
                "12345678901234567e-22", "12345678901234567e-23", "1.2345678901234567e+3", "123456789012345678e-005",
                "1234567890123456789e-5", "1.5e0001",
                // At the edges of the exact division (digits as an integer up to 2^53, up to 22 decimals).
                "9007199254740992", "-9007199254740992", "0.9007199254740992", "0.9007199254740993",
                "90071992547409.92", "0.0000000000000000000001", "0.00000000000000000000001",
                "-0.0000000000000000000009", "0.1000000000000000055511151231257827", "0.3", "-0.000",
                // More than 19 digits, some of them leading zeros.
                "0.0012345678901234567", "-0.00098765432109876543", "0.000000000000000000000000001234567890123456789",
                "0.00000000000000000000000000", "-0.00000000000000000000000000", "123.45678901234567890123",
                "0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                        + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                        + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001"));
        for (int i = 0; i < 6000; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(v)) {
                continue;
            }
            literals.add(switch (i % 8) {
                case 0 -> Double.toString(v);
                case 1 -> String.format(Locale.ROOT, "%.17e", random.nextGaussian());
                case 2 -> String.format(Locale.ROOT, "%.25f", random.nextGaussian() * 1e-3);
                case 3 -> Long.toString(random.nextLong());
                // Shortest round-trip digits written out in full, as Python's json writes a weight.
                case 4, 5 -> new BigDecimal(Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(7) - 4)))
                        .toPlainString();
                case 6 -> String.format(Locale.ROOT, "%." + (1 + random.nextInt(22)) + "f", random.nextGaussian());
                default -> Double.toString(random.nextGaussian()).replace("E", "e");
            });
        }
        String row = "[" + String.join(", ", literals) + "]";
        String layer = "{\"weights\": [" + row + "], \"bias\": [0], \"activation\": \"linear\"}";
        PlainLayer.Fields plain = read(layer);
        assertNotNull(plain);
        String document = "{\"layers\": [" + layer + "]}";
        // The one-pass reader: Jackson's tokenizer, whatever the size.
        double[] strict = WeightsJson.parse(bytes(document), "m.json").mlp().layer(1).weights().toRowMajor();
        assertEquals(strict.length, plain.weights().length);
        for (int i = 0; i < strict.length; i++) {
            assertEquals(Double.doubleToRawLongBits(strict[i]), Double.doubleToRawLongBits(plain.weights()[i]), literals.get(i));
        }
    }

    /** w × 10^-k by hand: exact quotients, the correctly rounded one, and the exact halfway cases it must leave to Jackson. */
    @Test
    void theQuotientOfALongSignificandIsCorrectlyRoundedOrLeftToJackson() {
        // 2^53 + 2 is a double; 2^53 + 1 and 2^59 + 64 lie exactly halfway between two.
        assertEquals(9007199254740994.0, PlainLayer.quotient(9007199254740994L, 0));
        assertTrue(Double.isNaN(PlainLayer.quotient(9007199254740993L, 0)));
        assertTrue(Double.isNaN(PlainLayer.quotient((1L << 59) + 64, 0)));
        assertEquals((double) ((1L << 59) + 65), PlainLayer.quotient((1L << 59) + 65, 0)); // rounds up to 2^59 + 128
        assertEquals((1L << 59) + 128, (long) PlainLayer.quotient((1L << 59) + 65, 0));
        // 18 digits over 10^18 (k = 18): 0.123456789012345678 rounds to the double nearest it.
        assertEquals(0.123456789012345678, PlainLayer.quotient(123456789012345678L, 18));
        assertEquals(Double.parseDouble("185.98361628544572"), PlainLayer.quotient(18598361628544572L, 14));
        assertEquals(Double.parseDouble("1.2569139103163585e-4"), PlainLayer.quotient(12569139103163585L, 20));
    }

    /**
     * Against the JDK: random significands of 17 and 18 digits over every power of ten it takes, and
     * decimals of 17 to 18 digits within 10^-17 of halfway between two doubles (where a rounding
     * error would show); each gives the JDK's bits, or NaN where halfway is within 2^-30 units of it
     * (exact ties, frequent for small k) or at a power of two.
     */
    @Test
    void quotientsAgreeWithTheJdkOrDeclineNearHalfway() {
        Random random = new Random(53);
        int declined = 0;
        for (int i = 0; i < 1_000_000; i++) {
            long w = (1L << 53) + 1 + (long) (random.nextDouble() * (1e18 - (1L << 53) - 1));
            int k = random.nextInt(23);
            double q = PlainLayer.quotient(w, k);
            double jdk = Double.parseDouble(w + "e-" + k);
            if (Double.isNaN(q)) {
                declined++;
                assertTrue(nearHalfwayOrPowerOfTwo(new BigDecimal(w).scaleByPowerOfTen(-k), jdk), w + "e-" + k);
            } else {
                assertEquals(Double.doubleToRawLongBits(jdk), Double.doubleToRawLongBits(q), w + "e-" + k);
            }
        }
        assertTrue(declined < 2000, declined + " of a million random quotients declined");
        int nearHalfway = 0;
        for (int i = 0; i < 200_000; i++) {
            double d = random.nextGaussian() * Math.pow(10, random.nextInt(7) - 4);
            BigDecimal halfway = new BigDecimal(d).add(new BigDecimal(Math.nextUp(d))).divide(BigDecimal.valueOf(2));
            BigDecimal near = halfway.round(new MathContext(17 + random.nextInt(2),
                    random.nextBoolean() ? RoundingMode.UP : RoundingMode.DOWN)).abs();
            long w = near.unscaledValue().longValueExact();
            int k = near.scale();
            if (w <= 1L << 53 || w >= 1_000_000_000_000_000_000L || k < 0 || k > 22) {
                continue;
            }
            nearHalfway++;
            double q = PlainLayer.quotient(w, k);
            double jdk = Double.parseDouble(near.toString());
            if (Double.isNaN(q)) {
                assertTrue(nearHalfwayOrPowerOfTwo(near, jdk), near.toString());
            } else {
                assertEquals(Double.doubleToRawLongBits(jdk), Double.doubleToRawLongBits(q), near.toString());
            }
        }
        assertTrue(nearHalfway > 100_000, nearHalfway + " decimals near halfway tried");
    }

    /** Whether {@code x} lies within 2^-30 units of halfway between {@code nearest} and a neighbour, or that is a power of two. */
    private static boolean nearHalfwayOrPowerOfTwo(BigDecimal x, double nearest) {
        if (Math.getExponent(Math.nextDown(nearest)) != Math.getExponent(nearest)) {
            return true;
        }
        BigDecimal margin = new BigDecimal(Math.ulp(nearest)).multiply(new BigDecimal(0x1p-30));
        for (double neighbour : new double[]{Math.nextDown(nearest), Math.nextUp(nearest)}) {
            BigDecimal halfway = new BigDecimal(nearest).add(new BigDecimal(neighbour)).divide(BigDecimal.valueOf(2));
            if (x.subtract(halfway).abs().compareTo(margin) <= 0) {
                return true;
            }
        }
        return false;
    }

    /** The eight-at-a-time digit test and sum against a byte-by-byte one, any bytes around and among the digits. */
    @Test
    void eightDigitsAtATimeAgreeWithOneAtATime() {
        Random random = new Random(8);
        for (int i = 0; i < 1_000_000; i++) {
            long bytes = 0;
            boolean digits = true;
            long value = 0;
            for (int b = 7; b >= 0; b--) {
                // Mostly digits; else any byte, the digits' neighbours '/' and ':' more often.
                int c = switch (random.nextInt(12)) {
                    case 0 -> random.nextInt(256);
                    case 1 -> random.nextBoolean() ? '/' : ':';
                    default -> '0' + random.nextInt(10);
                };
                digits &= c >= '0' && c <= '9';
                value = value * 10 + (c - '0');
                bytes = bytes << 8 | c; // the first character (b = 0) ends in the low byte
            }
            long reversed = Long.reverseBytes(bytes);
            assertEquals(digits, PlainLayer.eightDigits(reversed), Long.toHexString(reversed));
            if (digits) {
                assertEquals(value, PlainLayer.eightDigitsValue(reversed), Long.toHexString(reversed));
            }
        }
        assertEquals(0, PlainLayer.eightDigitsValue(0x3030303030303030L));
        assertEquals(99_999_999, PlainLayer.eightDigitsValue(0x3939393939393939L));
        assertEquals(12_345_678, PlainLayer.eightDigitsValue(0x3837363534333231L)); // "12345678"
    }

    /** Runs of 1 to 40 digits, before and after the point, next to every delimiter; '/' and ':' end no number. */
    @Test
    void digitRunsOfEveryLengthReadAsTheStrictReaderReadsThem() {
        Random random = new Random(40);
        List<String> literals = new ArrayList<>();
        for (int n = 1; n <= 40; n++) {
            StringBuilder digits = new StringBuilder().append((char) ('1' + random.nextInt(9)));
            while (digits.length() < n) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            literals.add(digits.toString());
            literals.add("-0." + digits);
            literals.add(digits + "." + digits);
            literals.add(digits.substring(0, 1) + "." + digits + "e-" + n);
        }
        for (String delimiter : List.of(",", " ,", "\n,")) {
            String row = "[" + String.join(delimiter, literals) + "]";
            String layer = "{\"weights\": [" + row + "], \"bias\": [0], \"activation\": \"linear\"}";
            double[] plain = read(layer).weights();
            for (int i = 0; i < literals.size(); i++) {
                assertEquals(Double.doubleToRawLongBits(Double.parseDouble(literals.get(i))), Double.doubleToRawLongBits(plain[i]),
                        literals.get(i));
            }
        }
        for (String bad : List.of("12345678/", "12345678:", "1234567890123456:", "0.12345678/", "1e12345678:")) {
            assertNull(read("{\"weights\": [[" + bad + "]], \"bias\": [0], \"activation\": \"linear\"}"), bad);
        }
    }

    private static PlainLayer.Fields read(String json) {
        byte[] b = bytes("xx" + json + "yy");
        return PlainLayer.read(ByteBuffer.wrap(b, 2, b.length - 4), true);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
