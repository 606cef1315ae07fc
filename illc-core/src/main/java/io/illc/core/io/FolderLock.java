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
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The right to write one output folder: an advisory lock ({@code fcntl}) on a hidden file
 * {@code .<name>.lock} beside it, which records the owner's PID and start time for messages.
 *
 * <p>The operating system drops the lock when its process dies, however it dies ({@code kill -9}
 * included), so a lock is never stale: the next run simply takes it. Runs in one JVM are kept apart
 * by an in-process set as well, since POSIX locks are per process. The file is deleted on release;
 * a run that locked a file its previous owner had just deleted notices (the path no longer holds
 * its token) and tries again. Thread-safe.
 */
public final class FolderLock implements AutoCloseable {
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

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
        if (!HELD_IN_THIS_JVM.add(absolute)) {
            return Optional.empty();
        }
        boolean acquired = false;
        try {
            Path file = lockFile(absolute);
            for (int attempt = 0; attempt < 100; attempt++) {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    channel.close();
                    return Optional.empty();
                }
                String token = "pid " + ProcessHandle.current().pid() + ", started "
                        + ProcessHandle.current().info().startInstant().map(Instant::toString).orElse("at an unknown time")
                        + ", token " + UUID.randomUUID() + "\n";
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(token.getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(true);
                if (token.equals(readQuietly(file))) {
                    acquired = true;
                    return Optional.of(new FolderLock(absolute, file, channel, lock));
                }
                // The previous owner deleted the file between our open and our lock: ours is unlinked.
                channel.close();
            }
            throw new IOException("cannot lock " + file + ": it keeps being replaced");
        } finally {
            if (!acquired) {
                HELD_IN_THIS_JVM.remove(absolute);
            }
        }
    }

    /** Who holds the lock of {@code target}, as "pid 123, started 2026-...", if the lock file says. */
    public static Optional<String> owner(Path target) {
        String text = readQuietly(lockFile(target));
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        int token = text.indexOf(", token ");
        return Optional.of((token < 0 ? text : text.substring(0, token)).strip());
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
