package io.illc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sizes that cannot fit are bad input naming the field; an output folder that cannot be made says why. */
class SizesAndReasonsTest {
    @TempDir
    Path tmp;

    private String trainSpec(String hidden) throws Exception {
        return Cli.specFile(tmp, "train.json", """
                {"specVersion": 1, "seed": 0, "data": {"builtin": "breast-cancer"},
                 "model": {"train": {"hidden": %s, "epochs": 1}},
                 "compression": {"method": "global", "shrink": 0.5}}
                """.formatted(hidden));
    }

    @Test
    void aHiddenWidthThatCannotFitIsBadInputNamingTheField() throws Exception {
        Cli.Outcome r = Cli.illc("run", trainSpec("[2147483647]"), "--out", tmp.resolve("out").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("model.train.hidden[0]: 2147483647 neurons cannot be trained in memory"), r.err());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void twoWideLayersWhoseWeightsCannotFitAreBadInput() throws Exception {
        Cli.Outcome r = Cli.illc("validate", trainSpec("[100000, 100000]"));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("model.train.hidden[1]: layers of 100000 and 100000 neurons need 10000000000 weights"), r.err());
    }

    @Test
    void anOutputFolderBelowAFileSaysSo() throws Exception {
        Files.writeString(tmp.resolve("file"), "x");
        Cli.Outcome r = Cli.illc("run", Cli.specFile(tmp, "spec.json", Cli.goldenSpec()), "--out",
                tmp.resolve("file").resolve("out").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("cannot create output folder " + tmp.resolve("file").resolve("out") + ": "), r.err());
        assertTrue(r.err().contains("is a file, not a folder") || r.err().contains("not a directory"), r.err());
    }

    @Test
    void anOutputFolderOnAReadOnlyFolderSaysPermissionDenied() throws Exception {
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        assertTrue(locked.toFile().setWritable(false, false));
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(locked),
                    "this user (root?) can write to a read-only folder, so permission denied cannot happen");
            Cli.Outcome r = Cli.illc("run", Cli.specFile(tmp, "spec.json", Cli.goldenSpec()), "--out",
                    locked.resolve("sub").resolve("out").toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("permission denied"), r.err());
        } finally {
            locked.toFile().setWritable(true, false);
        }
    }
}
