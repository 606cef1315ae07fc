package io.illc.core.run;

import io.illc.core.InputException;
import io.illc.core.io.AtomicFiles;
import io.illc.core.io.FolderLock;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * An output folder written all at once: files go into a staging folder beside the target, which
 * {@link #commit()} publishes with {@link AtomicFiles#publish}. A failed or interrupted run leaves the
 * target as it was and removes the staging folder. Not thread-safe.
 *
 * <p><b>Concurrent runs.</b> A run holds the target's {@link FolderLock} from {@link #begin} to the
 * end, so of two runs to one folder without {@code --force} exactly one writes it and the other is
 * refused at once (bad input, naming the owner's PID). With {@code --force} a run that finds the
 * lock taken goes ahead beside the owner, the last to finish wins, and both are told through
 * {@link Progress#note}. {@link #begin} also removes the staging folders of processes that died in
 * the same parent folder ({@link AtomicFiles#removeStale}).
 */
public final class OutputFolder implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private final boolean force;
    private final boolean replace;
    /** The top-most folder this run created to hold the staging folder, or null if none was missing. */
    private final Path createdAncestor;
    /** The target's lock, or null when a forced run goes ahead beside its owner. */
    private final FolderLock lock;
    private final String ownerWhenForced;
    private final Progress progress;
    private final Thread cleanupOnExit;
    private boolean done;

    private OutputFolder(Path target, Path staging, boolean force, boolean replace, Path createdAncestor,
                         FolderLock lock, String ownerWhenForced, Progress progress) {
        this.target = target;
        this.staging = staging;
        this.force = force;
        this.replace = replace;
        this.createdAncestor = createdAncestor;
        this.lock = lock;
        this.ownerWhenForced = ownerWhenForced;
        this.progress = progress;
        this.cleanupOnExit = new Thread(this::discard, "illc-discard-" + target.getFileName());
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    }

    /** {@link #begin(Path, boolean, Progress)} without notes. */
    public static OutputFolder begin(Path target, boolean force) {
        return begin(target, force, Progress.SILENT);
    }

    /**
     * Starts writing {@code target}.
     *
     * @param force replace an earlier run's results ({@link #holdsEarlierRun}; any other non-empty
     *              folder is refused even so), and go ahead when another run is writing it (the last
     *              to finish wins); without it both are refused
     * @param progress where notes about a concurrent forced run go
     * @throws InputException when the target is a file, is non-empty or being written by another run
     *                        without force, is non-empty without an earlier run's results, or cannot be
     *                        made (with the reason)
     */
    public static OutputFolder begin(Path target, boolean force, Progress progress) {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new InputException("output " + absolute + " is a file, not a folder; choose another --out");
        }
        Path parent = absolute.getParent();
        Path createdAncestor = null;
        for (Path p = parent; p != null && !Files.exists(p); p = p.getParent()) {
            createdAncestor = p;
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new InputException("cannot create output folder " + absolute + ": " + reason(e), e);
        }
        FolderLock lock;
        try {
            AtomicFiles.removeStale(parent);
            lock = FolderLock.tryAcquire(absolute).orElse(null);
        } catch (IOException e) {
            throw new InputException("cannot create output folder " + absolute + ": " + reason(e), e);
        }
        String owner = null;
        if (lock == null) {
            owner = FolderLock.owner(absolute).map(o -> " (" + o + ")").orElse("");
            if (!force) {
                throw new InputException("output folder " + absolute + " is being written by another illc run" + owner
                        + "; wait for it to finish, choose another --out, or add --force to replace its results");
            }
            progress.note("another illc run" + owner + " is writing " + absolute
                    + " too; with --force the last to finish wins");
        }
        boolean published = false;
        try {
            boolean replace = Files.isDirectory(absolute) && !isEmpty(absolute);
            if (replace && !holdsEarlierRun(absolute)) {
                // Replacing a folder deletes all it holds: only an earlier run's results are ours to delete.
                throw new InputException("output folder " + absolute + " is not empty and holds no earlier illc run"
                        + " (no spec.json and provenance.json), the only folder --force replaces; choose another --out,"
                        + " or empty the folder first");
            }
            if (replace && !force) {
                throw new InputException("output folder " + absolute + " holds an earlier run's results; add --force to"
                        + " replace them, or choose another --out");
            }
            Path staging;
            try {
                staging = AtomicFiles.stagingFolder(absolute);
            } catch (IOException e) {
                throw new InputException("cannot create output folder " + absolute + ": " + reason(e), e);
            }
            OutputFolder folder = new OutputFolder(absolute, staging, force, replace, createdAncestor, lock, owner, progress);
            published = true;
            return folder;
        } finally {
            if (!published && lock != null) {
                lock.close();
            }
        }
    }

    /** Whether {@code folder} holds the results of an earlier run: its spec.json and provenance.json. */
    public static boolean holdsEarlierRun(Path folder) {
        return Files.isRegularFile(folder.resolve("spec.json")) && Files.isRegularFile(folder.resolve("provenance.json"));
    }

    /** Why a folder could not be made, in the words a user knows. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied" + (denied.getFile() == null ? "" : " on " + denied.getFile());
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " is a file, not a folder";
        }
        if (e instanceof NotDirectoryException notDir) {
            return notDir.getFile() + " is not a folder";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            String reason = fs.getReason().toLowerCase(java.util.Locale.ROOT);
            return (fs.getFile() == null ? "" : fs.getFile() + ": ") + reason;
        }
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }

    /** The folder being written (temporary until {@link #commit()}). */
    public Path staging() {
        return staging;
    }

    /** The final folder. */
    public Path target() {
        return target;
    }

    /** Writes {@code bytes} to {@code relative}, creating parent folders. */
    public void write(String relative, byte[] bytes) {
        try {
            Path file = resolve(relative);
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + relative + " in " + staging, e);
        }
    }

    /**
     * Writes the data of the written file {@code relative} to disk now: {@link #commit()} syncs
     * every file anyway, but a large one synced early, on another thread, is not waited for then.
     */
    public void sync(String relative) {
        try {
            AtomicFiles.sync(resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync " + relative + " in " + staging, e);
        }
    }

    /** Opens {@code relative} for writing, creating parent folders; the caller closes the stream. */
    public OutputStream open(String relative) {
        try {
            return Files.newOutputStream(resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + relative + " in " + staging, e);
        }
    }

    /** The staging path of {@code relative}, with its parent folders created. */
    public Path resolve(String relative) throws IOException {
        Path file = staging.resolve(relative).normalize();
        if (!file.startsWith(staging)) {
            throw new IllegalArgumentException(relative + " is outside the output folder");
        }
        Files.createDirectories(file.getParent());
        return file;
    }

    /**
     * Moves the finished folder into place, replacing the old one when allowed (with force, also
     * one another forced run published meanwhile), and releases the lock.
     */
    public void commit() {
        try {
            boolean replaced = AtomicFiles.publish(staging, target, replace || force);
            done = true;
            // After our rename: a staging folder of the same target still there will be published after ours.
            List<Path> others = AtomicFiles.temporariesInUse(target, staging);
            if (replaced && !replace) {
                progress.note("replaced the results another illc run" + (ownerWhenForced == null ? "" : ownerWhenForced)
                        + " published in " + target + " during this run (--force: the last to finish wins)");
            }
            if (!others.isEmpty()) {
                progress.note("another illc run (pid " + AtomicFiles.ownerPid(others.get(0)) + ") is still writing " + target
                        + " with --force; its results will replace these when it finishes");
            }
        } catch (DirectoryNotEmptyException e) {
            throw new InputException("output folder " + target + " was filled by another run during this one;"
                    + " these results were not written (add --force to replace it)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the results into " + target, e);
        } finally {
            removeHook();
            releaseLock();
        }
    }

    /** Removes the staging folder, and the folders made for it, unless the results were committed. */
    @Override
    public void close() {
        if (!done) {
            discard();
            removeHook();
        }
        releaseLock();
    }

    private void releaseLock() {
        if (lock != null) {
            lock.close();
        }
    }

    private void discard() {
        deleteTree(staging);
        releaseLock();
        if (createdAncestor == null) {
            return;
        }
        for (Path p = staging.getParent(); p != null && p.startsWith(createdAncestor); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (DirectoryNotEmptyException e) {
                return; // something else was put there meanwhile: leave it
            } catch (IOException e) {
                return;
            }
        }
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it cleans up by itself.
        }
    }

    private static boolean isEmpty(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new InputException("cannot read output folder " + folder + ": " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path root) {
        try {
            AtomicFiles.deleteTree(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
