package io.illc.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AtomicFilesTest {
    @TempDir
    Path tmp;

    /**
     * Forced runs that publish the same folder at the same moment: each one succeeds (a target that
     * appears between a run's check and its rename is set aside too), one of them is what is left,
     * and nothing else is.
     */
    @Test
    void replacingPublishesOfOneTargetAtTheSameMomentAllSucceed() throws Exception {
        Path target = tmp.resolve("out");
        for (int round = 0; round < 200; round++) {
            int runs = 4;
            CyclicBarrier together = new CyclicBarrier(runs);
            ExecutorService pool = Executors.newFixedThreadPool(runs);
            try {
                List<Future<Boolean>> published = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    int run = r;
                    published.add(pool.submit(() -> {
                        Path staging = AtomicFiles.stagingFolder(target);
                        Files.writeString(staging.resolve("who.txt"), "run " + run);
                        together.await();
                        return AtomicFiles.publish(staging, target, true);
                    }));
                }
                for (Future<Boolean> f : published) {
                    f.get(); // throws what a publish threw
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(Files.readString(target.resolve("who.txt")).startsWith("run "));
            try (Stream<Path> entries = Files.list(tmp)) {
                assertEquals(List.of(target), entries.toList(), "round " + round);
            }
        }
    }

    @Test
    void aWrittenFileHasThePermissionsOfAPlainlyCreatedFile() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        Path plain = Files.write(tmp.resolve("plain.txt"), new byte[]{1});

        AtomicFiles.write(tmp.resolve("atomic.txt"), new byte[]{1});

        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(tmp.resolve("atomic.txt")));
    }

    @Test
    void aPublishedFolderHasThePermissionsOfAPlainlyCreatedFolder() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        Path plain = Files.createDirectory(tmp.resolve("plain"));

        AtomicFiles.writeFolder(tmp.resolve("atomic"), false, folder -> Files.write(folder.resolve("a.txt"), new byte[]{1}));

        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(tmp.resolve("atomic")));
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path target = Files.writeString(tmp.resolve("a.json"), "old");

        AtomicFiles.write(target, "new".getBytes());

        assertEquals("new", Files.readString(target));
        assertEquals(List.of(target), entries(tmp), "nothing but the target is left");
    }

    @Test
    void aMissingFolderIsMadeAndAFolderIsNeverReplaced() throws IOException {
        Path nested = tmp.resolve("a").resolve("b").resolve("c.json");
        Path folder = Files.createDirectory(tmp.resolve("d"));
        Files.writeString(folder.resolve("keep.txt"), "kept");

        AtomicFiles.write(nested, "new".getBytes());
        FileSystemException refused = assertThrows(FileSystemException.class,
                () -> AtomicFiles.write(folder, out -> fail("nothing is written for a folder")));

        assertEquals("new", Files.readString(nested));
        assertEquals(folder + ": is a folder, not a file", refused.getMessage());
        assertEquals("kept", Files.readString(folder.resolve("keep.txt")));
        assertEquals(List.of(tmp.resolve("a"), folder), entries(tmp));
    }

    @Test
    void aFailureMidwayLeavesTheOldFileIntactAndNoTemporaryBehind() throws IOException {
        Path target = Files.writeString(tmp.resolve("a.json"), "old");

        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half of the new".getBytes());
            out.flush();
            throw new IOException("disk full");
        }));

        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), entries(tmp));
    }

    @Test
    void aRuntimeFailureMidwayLeavesNoTemporaryBehindEither() {
        Path target = tmp.resolve("a.json");

        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IllegalStateException("a plugin failed");
        }));

        assertEquals(List.of(), entries(tmp));
    }

    @Test
    void aFolderIsPublishedWithAllItsFilesOrNotAtAll() throws IOException {
        Path target = tmp.resolve("out");
        AtomicFiles.writeFolder(target, false, folder -> Files.writeString(folder.resolve("old.txt"), "old"));

        assertThrows(IOException.class, () -> AtomicFiles.writeFolder(target, true, folder -> {
            Files.writeString(folder.resolve("new.txt"), "new");
            throw new IOException("interrupted");
        }));
        assertEquals(List.of(target.resolve("old.txt")), entries(target), "the old folder is untouched");
        assertEquals(List.of(target), entries(tmp), "no staging folder is left");

        AtomicFiles.writeFolder(target, true, folder -> {
            Files.writeString(folder.resolve("a.txt"), "a");
            Files.createDirectories(folder.resolve("sub"));
            Files.writeString(folder.resolve("sub/b.txt"), "b");
        });
        assertEquals(List.of(target.resolve("a.txt"), target.resolve("sub")), entries(target), "only the new files");
        assertArrayEquals("b".getBytes(), Files.readAllBytes(target.resolve("sub/b.txt")));
        assertEquals(List.of(target), entries(tmp), "neither the staging folder nor the old folder is left");
    }

    @Test
    void aNonEmptyFolderIsNotReplacedUnlessAsked() throws IOException {
        Path target = Files.createDirectory(tmp.resolve("out"));
        Files.writeString(target.resolve("someone-elses.txt"), "theirs");

        assertThrows(DirectoryNotEmptyException.class,
                () -> AtomicFiles.writeFolder(target, false, folder -> Files.writeString(folder.resolve("a.txt"), "a")));

        assertEquals(List.of(target.resolve("someone-elses.txt")), entries(target));
        assertEquals(List.of(target), entries(tmp));
    }

    @Test
    void anEmptyFolderIsReplacedWithoutAsking() throws IOException {
        Path target = Files.createDirectory(tmp.resolve("out"));

        AtomicFiles.writeFolder(target, false, folder -> Files.writeString(folder.resolve("a.txt"), "a"));

        assertEquals(List.of(target.resolve("a.txt")), entries(target));
    }

    @Test
    void temporariesAreRecognisedByName() throws IOException {
        Path staging = AtomicFiles.stagingFolder(tmp.resolve("out"));

        assertTrue(AtomicFiles.isTemporary(staging));
        assertFalse(AtomicFiles.isTemporary(tmp.resolve("out")));
    }

    private static List<Path> entries(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
