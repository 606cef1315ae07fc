package io.illc.core.stream;

import java.io.Closeable;

/**
 * Rows that can be read from the start any number of times, one chunk of
 * {@link LocalRowPasses#CHUNK_ROWS} rows after another: rows held in memory, or a file read
 * afresh on every pass.
 */
public interface ChunkSource {
    /** N, the number of rows. */
    long count();

    /** m, the number of values per row. */
    int features();

    /** A new reader positioned at the first row. */
    ChunkReader open();

    /** Reads the chunks of one pass in order. Not thread-safe: one pass, one thread. */
    interface ChunkReader extends Closeable {
        /**
         * The next {@link LocalRowPasses#CHUNK_ROWS} rows (fewer only for the last chunk), in a new
         * array the caller may keep, or {@code null} after the last row.
         *
         * @throws io.illc.core.InputException when the rows cannot be read (a malformed row names its row)
         */
        RowChunk next();

        /** Releases the file, if any; never throws for a source in memory. */
        @Override
        void close();
    }
}
