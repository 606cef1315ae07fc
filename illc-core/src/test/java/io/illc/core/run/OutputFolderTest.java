package io.illc.core.run;

import io.illc.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

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
    void aNonEmptyFolderIsReplacedOnlyWithForce() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(target.resolve("old.txt"), "old");

        InputException e = assertThrows(InputException.class, () -> OutputFolder.begin(target, false));
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        try (OutputFolder folder = OutputFolder.begin(target, true)) {
            folder.write("new.txt", new byte[]{7});
            folder.commit();
        }
        assertFalse(Files.exists(target.resolve("old.txt")));
        assertTrue(Files.exists(target.resolve("new.txt")));
    }

    @Test
    void aFileInTheWayIsBadInput() throws Exception {
        Path file = Files.writeString(tmp.resolve("out"), "x");
        assertThrows(InputException.class, () -> OutputFolder.begin(file, true));
    }
}
