package io.illc.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The right to write one output folder: an advisory lock ({@code fcntl}) on a hidden file
 * {@code .<name>.lock} beside it, which records the owner's PID and start time for messages.
 *
 * <p>The operating system drops the lock when its process dies, however it dies ({@code kill -9}
 * included), so a lock is never stale: the next run simply takes it. Runs in one JVM are kept apart
 * by an in-process map as well, since POSIX locks belong to a process (and closing <em>any</em>
 * descriptor of the file drops them: nothing in this JVM may open the lock file of a held lock).
 * The file is deleted on release. A run that opened it just before and locks it just after would
 * hold a lock on a deleted file: it compares the file's identity (inode) at the path before opening
 * and after locking, and tries again when they differ. Should a lock still be shared in a race
 * too narrow for that check, the no-replace {@link AtomicFiles#publish} refuses the second run at
 * the end. Thread-safe.
 */
public final class FolderLock implements AutoCloseable {
    /** The targets locked in this JVM, with their owner's description. */
    private static final Map<Path, String> HELD_IN_THIS_JVM = new ConcurrentHashMap<>();
    /** How many 10 ms waits {@link #owner} allows a new owner to write its name (0.5 s). */
    private static final int OWNER_WRITE_WAITS = 50;

    private final Path target;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path target, Path file, FileChannel channel, FileLock lock) {
        this.target = target;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code target}: {@code .<name>.lock} in the same folder. */
    public static Path lockFile(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        return absolute.resolveSibling("." + absolute.getFileName() + ".lock");
    }

    /**
     * Takes the lock of {@code target}, whose parent folder must exist.
     *
     * @return the lock, or empty when another run (in this JVM or another process) holds it
     */
    public static Optional<FolderLock> tryAcquire(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        String owner = "pid " + ProcessHandle.current().pid() + ", started "
                + ProcessHandle.current().info().startInstant().map(Instant::toString).orElse("at an unknown time");
        if (HELD_IN_THIS_JVM.putIfAbsent(absolute, owner) != null) {
            return Optional.empty();
        }
        boolean acquired = false;
        try {
            Path file = lockFile(absolute);
            for (int attempt = 0; attempt < 20; attempt++) {
                Object before = identity(file);
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException | IOException e) {
                    channel.close();
                    throw e instanceof IOException io ? io : new IOException(e);
                }
                if (lock == null) {
                    channel.close();
                    return Optional.empty();
                }
                Object after = identity(file);
                if (after == null || (before != null && !before.equals(after))) {
                    // The previous owner deleted the file we opened: our lock is on a file no longer in place.
                    channel.close();
                    continue;
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((owner + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(true);
                acquired = true;
                return Optional.of(new FolderLock(absolute, file, channel, lock));
            }
            throw new IOException("cannot lock " + file + ": it keeps being deleted and created again");
        } finally {
            if (!acquired) {
                HELD_IN_THIS_JVM.remove(absolute);
            }
        }
    }

    /** Who holds the lock of {@code target}, as "pid 123, started 2026-...", if the lock file says. */
    public static Optional<String> owner(Path target) {
        String inThisJvm = HELD_IN_THIS_JVM.get(target.toAbsolutePath().normalize());
        if (inThisJvm != null) {
            return Optional.of(inThisJvm);
        }
        Path file = lockFile(target);
        String text = readQuietly(file);
        // An empty file is an owner between taking the lock and writing its name: give it a moment.
        for (int wait = 0; text != null && text.isBlank() && wait < OWNER_WRITE_WAITS; wait++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            text = readQuietly(file);
        }
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }

    /** The file's identity (device and inode) from a stat, which opens no descriptor; null when absent. */
    private static Object identity(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Deletes the lock file and releases the lock; idempotent. */
    @Override
    public synchronized void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left behind, it is harmless: the next run locks it again.
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Closing the channel drops the lock anyway.
        } finally {
            HELD_IN_THIS_JVM.remove(target);
        }
    }
}
