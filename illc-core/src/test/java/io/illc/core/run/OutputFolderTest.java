package io.illc.core.run;

import io.illc.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OutputFolderTest {
    @TempDir
    Path tmp;

    @Test
    void theTargetAppearsOnlyOnCommitWithEverythingWritten() throws Exception {
        Path target = tmp.resolve("out");
        try (OutputFolder folder = OutputFolder.begin(target, false)) {
            folder.write("a/b.txt", new byte[]{1, 2});
            assertFalse(Files.exists(target), "nothing is visible before the commit");
            folder.commit();
        }
        assertArrayEquals(new byte[]{1, 2}, Files.readAllBytes(target.resolve("a/b.txt")));
        try (var entries = Files.list(tmp)) {
            assertEquals(1, entries.count(), "no staging folder is left beside the target");
        }
    }

    @Test
    void theCommittedFolderAndItsFilesHaveThePermissionsOfPlainlyCreatedOnes() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        Path plainFolder = Files.createDirectory(tmp.resolve("plain"));
        Path plainFile = Files.write(plainFolder.resolve("plain.txt"), new byte[]{1});
        Path target = tmp.resolve("out");
        try (OutputFolder folder = OutputFolder.begin(target, false)) {
            folder.write("metrics.json", new byte[]{1});
            folder.commit();
        }

        assertEquals(Files.getPosixFilePermissions(plainFolder), Files.getPosixFilePermissions(target));
        assertEquals(Files.getPosixFilePermissions(plainFile), Files.getPosixFilePermissions(target.resolve("metrics.json")));
    }

    @Test
    void aFailedRunLeavesNothingNotEvenTheFoldersMadeForIt() throws Exception {
        Path target = tmp.resolve("illc-out/deep/run");
        try (OutputFolder folder = OutputFolder.begin(target, false)) {
            folder.write("metrics.json", new byte[]{1});
            // no commit: the run failed
        }
        try (var entries = Files.list(tmp)) {
            assertEquals(0, entries.count());
        }
    }

    @Test
    void anEarlierRunsFolderIsReplacedOnlyWithForce() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(target.resolve("spec.json"), "{}");
        Files.writeString(target.resolve("provenance.json"), "{}");
        Files.writeString(target.resolve("old.txt"), "old");

        InputException e = assertThrows(InputException.class, () -> OutputFolder.begin(target, false));
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        try (OutputFolder folder = OutputFolder.begin(target, true)) {
            folder.write("new.txt", new byte[]{7});
            folder.commit();
        }
        assertFalse(Files.exists(target.resolve("old.txt")));
        assertFalse(Files.exists(target.resolve("provenance.json")));
        assertTrue(Files.exists(target.resolve("new.txt")));
    }

    @Test
    void aNonEmptyFolderWithoutAnEarlierRunIsKeptEvenWithForce() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(target.resolve("notes.txt"), "mine");
        // Half a run's signature is not enough: a folder of the user's may hold a spec.json of its own.
        Files.writeString(target.resolve("spec.json"), "{}");

        for (boolean force : new boolean[]{false, true}) {
            InputException e = assertThrows(InputException.class, () -> OutputFolder.begin(target, force));
            assertTrue(e.getMessage().endsWith(" is not empty and holds no earlier illc run (no spec.json and"
                    + " provenance.json), the only folder --force replaces; choose another --out, or empty the folder first"),
                    e.getMessage());
        }
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(target), left.toList(), "no staging folder or lock left beside it");
        }
        assertEquals("mine", Files.readString(target.resolve("notes.txt")));
        assertEquals("{}", Files.readString(target.resolve("spec.json")));
    }

    @Test
    void aFileInTheWayIsBadInput() throws Exception {
        Path file = Files.writeString(tmp.resolve("out"), "x");
        assertThrows(InputException.class, () -> OutputFolder.begin(file, true));
    }
}
