package io.illc.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The one way illc publishes a file or a folder: written beside the target under a hidden
 * temporary name ({@code .<name>.partial-<random>}), synced to disk, then renamed over the target in
 * one step, so a reader (or the next run after a crash) sees the old target or the new one, never a
 * mixture. A failure leaves the old target as it was and removes the temporary.
 *
 * <p>Temporaries are created with the permissions a plain {@link Files#write} or
 * {@link Files#createDirectory} gives under the user's umask (not the owner-only ones of
 * {@link Files#createTempFile}), and keep them when renamed. Where the file system cannot rename
 * atomically the rename falls back to a plain move. Stateless and thread-safe; two writers of the
 * same target race, the last rename wins.
 */
public final class AtomicFiles {
    /** Part of every temporary's name: a file or folder whose name holds it is a leftover. */
    public static final String TEMP_MARK = ".partial-";

    private AtomicFiles() {
    }

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Fills a staging folder. */
    @FunctionalInterface
    public interface FolderContent {
        void writeTo(Path folder) throws IOException;
    }

    /** Replaces {@code target} with {@code bytes}; its folder must exist. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Replaces {@code target} with what {@code content} writes; its folder must exist. */
    public static void write(Path target, Content content) throws IOException {
        Path temp = temporary(target);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            rename(temp, target, true);
            syncFolder(parent(target));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A new empty staging folder beside {@code target}, for {@link #publish}; the caller fills it and
     * deletes it ({@link #deleteTree}) if it is not published.
     */
    public static Path stagingFolder(Path target) throws IOException {
        Path parent = parent(target);
        Files.createDirectories(parent);
        while (true) {
            try {
                return Files.createDirectory(temporary(target));
            } catch (FileAlreadyExistsException e) {
                // A random name taken: try another.
            }
        }
    }

    /**
     * Publishes the filled {@code staging} folder as {@code target}: every file in it is synced,
     * then it is renamed into place in one step. An existing {@code target} is replaced only when
     * {@code replace}; it is first renamed aside, so a failure puts it back and the target is always
     * either the old folder or the new one.
     *
     * @throws DirectoryNotEmptyException when {@code target} exists, is not empty and {@code replace} is off
     */
    public static void publish(Path staging, Path target, boolean replace) throws IOException {
        syncTree(staging);
        Path aside = null;
        if (replace && Files.exists(target)) {
            aside = temporary(target);
            rename(target, aside, false);
        }
        try {
            rename(staging, target, false);
        } catch (IOException | RuntimeException e) {
            if (aside != null) {
                rename(aside, target, false);
            } else if (!replace && Files.isDirectory(target) && !isEmpty(target)) {
                // rename(2) reports ENOTEMPTY, which Java does not map to this exception.
                DirectoryNotEmptyException full = new DirectoryNotEmptyException(target.toString());
                full.initCause(e);
                throw full;
            }
            throw e;
        }
        syncFolder(parent(target));
        if (aside != null) {
            deleteTree(aside);
        }
    }

    /**
     * Writes a whole folder all-or-nothing: {@code content} fills a staging folder beside {@code target},
     * which is then {@link #publish published}; on failure the staging folder is removed and the old
     * target is left as it was.
     */
    public static void writeFolder(Path target, boolean replace, FolderContent content) throws IOException {
        Path staging = stagingFolder(target);
        boolean published = false;
        try {
            content.writeTo(staging);
            publish(staging, target, replace);
            published = true;
        } finally {
            if (!published) {
                deleteTree(staging);
            }
        }
    }

    /** Deletes {@code root} and everything below it, if it exists. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    /** True for the name of a temporary this class creates (a leftover when no write is running). */
    public static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.contains(TEMP_MARK);
    }

    private static Path temporary(Path target) {
        return target.resolveSibling("." + target.getFileName() + TEMP_MARK + UUID.randomUUID());
    }

    private static Path parent(Path target) {
        return target.toAbsolutePath().getParent();
    }

    private static void rename(Path from, Path to, boolean replaceFile) throws IOException {
        StandardCopyOption[] options = replaceFile
                ? new StandardCopyOption[]{StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING}
                : new StandardCopyOption[]{StandardCopyOption.ATOMIC_MOVE};
        try {
            Files.move(from, to, options);
        } catch (AtomicMoveNotSupportedException e) {
            if (replaceFile) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to);
            }
        }
    }

    private static void syncTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                if (Files.isRegularFile(p)) {
                    sync(p);
                } else if (Files.isDirectory(p)) {
                    syncFolder(p);
                }
            }
        }
    }

    private static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes a rename in {@code folder} durable; best effort, since not every platform can open a folder. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a folder as a channel; the rename itself is still atomic.
        }
    }
}
