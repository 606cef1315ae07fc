package io.illc.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The one way illc publishes a file or a folder: written beside the target under a hidden
 * temporary name ({@code .<name>.partial-<pid>-<random>}, the PID of the writing process), synced to disk, then renamed over the target in
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
    /**
     * Part of the name of a replaced target while {@link #publish} swaps it ({@code .<name>.previous-<pid>-<random>}):
     * if the process dies between the two renames it is the only copy of the old results, so
     * {@link #removeStale} puts it back instead of deleting it.
     */
    public static final String ASIDE_MARK = ".previous-";
    /** How often a replacing publish tries again when other runs keep publishing the same target meanwhile. */
    private static final int PUBLISH_ATTEMPTS = 5;

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

    /** Replaces {@code target} with {@code bytes}, as {@link #write(Path, Content)}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Replaces {@code target} with what {@code content} writes, making its folder when missing. A
     * folder is never replaced: that fails before anything is written.
     */
    public static void write(Path target, Content content) throws IOException {
        if (Files.isDirectory(target)) {
            throw new FileSystemException(target.toString(), null, "is a folder, not a file");
        }
        Files.createDirectories(parent(target));
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
     * either the old folder or the new one. Replacing publishes of one target at the same moment
     * (forced runs) each succeed, and the last to rename wins.
     *
     * @return whether an existing {@code target} was replaced
     * @throws DirectoryNotEmptyException when {@code target} exists, is not empty and {@code replace} is off
     */
    public static boolean publish(Path staging, Path target, boolean replace) throws IOException {
        syncTree(staging);
        boolean replaced = false;
        for (int attempt = 1; ; attempt++) {
            Path aside = null;
            if (replace && Files.exists(target)) {
                aside = temporary(target, ASIDE_MARK);
                try {
                    rename(target, aside, false);
                    replaced = true;
                } catch (NoSuchFileException e) {
                    aside = null; // another run moved it first
                }
            }
            try {
                rename(staging, target, false);
            } catch (IOException | RuntimeException e) {
                boolean taken = holdsFiles(target);
                if (replace && attempt < PUBLISH_ATTEMPTS) {
                    // Another forced run published between our check and our rename, and a third may
                    // have set theirs aside since (the target is then gone again): try again. What we
                    // set aside is older than what they published, so it goes unless the target is
                    // still free for it; whatever is published is replaced in turn (the last one wins).
                    if (aside != null && (taken || !putBack(aside, target))) {
                        deleteTree(aside);
                    }
                    continue;
                }
                if (aside != null) {
                    rename(aside, target, false);
                } else if (!replace && taken) {
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
            return replaced;
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
        return temporary(target, TEMP_MARK);
    }

    private static Path temporary(Path target, String mark) {
        return target.resolveSibling("." + target.getFileName() + mark + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
    }

    /**
     * The PID of the process that made the temporary {@code file}, or -1 when its name does not
     * record one (not a temporary of this class, or one from a version that did not record it).
     */
    public static long ownerPid(Path file) {
        String name = file.getFileName().toString();
        if (!name.startsWith(".")) {
            return -1;
        }
        for (String mark : new String[]{TEMP_MARK, ASIDE_MARK}) {
            int at = name.lastIndexOf(mark);
            if (at < 0) {
                continue;
            }
            int from = at + mark.length();
            int dash = name.indexOf('-', from);
            try {
                return dash < 0 ? -1 : Long.parseLong(name.substring(from, dash));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /** The target whose temporary {@code file} is ({@code .out.partial-1-x} → {@code out}), if it is one. */
    public static Optional<Path> targetOf(Path file) {
        String name = file.getFileName().toString();
        for (String mark : new String[]{TEMP_MARK, ASIDE_MARK}) {
            int at = name.lastIndexOf(mark);
            if (name.startsWith(".") && at > 1) {
                return Optional.of(file.resolveSibling(name.substring(1, at)));
            }
        }
        return Optional.empty();
    }

    /**
     * The temporaries of {@code target} that live processes are writing right now, other than
     * {@code except} (the caller's own).
     */
    public static List<Path> temporariesInUse(Path target, Path except) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        List<Path> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(absolute.getParent())) {
            for (Path p : entries.toList()) {
                if (!p.equals(except) && p.getFileName().toString().contains(TEMP_MARK)
                        && targetOf(p).map(absolute::equals).orElse(false) && isAlive(ownerPid(p))) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /**
     * Cleans up after processes that died while writing in {@code folder} ({@code kill -9}, a power
     * cut): their staging folders and temporary files are deleted; a replaced target set aside by a
     * {@link #publish} that never finished is put back when its place is still free. Temporaries of
     * live processes, and those whose name records no PID, are left alone.
     *
     * @return the leftovers removed or restored
     */
    public static List<Path> removeStale(Path folder) throws IOException {
        List<Path> cleaned = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return cleaned;
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(folder)) {
            entries = list.toList();
        }
        for (Path p : entries) {
            long pid = ownerPid(p);
            if (pid < 0 || isAlive(pid)) {
                continue;
            }
            try {
                Optional<Path> target = targetOf(p);
                if (p.getFileName().toString().contains(ASIDE_MARK) && target.isPresent() && !Files.exists(target.get())) {
                    rename(p, target.get(), false);
                } else {
                    deleteTree(p);
                }
                cleaned.add(p);
            } catch (IOException | java.io.UncheckedIOException e) {
                // Best effort: another run cleaned it up at the same time, or it is not ours to delete.
            }
        }
        return cleaned;
    }

    private static boolean isAlive(long pid) {
        return pid >= 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
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

    /** Whether {@code folder} is a folder with something in it, at this moment (others may be renaming it). */
    private static boolean holdsFiles(Path folder) {
        try {
            return Files.isDirectory(folder) && !isEmpty(folder);
        } catch (IOException e) {
            return false; // moved away between the two checks
        }
    }

    /** Renames {@code aside} back to {@code target}; false when {@code target} has been taken meanwhile. */
    private static boolean putBack(Path aside, Path target) {
        try {
            rename(aside, target, false);
            return true;
        } catch (IOException e) {
            return false;
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

    /** Writes a file's data and metadata to disk ({@code fsync}). */
    public static void sync(Path file) throws IOException {
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
