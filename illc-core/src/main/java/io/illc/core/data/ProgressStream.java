package io.illc.core.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A file's bytes, telling {@link CsvChunks.BytesRead} how many are read, every megabyte and at the
 * end: the progress of a read by Commons CSV, which knows lines, not bytes. Not thread-safe.
 */
final class ProgressStream extends FilterInputStream {
    private static final long EVERY = 1 << 20;

    private final long size;
    private final CsvChunks.BytesRead progress;
    private long read;
    private long told;

    /** @param size the file's size in bytes: the total the progress is told */
    ProgressStream(InputStream in, long size, CsvChunks.BytesRead progress) {
        super(in);
        this.size = size;
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        counted(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        counted(n);
        return n;
    }

    private void counted(int n) {
        if (n < 0) {
            return;
        }
        read += n;
        if (read - told >= EVERY) {
            told = read;
            progress.bytesRead(Math.min(read, size), size);
        }
    }
}
