package io.illc.core.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where each layer object of a weights JSON document starts and ends, found without parsing it, so
 * that the layers can be parsed in parallel ({@link WeightsJson}): a scan for quotes, backslashes
 * and brackets that looks at eight bytes at a time and at single bytes only where one of them is
 * (in a weights file, about once per row of weights).
 *
 * <p>Conservative: the spans are only a guess about where to cut, which the parsers then check, and
 * anything the scan does not expect (text that does not start as a UTF-8 JSON object, an escaped or
 * repeated {@code layers} key, a layer that is not an object, unbalanced brackets) gives no spans,
 * so that the document is read in one pass. Stateless.
 */
final class LayerSpans {
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    /** Clearing bit 5 of each byte maps '{' to '[', '}' to ']' and '|' to '\', and '"' to 0x02. */
    private static final long CASE_BIT = ~(0x20 * ONES);
    private static final byte[] LAYERS = "layers".getBytes(StandardCharsets.US_ASCII);

    private LayerSpans() {
    }

    /**
     * The layer objects of the top-level {@code layers} array, as {@code [from0, to0, from1, to1, ...]}
     * byte offsets (each {@code to} exclusive, just after the object's closing brace), or
     * {@code null} when the document is not one whose layers this scan can find.
     */
    static int[] find(ByteBuffer document) {
        return find(document, (index, from, to) -> { });
    }

    /** Told of each layer object as soon as the scan has found its end. */
    @FunctionalInterface
    interface Found {
        void layer(int index, int from, int to);
    }

    /**
     * {@link #find(ByteBuffer)}, telling {@code found} of each span on the way: spans told of before
     * a {@code null} result are spans of a document this scan cannot cut, to be ignored.
     */
    static int[] find(ByteBuffer document, Found found) {
        ByteBuffer json = document.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int n = json.limit();
        int i = 0;
        if (n >= 3 && (json.get(0) & 0xff) == 0xEF && (json.get(1) & 0xff) == 0xBB && (json.get(2) & 0xff) == 0xBF) {
            i = 3; // a UTF-8 byte-order mark
        }
        i = skipWhitespace(json, i);
        // UTF-16 and UTF-32 put a zero byte next to every ASCII character: not for this scan.
        if (i + 1 >= n || json.get(i) != '{' || json.get(i + 1) == 0) {
            return null;
        }
        int[] spans = new int[16];
        int count = 0;
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        int stringStart = 0;
        boolean inLayers = false;
        int layerStart = 0;
        Words words = new Words(json);
        while (i < n) {
            if (!escaped) {
                i = words.skipPlain(i);
                if (i >= n) {
                    break;
                }
            }
            byte c = json.get(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                    // The first "layers" key; a second one is left to the parser, which rejects it.
                    if (depth == 1 && isLayers(json, stringStart, i)) {
                        int colon = skipWhitespace(json, i + 1);
                        if (colon < n && json.get(colon) == ':') { // a key, not a value
                            int bracket = skipWhitespace(json, colon + 1);
                            if (bracket >= n || json.get(bracket) != '[') {
                                return null; // layers that are not an array
                            }
                            inLayers = true;
                            depth = 2;
                            i = bracket;
                        }
                    }
                }
            } else if (c == '"') {
                if (inLayers && depth == 2) {
                    return null; // a layer that is a string
                }
                inString = true;
                stringStart = i + 1;
            } else if (c == '{' || c == '[') {
                if (inLayers && depth == 2) {
                    if (c == '[') {
                        return null; // a layer that is an array
                    }
                    layerStart = i;
                }
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth < 1) {
                    return null; // the root closed before its layers did, or more closes than opens
                }
                if (inLayers && depth == 2 && c == '}') {
                    if (count + 2 > spans.length) {
                        spans = Arrays.copyOf(spans, spans.length * 2);
                    }
                    spans[count++] = layerStart;
                    spans[count++] = i + 1;
                    found.layer(count / 2 - 1, layerStart, i + 1);
                } else if (inLayers && depth == 1) {
                    return c == ']' ? Arrays.copyOf(spans, count) : null;
                }
            }
            i++;
        }
        return null;
    }

    /**
     * The document's words of eight bytes, read from a heap copy of the part being scanned, 64 kB at
     * a time: read from the mapped file itself (bounds and scope checks on every word, most of a
     * run's scan before C2 has compiled it), a run's first scan of 104 MB took a fifth longer.
     */
    private static final class Words {
        private static final int BLOCK = 1 << 16;
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

        private final ByteBuffer json;
        private final byte[] block = new byte[BLOCK];
        /** The document's bytes from {@code from} to {@code to} are in {@link #block}. */
        private int from;
        private int to;

        Words(ByteBuffer json) {
            this.json = json;
        }

        /**
         * The first offset from {@code i} on whose word of eight bytes has a special byte, or where
         * fewer than eight bytes are left (the end of the document when none are).
         */
        int skipPlain(int i) {
            int at = i;
            while (true) {
                if (at + Long.BYTES > to) {
                    if (at + Long.BYTES > json.limit()) {
                        return at;
                    }
                    from = at;
                    to = Math.min(json.limit(), at + BLOCK);
                    json.get(from, block, 0, to - from);
                }
                int k = skipInBlock(at - from, to - from);
                at = from + k;
                if (at + Long.BYTES <= to) {
                    return at;
                }
            }
        }

        /**
         * {@link #skipPlain} within the block: the first word of it from {@code k} with a special
         * byte, or where fewer than eight bytes of it are left.
         */
        private int skipInBlock(int k, int end) {
            int at = k;
            while (at + Long.BYTES <= end && !special((long) LONGS.get(block, at))) {
                at += Long.BYTES;
            }
            return at;
        }
    }

    /** Whether any byte of {@code word} is a quote, a backslash or a bracket (or a few look-alikes). */
    private static boolean special(long word) {
        long w = word & CASE_BIT;
        return (zeroByte(w ^ (0x5B * ONES)) | zeroByte(w ^ (0x5C * ONES)) | zeroByte(w ^ (0x5D * ONES))
                | zeroByte(w ^ (0x02 * ONES))) != 0;
    }

    /** Non-zero exactly when some byte of {@code w} is zero. */
    private static long zeroByte(long w) {
        return (w - ONES) & ~w & HIGHS;
    }

    private static boolean isLayers(ByteBuffer json, int from, int to) {
        return json.slice(from, to - from).equals(ByteBuffer.wrap(LAYERS));
    }

    private static int skipWhitespace(ByteBuffer json, int at) {
        int i = at;
        while (i < json.limit() && (json.get(i) == ' ' || json.get(i) == '\n' || json.get(i) == '\r' || json.get(i) == '\t')) {
            i++;
        }
        return i;
    }
}
