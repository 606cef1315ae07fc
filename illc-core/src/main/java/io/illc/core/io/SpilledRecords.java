package io.illc.core.model;

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
 * Training rows kept in a temporary file instead of the heap, so that minibatches can be drawn in
 * any order from data of any size: each row is one fixed-size record of its m feature values and
 * its label (8 · (m + 1) bytes, float64 so that the values are exactly those of the CSV), appended
 * once and then read by position. Heap use is one write buffer and one record per row read.
 *
 * <p>The file is created in {@code java.io.tmpdir} and deleted by {@link #close()} (and at exit, if
 * the JVM ends first). Not thread-safe: one trainer reads it.
 */
final class SpilledRows implements TrainingRows, Closeable {
    private static final int WRITE_BUFFER_BYTES = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final int features;
    private final int recordBytes;
    private final ByteBuffer writeBuffer;
    private ByteBuffer readBuffer;
    private int count;

    private SpilledRows(Path file, FileChannel channel, int features) {
        this.file = file;
        this.channel = channel;
        this.features = features;
        this.recordBytes = Double.BYTES * (features + 1);
        this.writeBuffer = ByteBuffer.allocate(Math.max(recordBytes, WRITE_BUFFER_BYTES / recordBytes * recordBytes))
                .order(ByteOrder.nativeOrder());
        this.readBuffer = ByteBuffer.allocate(recordBytes).order(ByteOrder.nativeOrder());
    }

    /**
     * An empty file of rows of {@code features} values.
     *
     * @param purpose names the file, e.g. "train" or "test"
     * @throws InputException when the temporary folder cannot take a file
     */
    static SpilledRows create(int features, String purpose) {
        Path file = null;
        try {
            file = Files.createTempFile("illc-" + purpose + "-rows-", ".bin");
            file.toFile().deleteOnExit();
            return new SpilledRows(file, FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE),
                    features);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new InputException("cannot create a temporary file for the " + purpose + " rows in "
                    + System.getProperty("java.io.tmpdir") + " (set -Djava.io.tmpdir in JAVA_OPTS to another folder): " + e, e);
        }
    }

    /**
     * Appends one row: {@code values[offset … offset + m)} and its label. Rows are numbered in the
     * order they are appended; call {@link #finish()} before reading.
     */
    void append(double[] values, int offset, int label) {
        if (writeBuffer.remaining() < recordBytes) {
            flush();
        }
        for (int i = 0; i < features; i++) {
            writeBuffer.putDouble(values[offset + i]);
        }
        writeBuffer.putDouble(label);
        count++;
    }

    /** Writes what is buffered; the rows appended so far can then be read. */
    void finish() {
        flush();
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int features() {
        return features;
    }

    @Override
    public void read(int[] rows, double[] values, int[] labels) {
        ByteBuffer record = buffer(recordBytes);
        for (int k = 0; k < rows.length; k++) {
            record.clear().limit(recordBytes);
            fill(record, (long) rows[k] * recordBytes);
            record.flip();
            decode(record, values, k * features, labels, k);
        }
    }

    @Override
    public void readRange(int first, int n, double[] values, int[] labels) {
        ByteBuffer block = buffer(n * recordBytes);
        block.clear().limit(n * recordBytes);
        fill(block, (long) first * recordBytes);
        block.flip();
        for (int k = 0; k < n; k++) {
            decode(block, values, k * features, labels, k);
        }
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

    private void decode(ByteBuffer from, double[] values, int offset, int[] labels, int k) {
        for (int i = 0; i < features; i++) {
            values[offset + i] = from.getDouble();
        }
        labels[k] = (int) from.getDouble();
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
