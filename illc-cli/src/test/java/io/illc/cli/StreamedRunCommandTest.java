package io.illc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** `illc run` over a streamed CSV: a bad row deep in the file fails cleanly, naming its row. */
class StreamedRunCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aMalformedRowOfAStreamedCsvIsNamedByItsRowAndNothingIsWritten() throws IOException {
        List<String> lines;
        try (InputStream in = StreamedRunCommandTest.class.getResourceAsStream("/io/illc/core/data/breast_cancer.csv")) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
        StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
        int rows = 0;
        while (rows < 7000) {
            for (String line : lines.subList(1, lines.size())) {
                rows++;
                csv.append(rows == 6999 ? line.replaceFirst("^[^,]*", "12.x") : line).append('\n');
            }
        }
        Files.writeString(tmp.resolve("big.csv"), csv);
        String spec = Cli.specFile(tmp, "spec.json", """
                {"data": {"csv": "big.csv"}, "model": {"load": "%s"},
                 "compression": {"method": "illc", "shrink": 0.5, "clustering": {"name": "agglomerative"}},
                 "execution": {"data": "stream"}}""".formatted(Cli.GOLDEN_MODEL.toString().replace("\\", "\\\\")));
        Path out = tmp.resolve("out");

        Cli.Outcome r = Cli.illcIn(tmp, "run", spec, "--out", out.toString());

        assertEquals(2, r.code(), r.err());
        assertEquals("illc: " + tmp.resolve("big.csv") + ", row 6999 (line 7000), column 'mean_radius': '12.x' is not a number",
                r.errLines().get(0));
        r.assertNoJavaInternalsOnStderr();
        assertFalse(Files.exists(out), "nothing is written");
    }

    /** The case: row 700 000 of a 10 MB file (two features, so the file stays small). */
    @Test
    void row700000OfAStreamedCsvIsNamedAfterTheRowsBeforeItStreamed() throws IOException {
        Files.writeString(tmp.resolve("model.json"), """
                {"layers": [
                  {"weights": [[1, -1], [0.5, 0.5], [-1, 1], [1, 1]], "bias": [0, 0.1, 0, -0.1], "activation": "relu"},
                  {"weights": [[1, -1, 0.5, 0.2], [-1, 1, 0.3, -0.2]], "bias": [0, 0], "activation": "softmax"}]}""");
        StringBuilder csv = new StringBuilder("a,b,label\n");
        java.util.Random random = new java.util.Random(1);
        for (int row = 1; row <= 700_010; row++) {
            String a = row == 700_000 ? "0.5e" : Integer.toString(random.nextInt(1000));
            csv.append(a).append(",").append(random.nextInt(1000)).append(",").append(row % 2).append('\n');
        }
        Files.writeString(tmp.resolve("big.csv"), csv);
        String spec = Cli.specFile(tmp, "spec.json", """
                {"data": {"csv": "big.csv", "label": "label"}, "model": {"load": "model.json"},
                 "compression": {"method": "illc", "shrink": 0.5}, "renderers": [],
                 "execution": {"data": "stream"}}""");
        Path out = tmp.resolve("out");

        Cli.Outcome r = Cli.illcIn(tmp, "run", spec, "--out", out.toString());

        assertEquals(2, r.code(), r.err());
        assertEquals("illc: " + tmp.resolve("big.csv") + ", row 700000 (line 700001), column 'a': '0.5e' is not a number",
                r.errLines().get(0));
        r.assertNoJavaInternalsOnStderr();
        assertFalse(Files.exists(out), "nothing is written");
    }
}
