package io.illc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplainCommandTest {
    @TempDir
    Path tmp;

    @Test
    void explainsOneRowOfARunThatHadNoLocalSection() throws Exception {
        String spec = Cli.specFile(tmp, "golden.json", Cli.goldenSpec());
        Path out = tmp.resolve("out");

        Cli.Outcome outcome = Cli.illc("explain", spec, "--row", "17", "--out", out.toString(), "--quiet");

        assertEquals(0, outcome.code(), outcome.err());
        assertTrue(Files.isRegularFile(out.resolve("local/17/metrics.json")));
        assertTrue(Files.isRegularFile(out.resolve("local/17/qbaf.json")));
        List<String> summary = Files.readAllLines(out.resolve("local/summary.csv"));
        assertEquals(2, summary.size(), summary.toString());
        assertTrue(summary.get(1).startsWith("17,"), summary.get(1));
        assertTrue(Files.readString(out.resolve("spec.json")).contains("\"instances\""));
    }

    @Test
    void replacesTheRowsOfAnExistingLocalSectionButKeepsItsKernel() throws Exception {
        String json = Cli.goldenSpec().strip();
        json = json.substring(0, json.length() - 1)
                + ", \"local\": {\"instances\": [0, 1], \"kernel\": {\"width\": 2.5}}}";
        String spec = Cli.specFile(tmp, "local.json", json);
        Path out = tmp.resolve("out");

        Cli.Outcome outcome = Cli.illc("explain", spec, "--row", "3", "--out", out.toString(), "--quiet");

        assertEquals(0, outcome.code(), outcome.err());
        assertTrue(Files.isDirectory(out.resolve("local/3")));
        assertFalse(Files.exists(out.resolve("local/0")));
        assertTrue(Files.readString(out.resolve("spec.json")).contains("2.5"));
    }

    @Test
    void aRowBeyondTheDataIsBadInputNamingTheRowCount() throws Exception {
        String spec = Cli.specFile(tmp, "golden.json", Cli.goldenSpec());

        Cli.Outcome outcome = Cli.illc("explain", spec, "--row", "569", "--out", tmp.resolve("o").toString());

        assertEquals(2, outcome.code());
        assertEquals(List.of("illc: --row 569: row 569 does not exist; the data has 569 rows, numbered 0..568"),
                outcome.errLines(), "named by the option the row came from");
        outcome.assertNoJavaInternalsOnStderr();
        assertFalse(Files.exists(tmp.resolve("o")));
    }
}
