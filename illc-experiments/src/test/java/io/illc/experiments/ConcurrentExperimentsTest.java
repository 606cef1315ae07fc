package io.illc.experiments;

import io.illc.core.InputException;
import io.illc.core.io.FolderLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One experiment per folder at a time: a second one, even with force, is refused while the first runs. */
class ConcurrentExperimentsTest {
    @TempDir
    Path tmp;

    @Test
    void anExperimentIntoAFolderAnotherRunHoldsIsRefusedNamingTheOwner() throws Exception {
        Path out = tmp.resolve("exp");
        try (FolderLock held = ExperimentFolder.lock(out)) {
            InputException e = assertThrows(InputException.class, () -> ExperimentFolder.lock(out));
            assertTrue(e.getMessage().contains("is being written by another illc experiment (pid "
                    + ProcessHandle.current().pid()), e.getMessage());
        }
        try (FolderLock again = ExperimentFolder.lock(out)) {
            assertFalse(Files.exists(out), "the lock makes no output folder by itself");
        }
    }
}
