package io.illc.core.model;

import com.fasterxml.jackson.core.io.NumberInput;
import io.illc.core.io.ExactDecimal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A layer object of a weights JSON file read by a plain byte scanner, for the form nearly every
 * file has: {@code {"weights": [[n, ...], ...], "bias": [n, ...], "activation": "name"}}, the three
 * keys once each in any order, rows of equal length, JSON whitespace anywhere. Converting the
 * numbers is most of a read either way, but this scan leaves the JIT compiler far less to compile,
 * so a cold read of a large file's layers on several threads takes about a third less time, and a
 * scan without converting (the shape only) several times less (docs/benchmarks.md).
 *
 * <p>It answers only what it is sure of: anything else (another key, an escape, an empty or ragged
 * array, a number JSON does not allow or that is not finite, an activation given as an object)
 * gives {@code null}, and the layer is then read by the strict parser ({@link WeightsJson}), whose
 * result or message is the one used. A layer it reads has the strict parser's exact bits: numbers
 * are converted to the correctly rounded double as that parser converts them, and an integer literal, which Jackson
 * converts through an integer, has its sign of zero dropped as Jackson's does ({@code -0} is 0.0).
 * Not thread-safe; one per layer.
 */
final class PlainLayer {
    /**
     * A layer's fields: {@code weights} is {@code [rows, width]} row-major; it and {@code bias} are
     * null when the values are not kept.
     */
    record Fields(double[] weights, int rows, int width, double[] bias, int biasLength, String activation) {
    }

    /** Longer literals are left to the strict parser, which bounds them (Jackson's number length limit). */
    private static final int MAX_NUMBER = 300;

    /** 10^18: a significand below it is kept exactly (with room for eight more digits' arithmetic); one that reaches it is too long. */
    private static final long TOO_LONG = 1_000_000_000_000_000_000L;

    private final ByteBuffer json;
    private final int end;
    private final boolean keep;
    private final char[] digits = new char[MAX_NUMBER];
    private int at;
    /** The digits of the number being read, before and after its point, as one integer. */
    private long significand;

    private PlainLayer(ByteBuffer json, boolean keep) {
        this.json = json.duplicate().order(ByteOrder.LITTLE_ENDIAN); // the first of eight digits in the low byte
        this.at = json.position();
        this.end = json.limit();
        this.keep = keep;
    }

    /**
     * The layer object that fills the remaining bytes of {@code json} exactly, or {@code null} when
     * it is not in the plain form. Reads {@code json} by absolute index: its position is not moved.
     *
     * @param keep whether to keep the values; without, every number is still checked to be finite
     */
    static Fields read(ByteBuffer json, boolean keep) {
        return new PlainLayer(json, keep).layer();
    }

