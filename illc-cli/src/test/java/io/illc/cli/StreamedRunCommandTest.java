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
}
