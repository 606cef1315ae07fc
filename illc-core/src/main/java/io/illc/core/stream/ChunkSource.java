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

    /** Chunk {@code index} of a pass, read on any thread. Thread-safe. */
    @FunctionalInterface
    interface ChunkAt {
        /** @throws io.illc.core.InputException when the rows cannot be read (a malformed row names its row) */
        RowChunk chunk(int index);
    }

    /** Reads the chunks of one pass in order. Not thread-safe: one pass, one thread. */
    interface ChunkReader extends Closeable {
        /**
         * The next {@link LocalRowPasses#CHUNK_ROWS} rows (fewer only for the last chunk), in a new
         * array the caller may keep, or {@code null} after the last row.
         *
         * @throws io.illc.core.InputException when the rows cannot be read (a malformed row names its row)
         */
        RowChunk next();

        /**
         * This pass's chunks by index (chunk i holds rows i × {@link LocalRowPasses#CHUNK_ROWS} on),
         * read on any thread, when the source can read them so: the workers of a pass then read
         * and fold their chunks at once. Null (the default) when the chunks come in order only,
         * from {@link #next}.
         */
        default ChunkAt byIndex() {
            return null;
        }

        /** Releases the file, if any; never throws for a source in memory. */
        @Override
        void close();
    }
}