    private Fields layer() {
        space();
        if (!take('{')) {
            return null;
        }
        Numbers weights = null;
        Numbers bias = null;
        String activation = null;
        do {
            space();
            String key = name();
            space();
            if (key == null || !take(':')) {
                return null;
            }
            space();
            switch (key) {
                case "weights" -> {
                    if (weights != null || (weights = rows()) == null) {
                        return null;
                    }
                }
                case "bias" -> {
                    if (bias != null || (bias = row(new Numbers(keep))) == null) {
                        return null;
                    }
                }
                case "activation" -> {
                    if (activation != null || (activation = name()) == null) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
            space();
        } while (take(','));
        if (!take('}')) {
            return null;
        }
        space();
        if (at != end || weights == null || bias == null || activation == null) {
            return null;
        }
        return new Fields(keep ? weights.values() : null, weights.rows, weights.width, keep ? bias.values() : null,
                bias.count, activation);
    }

    /** {@code [[n, ...], ...]}: at least one row, every row as long as the first. */
    private Numbers rows() {
        if (!take('[')) {
            return null;
        }
        Numbers all = new Numbers(keep);
        do {
            space();
            int before = all.count;
            if (row(all) == null) {
                return null;
            }
            int width = all.count - before;
            if (all.rows == 0) {
                all.width = width;
            } else if (width != all.width) {
                return null;
            }
            all.rows++;
            space();
        } while (take(','));
        return take(']') ? all : null;
    }

    /** {@code [n, ...]}, at least one number, appended to {@code into}. */
    private Numbers row(Numbers into) {
        if (!take('[')) {
            return null;
        }
        do {
            space();
            if (!number(into)) {
                return null;
            }
            space();
        } while (take(','));
        return take(']') ? into : null;
    }

    /**
     * A JSON number ({@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}) that is finite as a
     * double, converted as the strict parser converts it: to the correctly rounded double. Most in
     * a weights file are an integer w of at most 18 digits (those before and after the point) times
     * 10^-k, k ≤ 22: with w ≤ 2^53 both are exact doubles, so the one correctly rounded division is
     * the correctly rounded value (Clinger's fast path); a longer w goes through {@link #quotient}.
     * Any other, and the rare one {@code quotient} cannot tell, is converted by Jackson's parser.
     */
    private boolean number(Numbers into) {
        int start = at;
        boolean negative = take('-');
        significand = 0;
        if (!take('0') && digits() == 0) {
            return false;
        }
        boolean integer = true;
        boolean exponent = false;
        int fraction = 0;
        if (take('.')) {
            integer = false;
            fraction = digits();
            if (fraction == 0) {
                return false;
            }
        }
        int k = fraction; // the value is significand × 10^-k
        if (take('e') || take('E')) {
            integer = false;
            exponent = true;
            boolean minus = !take('+') && take('-');
            int from = at;
            int length = exponentDigits();
            if (length == 0) {
                return false;
            }
            // An exponent of more digits leaves k out of the range converted here.
            k = length > 3 ? -1 : minus ? k + smallInteger(from, length) : k - smallInteger(from, length);
        }
        int length = at - start;
        if (length > MAX_NUMBER) {
            return false;
        }
        if (!keep && !exponent) {
            // At most 300 characters and no exponent: below 10^300 in magnitude, so finite.
            into.add(0);
            return true;
        }
        double magnitude = Double.NaN;
        if (k >= 0 && k <= ExactDecimal.MAX_POWER) {
            magnitude = significand <= ExactDecimal.MAX_EXACT ? ExactDecimal.of(significand, k)
                    : significand < TOO_LONG ? quotient(significand, k) : Double.NaN;
        }
        double v;
        if (!Double.isNaN(magnitude)) {
            v = negative ? -magnitude : magnitude;
        } else {
            copy(start, length);
            v = NumberInput.parseDouble(digits, 0, length, true);
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        into.add(integer ? v + 0.0 : v);
        return true;
    }

    /**
     * w × 10^-k correctly rounded, or NaN in the rare case (about one in a billion) that it is too
     * near halfway between two doubles to tell here; for 2^53 < w < 10^18 and 0 ≤ k ≤ 22.
     *
     * <p>With hi = w rounded and lo = w − hi (both exact), and q = hi / 10^k rounded, the
     * remainder r = hi − q·10^k is a double (that of a correctly rounded division always is) and
     * {@code fma} gives it exactly, so w / 10^k = q + c with c = (r + lo) / 10^k, which is computed
     * to within 2^-50 of one unit in the last place of the result. The sum t = q + c rounded is then
     * the correctly rounded value unless q + c lies within that much of halfway between t and a
     * neighbour: the exact rest e = q + c − t (Fast2Sum: |q| ≥ |c|) says how far from halfway it
     * is, and a margin of 2^-31 units leaves no doubt. At a power of two the halfway point below
     * is nearer; t is not trusted there either.
     */
    static double quotient(long w, int k) {
        double power = ExactDecimal.powerOfTen(k);
        double hi = w;
        double lo = w - (long) hi;
        double q = hi / power;
        double r = Math.fma(-q, power, hi);
        double c = (r + lo) / power;
        double t = q + c;
        double e = q - t + c;
        double half = Math.ulp(t) / 2;
        boolean powerOfTwo = (Double.doubleToRawLongBits(t) & 0x000F_FFFF_FFFF_FFFFL) == 0;
        return powerOfTwo || half - Math.abs(e) <= half * 0x1p-31 ? Double.NaN : t;
    }

    /** The value of the {@code length} (at most 3) digits from {@code from}. */
    private int smallInteger(int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            value = value * 10 + json.get(i) - '0';
        }
        return value;
    }

    /** Copies the literal at {@code start} into {@link #digits}. */
    private void copy(int start, int length) {
        for (int i = 0; i < length; i++) {
            digits[i] = (char) json.get(start + i);
        }
    }

    /**
     * Takes a run of digits, appends them to {@link #significand}, which is exact while below
     * {@link #TOO_LONG} and stays at it once there, and returns how many. Eight digits at a time
     * where there are eight (a weight has about seventeen).
     */
    private int digits() {
        int from = at;
        while (end - at >= Long.BYTES) {
            long eight = json.getLong(at);
            if (!eightDigits(eight)) {
                break;
            }
            if (significand < TOO_LONG) {
                significand = significand < TOO_LONG / 100_000_000L
                        ? significand * 100_000_000L + eightDigitsValue(eight) // below 10^18: no overflow
                        : TOO_LONG;
            }
            at += Long.BYTES;
        }
        while (at < end) {
            int d = json.get(at) - '0';
            if (d < 0 || d > 9) {
                break;
            }
            if (significand < TOO_LONG) {
                significand = significand < TOO_LONG / 10 ? significand * 10 + d : TOO_LONG;
            }
            at++;
        }
        return at - from;
    }

    /**
     * Takes an exponent's run of digits and returns how many. A method of its own, not
     * {@link #digits()} told not to accumulate: C2 compiled that one method for the significand's
     * digits it sees millions of times, and the rare exponent (Python writes numbers below 10^-4 so)
     * then failed its speculation, on every parsing thread, and had it compiled again.
     */
    private int exponentDigits() {
        int from = at;
        while (at < end && json.get(at) >= '0' && json.get(at) <= '9') {
            at++;
        }
        return at - from;
    }

    /** Whether each of the eight bytes of {@code bytes} is an ASCII digit (fast_float's test). */
    static boolean eightDigits(long bytes) {
        return ((bytes + 0x4646464646464646L | bytes - 0x3030303030303030L) & 0x8080808080808080L) == 0;
    }

    /** The eight ASCII digits of {@code bytes}, the first in the low byte, as a number (fast_float's SWAR sum). */
    static long eightDigitsValue(long bytes) {
        long v = bytes - 0x3030303030303030L;
        v = v * 10 + (v >>> 8); // pairs of digits in every other byte
        return ((v & 0x000000FF000000FFL) * (100 + (1_000_000L << 32))
                + ((v >>> 16) & 0x000000FF000000FFL) * (1 + (10_000L << 32))) >>> 32;
    }

    /** A string of letters, digits, {@code -} and {@code _} only (no escapes to decode). */
    private String name() {
        if (!take('"')) {
            return null;
        }
        StringBuilder name = new StringBuilder();
        while (at < end && nameCharacter(json.get(at))) {
            name.append((char) json.get(at++));
        }
        return take('"') ? name.toString() : null;
    }

    private static boolean nameCharacter(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    private boolean take(char c) {
        if (at < end && json.get(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void space() {
        while (at < end) {
            byte c = json.get(at);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            at++;
        }
    }

    /** A growing array of numbers; only counted when not kept. */
    private static final class Numbers {
        private final boolean keep;
        private double[] values = new double[64];
        private int count;
        private int rows;
        private int width;

        Numbers(boolean keep) {
            this.keep = keep;
        }

        void add(double v) {
            if (keep) {
                if (count == values.length) {
                    values = Arrays.copyOf(values, values.length * 2);
                }
                values[count] = v;
            }
            count++;
        }

        double[] values() {
            return Arrays.copyOf(values, count);
        }
    }
}
