package io.illc.core.run;

import io.illc.core.InputException;
import io.illc.core.io.AtomicFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * An output folder written all at once: files go into a staging folder beside the target, which
 * {@link #commit()} publishes with {@link AtomicFiles#publish}. A failed or interrupted run leaves the
 * target as it was and removes the staging folder. Not thread-safe.
 */
public final class OutputFolder implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private final boolean replace;
    /** The top-most folder this run created to hold the staging folder, or null if none was missing. */
    private final Path createdAncestor;
    private final Thread cleanupOnExit;
    private boolean done;

    private OutputFolder(Path target, Path staging, boolean replace, Path createdAncestor) {
        this.target = target;
        this.staging = staging;
        this.replace = replace;
        this.createdAncestor = createdAncestor;
        this.cleanupOnExit = new Thread(this::discard);
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    }

    /**
     * Starts writing {@code target}.
     *
     * @param force replace a non-empty existing folder; without it such a folder is refused
     * @throws InputException when the target is a file, is non-empty without force, or cannot be made
     */
    public static OutputFolder begin(Path target, boolean force) {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new InputException("output " + absolute + " is a file, not a folder; choose another --out");
        }
        boolean replace = Files.isDirectory(absolute) && !isEmpty(absolute);
        if (replace && !force) {
            throw new InputException("output folder " + absolute + " is not empty; add --force to replace it, or choose another --out");
        }
        try {
            Path parent = absolute.getParent();
            Path createdAncestor = null;
            for (Path p = parent; p != null && !Files.exists(p); p = p.getParent()) {
                createdAncestor = p;
            }
            Files.createDirectories(parent);
            Path staging = AtomicFiles.stagingFolder(absolute);
            return new OutputFolder(absolute, staging, replace, createdAncestor);
        } catch (IOException e) {
            throw new InputException("cannot create output folder " + absolute + ": " + e.getMessage(), e);
        }
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

    /** Moves the finished folder into place, replacing the old one when allowed. */
    public void commit() {
        try {
            AtomicFiles.publish(staging, target, replace);
            done = true;
        } catch (DirectoryNotEmptyException e) {
            throw new InputException("output folder " + target + " was filled by someone else during the run", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the results into " + target, e);
        } finally {
            removeHook();
        }
    }

    /** Removes the staging folder, and the folders made for it, unless the results were committed. */
    @Override
    public void close() {
        if (!done) {
            discard();
            removeHook();
        }
    }

    private void discard() {
        deleteTree(staging);
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
