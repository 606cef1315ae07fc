package io.illc.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A disk that fills up during a run: a tiny tmpfs, mounted where the test may (as root, with
 * mount(8); skipped with the reason elsewhere). The run fails with one line naming the problem,
 * nothing is half-written, an earlier complete output survives, and the next run on a disk with
 * room works.
 */
class FullDiskTest {
    @TempDir
    Path tmp;
    private Path disk;
    private boolean mounted;

    @BeforeEach
    void mountATinyDisk() throws Exception {
        disk = Files.createDirectories(tmp.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes());
        mounted = mount.waitFor() == 0;
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (not root, or no mount permission: "
                + output.strip() + "); the full-disk test needs one");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", disk.toString()).start().waitFor();
        }
    }

    private List<Path> hidden() throws IOException {
        try (Stream<Path> entries = Files.list(disk)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    @Test
    void aRunThatFillsTheDiskWritesNothingAndSaysSo() throws Exception {
        String spec = Cli.specFile(tmp, "spec.json", Cli.goldenSpec().replace("}}\n", "}, \"renderers\": [{\"name\": \"html\"}]}\n"));
        Path out = disk.resolve("out");
        Cli.Outcome r = Cli.illc("run", spec, "--out", out.toString());
        assertNotEquals(0, r.code(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("No space left on device"), r.err());
        r.assertNoJavaInternalsOnStderr();
        assertFalse(Files.exists(out), "nothing half-written");
        assertEquals(List.of(), hidden(), "the staging folder is removed, which frees the disk");

        Path roomy = tmp.resolve("roomy");
        Cli.Outcome next = Cli.illc("run", spec, "--quiet", "--out", roomy.toString());
        assertEquals(0, next.code(), next.err());
    }

    @Test
    void aForcedRunThatFillsTheDiskLeavesTheEarlierOutputIntact() throws Exception {
        Path out = disk.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("provenance.json"), "{\"earlier\": true}");
        String spec = Cli.specFile(tmp, "spec.json", Cli.goldenSpec().replace("}}\n", "}, \"renderers\": [{\"name\": \"html\"}]}\n"));
        Cli.Outcome r = Cli.illc("run", spec, "--force", "--out", out.toString());
        assertNotEquals(0, r.code(), r.err());
        assertEquals("{\"earlier\": true}", Files.readString(out.resolve("provenance.json")));
        assertEquals(List.of(), hidden());
    }
}
