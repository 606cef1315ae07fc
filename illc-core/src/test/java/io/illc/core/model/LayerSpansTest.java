package io.illc.core.model;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where {@link LayerSpans} cuts a weights JSON document, and the documents it leaves whole. */
class LayerSpansTest {
    private static int[] spans(String json) {
        return LayerSpans.find(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void findsEachLayerObjectFromItsOpeningToJustAfterItsClosingBrace() {
        String json = "{\"meta\": {\"a\": [1]}, \"layers\": [{\"w\": [[1]]}, {\"x\": \"}]\"}]}";
        assertArrayEquals(new int[]{32, 44, 46, 57}, spans(json));
        assertArrayEquals(new int[]{}, spans("{\"layers\": []}"));
    }

    @Test
    void scansPastLongRunsOfNumbersAndStringsWithEscapes() {
        String row = "[" + "1.25, ".repeat(40) + "3]";
        String layer = "{\"weights\": [" + row + ", " + row + "], \"note\": \"a \\\" quote and \\\\ }]\"}";
        String json = "\uFEFF \n{\"inputs\": [\"x\\\"y\"], \"layers\":\t[" + layer + ",\n" + layer + "], \"layers2\": 1}";
        int first = json.indexOf("{\"weights\"");
        int second = json.indexOf("{\"weights\"", first + 1);
        int bom = 2; // the byte-order mark is three bytes of UTF-8, one char
        assertArrayEquals(new int[]{first + bom, first + bom + layer.length(), second + bom, second + bom + layer.length()},
                spans(json));
    }

    /**
     * A document of many 64 kB blocks (the scan reads its words a block at a time), whose layers,
     * rows, strings and escapes fall across the blocks' edges at every offset of a word.
     */
    @Test
    void findsTheLayersOfADocumentOfManyBlocksWhereverTheirEdgesFall() {
        StringBuilder json = new StringBuilder("{\"layers\": [");
        List<Integer> expected = new ArrayList<>();
        Random random = new Random(3);
        for (int l = 0; l < 120; l++) {
            if (l > 0) {
                json.append(", ");
            }
            expected.add(json.length());
            json.append("{\"w\": [");
            int rows = 1 + random.nextInt(40);
            for (int r = 0; r < rows; r++) {
                json.append(r == 0 ? "[" : ", [").append("0.5, ".repeat(random.nextInt(200))).append("1]");
            }
            json.append("], \"s\": \"").append("x".repeat(random.nextInt(9))).append("\\\" ]}\\\\\"}");
            expected.add(json.length());
        }
        json.append("]}");
        assertTrue(json.length() > 8 * 65536, "several blocks: " + json.length());
        assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), spans(json.toString()));
    }

    @Test
    void leavesWholeWhatItDoesNotExpect() {
        assertNull(spans("[1, 2]"), "not an object");
        assertNull(spans("{\"lay\\u0065rs\": [{}]}"), "an escaped key");
        assertNull(spans("{\"layers\": {\"a\": {}}}"), "layers that are not an array");
        assertNull(spans("{\"layers\": [{}, [1]]}"), "a layer that is an array");
        assertNull(spans("{\"layers\": [{}, \"x\"]}"), "a layer that is a string");
        assertNull(spans("{\"layers\": [{}, {}"), "unclosed");
        assertNull(spans("{\"format\": \"layers\"}"), "no layers key, only a value that reads layers");
        byte[] utf16 = "{\"layers\": [{}]}".getBytes(StandardCharsets.UTF_16LE);
        assertNull(LayerSpans.find(ByteBuffer.wrap(utf16)), "UTF-16");
    }
}
