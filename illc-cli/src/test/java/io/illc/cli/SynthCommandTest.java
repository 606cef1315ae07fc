package io.illc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SynthCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesASeededDataSetThatAnMlpLearnsWellAboveChance() throws Exception {
        Cli.Outcome r = Cli.illcIn(tmp, "data", "synth", "--rows", "3000", "--features", "8", "--classes", "2", "--seed", "4",
                "--out", "synth.csv");
        assertEquals(0, r.code(), r.err());
        assertEquals(3001, Files.readAllLines(tmp.resolve("synth.csv")).size());
        Cli.Outcome trained = Cli.illcIn(tmp, "train", "synth.csv", "--hidden", "16", "--epochs", "15");
        assertEquals(0, trained.code(), trained.err());
        String accuracy = trained.out().lines().filter(l -> l.startsWith("train accuracy")).findFirst().orElseThrow();
        double test = Double.parseDouble(accuracy.replaceAll(".*test accuracy ([0-9.]+).*", "$1"));
        assertTrue(test > 0.75, "the teacher's labels can be learned: " + accuracy);
    }

    @Test
    void aNameEndingInGzGivesTheSameTextCompressed() throws Exception {
        Cli.Outcome plain = Cli.illcIn(tmp, "data", "synth", "--rows", "500", "--seed", "3", "--out", "s.csv");
        Cli.Outcome gz = Cli.illcIn(tmp, "data", "synth", "--rows", "500", "--seed", "3", "--out", "s.csv.gz");
        assertEquals(0, plain.code(), plain.err());
        assertEquals(0, gz.code(), gz.err());
        byte[] compressed = Files.readAllBytes(tmp.resolve("s.csv.gz"));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("s.csv")), in.readAllBytes());
        }
        assertTrue(compressed.length < Files.size(tmp.resolve("s.csv")) / 2, compressed.length + " bytes");
        Cli.illcIn(tmp, "data", "synth", "--rows", "500", "--seed", "3", "--out", "again.csv.gz");
        assertArrayEquals(compressed, Files.readAllBytes(tmp.resolve("again.csv.gz"))); // the same options, the same bytes
    }

    @Test
    void badSizesAreEachReportedByTheirOptionAndNothingIsWritten() {
        Cli.Outcome r = Cli.illcIn(tmp, "data", "synth", "--rows", "0", "--features", "0", "--classes", "1", "--out", "x.csv");
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("illc: --rows: 0; must be at least 1", "illc: --features: 0; must be at least 1",
                "illc: --classes: 1; must be at least 2"), r.errLines());
        assertFalse(Files.exists(tmp.resolve("x.csv")));
    }

    @Test
    void sizesTheHeapCannotHoldAreRefusedAtOnce() {
        Cli.Outcome r = Cli.illcIn(tmp, "data", "synth", "--rows", "10", "--features", "100000000", "--out", "x.csv");

        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("illc: --features 100000000 and --classes 2: making the data holds about 30.6 GB"
                + " (the mixture's means and the teacher's weights per feature), more than the heap (the heap limit is "),
                r.err());
        assertFalse(Files.exists(tmp.resolve("x.csv")));
    }

    @Test
    void aFolderIsNotReplacedAndAMissingFolderIsMade() throws Exception {
        Files.createDirectory(tmp.resolve("folder"));

        Cli.Outcome folder = Cli.illcIn(tmp, "data", "synth", "--rows", "5", "--out", "folder", "--force");
        Cli.Outcome nested = Cli.illcIn(tmp, "data", "synth", "--rows", "5", "--out", "new/sub/x.csv");

        assertEquals(2, folder.code(), folder.err());
        assertEquals("illc: --out: " + tmp.resolve("folder") + " is a folder; give a file name\n", folder.err());
        assertEquals(0, nested.code(), nested.err());
        assertEquals(6, Files.readAllLines(tmp.resolve("new/sub/x.csv")).size(), "the header and five rows");
    }

    @Test
    void theDataGroupAloneShowsItsOwnUsage() {
        Cli.Outcome r = Cli.illcIn(tmp, "data");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("illc: missing command; see 'illc data --help'"), r.err());
        assertTrue(r.err().contains("synth"), r.err());
    }
}
