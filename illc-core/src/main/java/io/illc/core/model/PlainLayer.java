package io.illc.core.model;

import com.fasterxml.jackson.core.io.NumberInput;

import java.nio.ByteBuffer;
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
 * are converted by the same correctly rounded parser, and an integer literal, which Jackson
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

    private final ByteBuffer json;
    private final int end;
    private final boolean keep;
    private final char[] digits = new char[MAX_NUMBER];
    private int at;

    private PlainLayer(ByteBuffer json, boolean keep) {
        this.json = json;
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
     * double, converted as the strict parser converts it.
     */
    private boolean number(Numbers into) {
        int start = at;
        take('-');
        if (!take('0')) {
            if (!digit()) {
                return false;
            }
            while (digit()) {
                // the integer part
            }
        }
        boolean integer = true;
        boolean exponent = false;
        if (take('.')) {
            integer = false;
            if (!digit()) {
                return false;
            }
            while (digit()) {
                // the fraction
            }
        }
        if (take('e') || take('E')) {
            integer = false;
            exponent = true;
            if (!take('+')) {
                take('-');
            }
            if (!digit()) {
                return false;
            }
            while (digit()) {
                // the exponent
            }
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
        for (int i = 0; i < length; i++) {
            digits[i] = (char) json.get(start + i);
        }
        double v = NumberInput.parseDouble(digits, 0, length, true);
        if (!Double.isFinite(v)) {
            return false;
        }
        into.add(integer ? v + 0.0 : v);
        return true;
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

    private boolean digit() {
        if (at < end && json.get(at) >= '0' && json.get(at) <= '9') {
            at++;
            return true;
        }
        return false;
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
