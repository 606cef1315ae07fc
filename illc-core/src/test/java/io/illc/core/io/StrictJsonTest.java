package io.illc.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.illc.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrictJsonTest {
    private static String problem(String json) {
        return assertThrows(InputException.class, () -> StrictJson.readTree(json, "in.json", "{}")).getMessage();
    }

    @Test
    void readsPlainJson() {
        JsonNode root = StrictJson.readTree("{\"a\": [1, 2.5, \"x\", null]}", "in.json", "{}");

        assertEquals("{\"a\":[1,2.5,\"x\",null]}", root.toString());
    }

    /** A UTF-8 file that starts with a byte-order mark reads as the same JSON, with the same positions. */
    @Test
    void aByteOrderMarkIsNoPartOfTheText(@TempDir Path dir) throws IOException {
        Path marked = Files.write(dir.resolve("marked.json"),
                "\uFEFF{\"a\":\n  {\"b\": 1, \"b\": 2}}".getBytes(StandardCharsets.UTF_8));

        String text = StrictJson.readText(marked, "spec file", "give a spec");

        assertEquals("{\"a\":\n  {\"b\": 1, \"b\": 2}}", text);
        assertEquals("in.json: malformed JSON at line 2, column 15 ($.a.b): Duplicate field 'b'", problem(text));
        assertEquals("{\"a\":1}", StrictJson.readTree(Files.readAllBytes(Files.write(dir.resolve("one.json"),
                "\uFEFF{\"a\": 1}".getBytes(StandardCharsets.UTF_8))), "one.json", "{}").toString());
    }

    @Test
    void rejectsADuplicateKeyWithItsLineColumnAndPath() {
        assertEquals("in.json: malformed JSON at line 2, column 15 ($.a.b): Duplicate field 'b'",
                problem("{\"a\":\n  {\"b\": 1, \"b\": 2}}"));
    }

    @Test
    void rejectsContentAfterTheDocument() {
        assertEquals("in.json: malformed JSON at line 2, column 1: more content after the end of the JSON document;"
                + " a file holds one JSON value", problem("{\"a\": 1}\n{\"a\": 2}"));
    }

    @Test
    void rejectsNanAndInfinityWithTheirPath() {
        assertEquals("in.json: malformed JSON at line 1, column 13 ($.a[1]): NaN is not a finite number;"
                + " JSON numbers are finite (no NaN or Infinity) and fit a double", problem("{\"a\": [1.0, NaN]}"));
        assertEquals("in.json: malformed JSON at line 1, column 7 ($.a): -Infinity is not a finite number;"
                + " JSON numbers are finite (no NaN or Infinity) and fit a double", problem("{\"a\": -Infinity}"));
    }

    @Test
    void rejectsANumberTooLargeForADouble() {
        assertEquals("in.json: malformed JSON at line 1, column 7 ($.a): 1e400 is not a finite number;"
                + " JSON numbers are finite (no NaN or Infinity) and fit a double", problem("{\"a\": 1e400}"));
    }

    @Test
    void rejectsASyntaxErrorWithLineAndColumnOnOneLine() {
        String message = problem("{\"a\": 1,}");

        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("in.json: malformed JSON at line 1, column 9 ($.a): "), message);
    }

    @Test
    void rejectsAnEmptyDocumentWithAnExample() {
        assertEquals("in.json: the document is empty; it is a JSON object such as {}", problem("  \n"));
    }

    @Test
    void bytesAndTextAreRejectedInTheSameWords() {
        String json = "{\"a\": 1, \"a\": 2}";

        InputException fromBytes = assertThrows(InputException.class,
                () -> StrictJson.readTree(json.getBytes(StandardCharsets.UTF_8), "in.json", "{}"));

        assertEquals(problem(json), fromBytes.getMessage());
    }
}
