package io.illc.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FolderLockTest {
    @TempDir
    Path tmp;

    /**
     * Another process that has just taken the lock has not yet written its name: the file is empty
     * for a moment (CI once told a refused run "another illc run" without the owner's PID).
     */
    @Test
    void theOwnerOfAJustTakenLockIsReadOnceItHasWrittenItsName() throws Exception {
        Path target = tmp.resolve("out");
        Path file = FolderLock.lockFile(target);
        Files.writeString(file, "");
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(100);
                Files.writeString(file, "pid 42, started 2026-12-05T00:00:00Z\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(Optional.of("pid 42, started 2026-12-05T00:00:00Z"), FolderLock.owner(target));
        writer.get(10, TimeUnit.SECONDS);
    }

    @Test
    void anOwnerThatNeverWritesItsNameIsUnknownAndAMissingFileHasNoOwner() throws Exception {
        Path target = tmp.resolve("out");
        assertEquals(Optional.empty(), FolderLock.owner(target));
        Files.writeString(FolderLock.lockFile(target), "  \n");
        assertEquals(Optional.empty(), FolderLock.owner(target));
    }

    @Test
    void aHeldLockNamesThisProcess() throws Exception {
        Path target = tmp.resolve("out");
        try (FolderLock lock = FolderLock.tryAcquire(target).orElseThrow()) {
            assertTrue(FolderLock.owner(target).orElseThrow().startsWith("pid " + ProcessHandle.current().pid() + ", started "));
            assertTrue(FolderLock.tryAcquire(target).isEmpty(), "a second run in this JVM is refused");
        }
        assertTrue(Files.notExists(FolderLock.lockFile(target)), "released, the lock file is deleted");
    }
}
