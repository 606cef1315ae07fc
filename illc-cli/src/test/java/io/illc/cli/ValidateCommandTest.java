package io.illc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aValidSpecIsReportedValidOnStdout() throws Exception {
        String spec = Cli.specFile(tmp, "ok.json", Cli.goldenSpec());
        Cli.Outcome r = Cli.illc("validate", spec);
        assertEquals(0, r.code(), r.err());
        assertEquals(spec + " is valid", r.out().strip());
        assertEquals("", r.err());
    }

    @Test
    void malformedJsonIsBadInputNamingLineAndColumn() throws Exception {
        String spec = Cli.specFile(tmp, "broken.json", "{\"specVersion\": 1,\n  \"seed\": }\n");
        Cli.Outcome r = Cli.illc("validate", spec);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("line 2, column"), r.err());
        assertTrue(r.err().contains("broken.json"), r.err());
        assertEquals("", r.out());
        r.assertNoJavaInternalsOnStderr();
    }

    @Test
    void aMisspelledClusteringNameIsBadInputWithItsJsonPathAndASuggestion() throws Exception {
        String spec = Cli.specFile(tmp, "typo.json", """
                {"specVersion": 1, "compression": {"clustering": {"name": "kmean"}}}
                """);
        Cli.Outcome r = Cli.illc("validate", spec);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("$.compression.clustering.name"), r.err());
        assertTrue(r.err().contains("did you mean 'kmeans'?"), r.err());
        r.assertNoJavaInternalsOnStderr();
    }

    @Test
    void everyProblemOfASpecIsPrintedOnItsOwnLine() throws Exception {
        String spec = Cli.specFile(tmp, "two.json", """
                {"specVersion": 1, "seeed": 3, "compression": {"clustering": {"name": "kmean"}}}
                """);
        Cli.Outcome r = Cli.illc("validate", spec);
        assertEquals(2, r.code(), r.err());
        assertEquals(2, r.errLines().size(), r.err());
        assertTrue(r.errLines().stream().allMatch(l -> l.startsWith("illc: $.")), r.err());
    }

    @Test
    void everyMissingFileTheSpecReadsIsReportedWithItsJsonPath() throws Exception {
        String spec = Cli.specFile(tmp, "files.json", """
                {"data": {"csv": "nowhere.csv"}, "model": {"load": "gone.json"}, "local": {"csv": "new.csv"}}
                """);

        Cli.Outcome outcome = Cli.illc("validate", spec);

        assertEquals(2, outcome.code());
        assertEquals(3, outcome.errLines().size(), outcome.err());
        assertTrue(outcome.errLines().get(0).contains("$.data.csv: data file " + tmp.resolve("nowhere.csv") + " does not exist"), outcome.err());
        assertTrue(outcome.errLines().get(1).contains("$.model.load: model file"), outcome.err());
        assertTrue(outcome.errLines().get(2).contains("$.local.csv: file of new rows"), outcome.err());
        outcome.assertNoJavaInternalsOnStderr();
    }

    @Test
    void aMissingSpecFileIsBadInput() {
        Cli.Outcome r = Cli.illc("validate", tmp.resolve("nothing.json").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("does not exist"), r.err());
        r.assertNoJavaInternalsOnStderr();
    }

    @Test
    void debugAddsTheStackTraceToBadInput() throws Exception {
        String spec = Cli.specFile(tmp, "broken.json", "{");
        Cli.Outcome r = Cli.illc("validate", "--debug", spec);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("\tat "), r.err());
    }
}
