package io.illc.core.qbaf;

import io.illc.api.Qbaf;
import io.illc.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QbafJsonTest {
    private static final String DOCUMENT = """
            {"format": "illc-qbaf", "version": 1, "activations": ["relu", "sigmoid"],
             "arguments": [
               {"id": "x", "layer": 0, "kind": "input", "label": "x"},
               {"id": "C1.0", "layer": 1, "kind": "cluster", "label": "C1.0", "members": [0, 1], "bias": 0.5, "baseScore": 0.5},
               {"id": "y", "layer": 2, "kind": "output", "label": "y", "bias": -1, "baseScore": 0.25}],
             "edges": [{"source": "x", "target": "C1.0", "weight": 2}, {"source": "C1.0", "target": "y", "weight": -1.5}]}
            """;

    @TempDir
    Path tmp;

    private String problem(String json) throws IOException {
        Path file = Files.writeString(tmp.resolve("qbaf.json"), json);
        return assertThrows(InputException.class, () -> QbafJson.read(file)).getMessage().substring(file.toString().length());
    }

    @Test
    void readsTheDocumentTheJsonRendererWrites() throws IOException {
        Qbaf qbaf = QbafJson.read(Files.writeString(tmp.resolve("qbaf.json"), DOCUMENT));

        assertEquals(3, qbaf.arguments().size());
        assertEquals(2, qbaf.edges().size());
        assertEquals(-1.5, qbaf.edges().get(1).weight());
    }

    @Test
    void aValueOfTheWrongTypeIsRejectedWithItsPath() throws IOException {
        assertEquals(": $.arguments[1].layer: expected an integer, found a string (\"1\")",
                problem(DOCUMENT.replace("\"layer\": 1", "\"layer\": \"1\"")));
        assertEquals(": $.edges[0].weight: expected a number, found a string (\"2\")",
                problem(DOCUMENT.replace("\"weight\": 2", "\"weight\": \"2\"")));
        assertEquals(": $.arguments[0].kind: unknown kind 'feature'; allowed: input, cluster, output",
                problem(DOCUMENT.replace("\"kind\": \"input\"", "\"kind\": \"feature\"")));
    }

    @Test
    void malformedJsonIsRejectedInTheWordsOfEveryOtherReader() throws IOException {
        assertEquals(": malformed JSON at line 1, column 48 ($.version): Duplicate field 'version'",
                problem("{\"format\": \"illc-qbaf\", \"version\": 1, \"version\": 1}"));
    }
}
