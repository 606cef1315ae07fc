package io.illc.core.io;

import io.illc.core.InputException;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Rows kept in a temporary file instead of the heap, so that minibatches can be drawn in any order
 * from data of any size: each row is one record of {@code width} float64 values (8 · width bytes;
 * float64 so that the values read back are exactly those written), appended once and then read by
 * position. Heap use is one write buffer and the records being read.
 *
 * <p>The file is created in {@code java.io.tmpdir} and deleted by {@link #close()} (and at exit, if
 * the JVM ends first). Not thread-safe: one reader at a time.
 */
public final class SpilledRecords implements Closeable {
    private static final int WRITE_BUFFER_BYTES = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final int width;
    private final int recordBytes;
    private final ByteBuffer writeBuffer;
    private ByteBuffer readBuffer;
    /** The records last read, row-major; reused, so that drawing minibatches allocates nothing. */
    private double[] values = new double[0];
    private int count;

    private SpilledRecords(Path file, FileChannel channel, int width) {
        this.file = file;
        this.channel = channel;
        this.width = width;
        this.recordBytes = Double.BYTES * width;
        this.writeBuffer = ByteBuffer.allocate(Math.max(recordBytes, WRITE_BUFFER_BYTES / recordBytes * recordBytes))
                .order(ByteOrder.nativeOrder());
        this.readBuffer = ByteBuffer.allocate(recordBytes).order(ByteOrder.nativeOrder());
    }

    /**
     * An empty file of records of {@code width} values.
     *
     * @param purpose names the file and the messages, e.g. "train" or "test"
     * @throws InputException when the temporary folder cannot take a file
     */
    public static SpilledRecords create(int width, String purpose) {
        if (width < 1) {
            throw new IllegalArgumentException("records of " + width + " values");
        }
        Path file = null;
        try {
            file = Files.createTempFile("illc-" + purpose + "-rows-", ".bin");
            file.toFile().deleteOnExit();
            return new SpilledRecords(file, FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE),
                    width);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new InputException("cannot create a temporary file for the " + purpose + " rows in "
                    + System.getProperty("java.io.tmpdir") + " (set -Djava.io.tmpdir in JAVA_OPTS to another folder): " + e, e);
        }
    }

    /**
     * Appends one record: {@code values[offset … offset + width)}. Records are numbered in the order
     * they are appended; call {@link #finish()} before reading.
     */
    public void append(double[] values, int offset) {
        if (writeBuffer.remaining() < recordBytes) {
            flush();
        }
        for (int i = 0; i < width; i++) {
            writeBuffer.putDouble(values[offset + i]);
        }
        count++;
    }

    /** Writes what is buffered; the records appended so far can then be read. */
    public void finish() {
        flush();
    }

    /** The number of records appended. */
    public int count() {
        return count;
    }

    /** The values per record. */
    public int width() {
        return width;
    }

    /**
     * Records {@code records[0], records[1], …}, row-major {@code [records.length, width]} at the start
     * of the returned array, which is this file's own and is overwritten by the next read.
     */
    public double[] read(int[] records) {
        double[] into = values(records.length);
        ByteBuffer record = buffer(recordBytes);
        for (int k = 0; k < records.length; k++) {
            record.clear().limit(recordBytes);
            fill(record, (long) records[k] * recordBytes);
            record.flip();
            record.asDoubleBuffer().get(into, k * width, width);
        }
        return into;
    }

    /** The consecutive records {@code [first, first + n)}, read with one read, as {@link #read(int[])} returns them. */
    public double[] readRange(int first, int n) {
        double[] into = values(n);
        ByteBuffer block = buffer(n * recordBytes);
        block.clear().limit(n * recordBytes);
        fill(block, (long) first * recordBytes);
        block.flip();
        block.asDoubleBuffer().get(into, 0, n * width);
        return into;
    }

    /** Closes and deletes the file. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file is deleted next either way
        }
        deleteQuietly(file);
    }

    private double[] values(int records) {
        if (values.length < records * width) {
            values = new double[records * width];
        }
        return values;
    }

    private ByteBuffer buffer(int bytes) {
        if (readBuffer.capacity() < bytes) {
            readBuffer = ByteBuffer.allocate(bytes).order(ByteOrder.nativeOrder());
        }
        return readBuffer;
    }

    private void fill(ByteBuffer into, long position) {
        try {
            while (into.hasRemaining()) {
                int read = channel.read(into, position);
                if (read < 0) {
                    throw new IllegalStateException("the temporary file " + file + " ended early; was it changed?");
                }
                position += read;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the temporary file " + file, e);
        }
    }

    private void flush() {
        writeBuffer.flip();
        try {
            while (writeBuffer.hasRemaining()) {
                channel.write(writeBuffer, channel.size());
            }
        } catch (IOException e) {
            throw new InputException("cannot write the temporary file " + file + " (is its disk full? set"
                    + " -Djava.io.tmpdir in JAVA_OPTS to another folder): " + e, e);
        }
        writeBuffer.clear();
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file; deleteOnExit tries again
        }
    }
}
