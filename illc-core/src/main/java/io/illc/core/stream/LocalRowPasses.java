package io.illc.core.stream;

import io.illc.api.Matrix;
import io.illc.core.Workers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The single-machine engine: chunks of {@link #CHUNK_ROWS} rows (a constant, so the chunk
 * boundaries never depend on the thread count), each folded into its own fresh accumulator on
 * one of {@code threads} workers, the results combined strictly left to right:
 * {@code combine(…combine(combine(fold(zero, c0), fold(zero, c1)), fold(zero, c2))…)}. The result
 * is therefore the same, bit for bit, for every thread count.
 *
 * <p>The source is read on the calling thread, {@code threads} chunks at a time, or by the workers
 * themselves when it can read its chunks by index ({@link ChunkSource.ChunkReader#byIndex}); memory
 * is {@code threads} chunks and {@code threads} accumulators, whatever the number of rows. Thread-safe
 * if the source is.
 */
public final class LocalRowPasses implements RowPasses {
    /**
     * The rows of one chunk. The engines' forward passes and Gram matrices are computed per block of
     * this many rows ({@link io.illc.core.linalg.Nd}), which is what makes a streamed pass give the
     * very numbers a pass over rows held in memory gives.
     */
    public static final int CHUNK_ROWS = 4096;

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
        try (ChunkSource.ChunkReader reader = source.open()) {
            ChunkSource.ChunkAt byIndex = reader.byIndex();
            if (byIndex != null) {
                return aggregate(byIndex, zero, fold, combine);
            }
            while (true) {
                List<RowChunk> batch = new ArrayList<>(threads);
                RowChunk chunk;
                while (batch.size() < threads && (chunk = reader.next()) != null) {
                    batch.add(chunk);
                }
                if (batch.isEmpty()) {
                    break;
                }
                List<A> folded = Workers.map(threads, batch.size(), i -> fold.fold(zero.get(), batch.get(i)),
                        (done, all) -> { });
                for (A a : folded) {
                    total = total == null ? a : combine.apply(total, a);
                }
            }
        }
        return total == null ? zero.get() : total;
    }

    /**
     * {@link #aggregate(Zero, ChunkFold, Combine)} over chunks that the workers read themselves, the
     * same {@code threads} chunks at a time, folded and combined as those read in order.
     */
    private <A> A aggregate(ChunkSource.ChunkAt chunks, Zero<A> zero, ChunkFold<A> fold, Combine<A> combine) {
        long count = (source.count() + CHUNK_ROWS - 1) / CHUNK_ROWS;
        A total = null;
        for (long first = 0; first < count; first += threads) {
            int base = (int) first;
            List<A> folded = Workers.map(threads, (int) Math.min(threads, count - first),
                    i -> fold.fold(zero.get(), chunks.chunk(base + i)), (done, all) -> { });
            for (A a : folded) {
                total = total == null ? a : combine.apply(total, a);
            }
        }
        return total == null ? zero.get() : total;
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
