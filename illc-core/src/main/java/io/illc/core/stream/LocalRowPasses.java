package io.illc.core.stream;

import io.illc.api.Matrix;
import io.illc.core.Workers;

import java.util.Arrays;
import java.util.Objects;

/**
 * The single-machine engine: chunks of {@link #CHUNK_ROWS} rows (a constant, so the chunk
 * boundaries never depend on the thread count), each folded into its own fresh accumulator on
 * one of {@code threads} workers, the results combined strictly left to right:
 * {@code combine(…combine(combine(fold(zero, c0), fold(zero, c1)), fold(zero, c2))…)}. The result
 * is therefore the same, bit for bit, for every thread count.
 *
 * <p>The source is read on the calling thread, or by the workers themselves when it can read its
 * chunks by index ({@link ChunkSource.ChunkReader#byIndex}); the workers of one pass take the chunks
 * in order, at most {@code 2 × threads} ahead of the oldest not yet combined, so memory is that many
 * chunks and accumulators, whatever the number of rows. Thread-safe if the source is.
 */
public final class LocalRowPasses implements RowPasses {
    /**
     * The rows of one chunk. The engines' forward passes and Gram matrices are computed per block of
     * this many rows ({@link io.illc.core.linalg.Nd}), which is what makes a streamed pass give the
     * very numbers a pass over rows held in memory gives.
     */
    public static final int CHUNK_ROWS = 4096;
    /**
     * Chunks in flight per worker: a worker that is done takes the next chunk while a slower one
     * finishes its own, so that no worker waits for the slowest of a batch.
     */
    private static final int CHUNKS_AHEAD = 2;

    private final ChunkSource source;
    private final int threads;

    /**
     * @param source  the rows
     * @param threads the number of workers, at least 1
     */
    public LocalRowPasses(ChunkSource source, int threads) {
        this.source = Objects.requireNonNull(source, "source");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    /** Passes over rows held in memory, {@code [N, m]}. */
    public static LocalRowPasses of(Matrix rows, int threads) {
        return new LocalRowPasses(held(rows), threads);
    }

    /** Rows held in memory, {@code [N, m]}, read as chunks of copies. */
    public static ChunkSource held(Matrix rows) {
        return new HeldRows(rows);
    }

    @Override
    public long count() {
        return source.count();
    }

    @Override
    public int features() {
        return source.features();
    }

    @Override
    public <A> A aggregate(Zero<A> zero, ChunkFold<A> fold, Combine<A> combine) {
        A total = null;
        try (ChunkSource.ChunkReader reader = source.open();
             Workers.Ordered<A> folds = Workers.ordered(threads)) {
            ChunkSource.ChunkAt byIndex = reader.byIndex();
            long chunks = (source.count() + CHUNK_ROWS - 1) / CHUNK_ROWS;
            for (int index = 0; ; index++) {
                if (byIndex != null) {
                    if (index >= chunks) {
                        break;
                    }
                    int at = index;
                    folds.add(() -> fold.fold(zero.get(), byIndex.chunk(at)));
                } else {
                    RowChunk chunk = reader.next();
                    if (chunk == null) {
                        break;
                    }
                    folds.add(() -> fold.fold(zero.get(), chunk));
                }
                if (folds.pending() == threads * CHUNKS_AHEAD) {
                    total = combined(total, folds.takeFirst(), combine);
                }
            }
            while (folds.pending() > 0) {
                total = combined(total, folds.takeFirst(), combine);
            }
        }
        return total == null ? zero.get() : total;
    }

    private static <A> A combined(A total, A next, Combine<A> combine) {
        return total == null ? next : combine.apply(total, next);
    }

    /** Rows in memory, handed out as copies of {@link #CHUNK_ROWS}-row slices. */
    private static final class HeldRows implements ChunkSource {
        private final double[] values;
        private final int rows;
        private final int features;

        HeldRows(Matrix rows) {
            Objects.requireNonNull(rows, "rows");
            if (rows.cols() < 1) {
                throw new IllegalArgumentException("rows need at least one feature");
            }
            this.values = rows.toRowMajor();
            this.rows = rows.rows();
            this.features = rows.cols();
        }

        @Override
        public long count() {
            return rows;
        }

        @Override
        public int features() {
            return features;
        }

        @Override
        public ChunkReader open() {
            return new ChunkReader() {
                private int next;

                @Override
                public RowChunk next() {
                    if (next >= rows) {
                        return null;
                    }
                    int n = Math.min(CHUNK_ROWS, rows - next);
                    RowChunk chunk = new RowChunk(next, n, features,
                            Arrays.copyOfRange(values, next * features, (next + n) * features));
                    next += n;
                    return chunk;
                }

                @Override
                public void close() {
                    // nothing held open
                }
            };
        }
    }
}
