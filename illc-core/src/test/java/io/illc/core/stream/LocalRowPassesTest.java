package io.illc.core.stream;

import io.illc.api.Matrix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LocalRowPassesTest {

    @Test
    void chunksHaveFixedBoundariesWhateverTheThreadCount() {
        Matrix rows = random(2 * LocalRowPasses.CHUNK_ROWS + 5, 3);
        for (int threads : new int[]{1, 2, 7}) {
            List<Long> starts = LocalRowPasses.of(rows, threads).aggregate(ArrayList::new, (acc, chunk) -> {
                acc.add(chunk.firstRow());
                acc.add((long) chunk.rows());
                return acc;
            }, (left, right) -> {
                left.addAll(right);
                return left;
            });
            assertEquals(List.of(0L, (long) LocalRowPasses.CHUNK_ROWS, (long) LocalRowPasses.CHUNK_ROWS,
                    (long) LocalRowPasses.CHUNK_ROWS, 2L * LocalRowPasses.CHUNK_ROWS, 5L), starts, threads + " threads");
        }
    }

    @Test
    void sumsAreBitForBitTheSameForOneTwoAndSevenThreads() {
        Matrix rows = random(5 * LocalRowPasses.CHUNK_ROWS + 77, 4);
        double[] one = columnSums(LocalRowPasses.of(rows, 1));
        assertArrayEquals(one, columnSums(LocalRowPasses.of(rows, 2)));
        assertArrayEquals(one, columnSums(LocalRowPasses.of(rows, 7)));
        // Hand check: the sum of column j equals a plain loop over the rows within rounding.
        for (int j = 0; j < 4; j++) {
            double expected = 0;
            for (int r = 0; r < rows.rows(); r++) {
                expected += rows.get(r, j);
            }
            assertEquals(expected, one[j], 1e-9);
        }
    }

    @Test
    void chunksReadByTheWorkersAreFoldedAndCombinedAsChunksReadInOrder() {
        Matrix rows = random(5 * LocalRowPasses.CHUNK_ROWS + 77, 4);
        ChunkSource inOrder = LocalRowPasses.held(rows);
        List<Integer> read = Collections.synchronizedList(new ArrayList<>());
        ChunkSource byIndex = byIndex(inOrder, read::add);
        double[] expected = columnSums(new LocalRowPasses(inOrder, 1));
        for (int threads : new int[]{1, 2, 4}) {
            read.clear();
            assertArrayEquals(expected, columnSums(new LocalRowPasses(byIndex, threads)), threads + " threads");
            assertEquals(List.of(0, 1, 2, 3, 4, 5), read.stream().sorted().toList(), "each chunk read once");
        }
    }

    @Test
    void aSlowChunkHoldsBackNoOtherWorkerAndEachWorkerHasAtMostTwoChunksInFlight() {
        Matrix rows = random(12 * LocalRowPasses.CHUNK_ROWS, 2);
        int threads = 2;
        CountDownLatch chunkTwoRead = new CountDownLatch(1);
        AtomicInteger combined = new AtomicInteger();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        ChunkSource source = byIndex(LocalRowPasses.held(rows), index -> {
            if (index > combined.get() + 2 * threads) {
                problems.add("chunk " + index + " read with " + combined.get() + " combined");
            }
            if (index == 2) {
                chunkTwoRead.countDown();
            }
            if (index == 0) {
                // Read in batches of `threads` chunks, chunk 2 would wait for chunk 0 to finish.
                try {
                    if (!chunkTwoRead.await(10, TimeUnit.SECONDS)) {
                        problems.add("chunk 2 was not read while chunk 0 was");
                    }
                    Thread.sleep(200); // the other worker goes as far ahead as it may meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        int m = rows.cols();
        double[] sums = new LocalRowPasses(source, threads).aggregate(() -> new double[m], (acc, chunk) -> {
            double[] v = chunk.values();
            for (int i = 0; i < v.length; i++) {
                acc[i % m] += v[i];
            }
            return acc;
        }, (left, right) -> {
            combined.incrementAndGet();
            for (int j = 0; j < m; j++) {
                left[j] += right[j];
            }
            return left;
        });

        assertEquals(List.of(), problems);
        assertEquals(11, combined.get());
        assertArrayEquals(columnSums(LocalRowPasses.of(rows, 1)), sums);
    }

    @Test
    void noRowsGiveTheEmptyAccumulator() {
        assertArrayEquals(new double[2], columnSums(LocalRowPasses.of(Matrix.zeros(0, 2), 3)));
    }

    private static double[] columnSums(RowPasses passes) {
        int m = passes.features();
        return passes.aggregate(() -> new double[m], (acc, chunk) -> {
            double[] v = chunk.values();
            for (int i = 0; i < v.length; i++) {
                acc[i % m] += v[i];
            }
            return acc;
        }, (left, right) -> {
            for (int j = 0; j < m; j++) {
                left[j] += right[j];
            }
            return left;
        });
    }

    /** {@code inOrder}'s chunks read by index only, each read told to {@code onRead} first. */
    private static ChunkSource byIndex(ChunkSource inOrder, IntConsumer onRead) {
        return new ChunkSource() {
            @Override
            public long count() {
                return inOrder.count();
            }

            @Override
            public int features() {
                return inOrder.features();
            }

            @Override
            public ChunkReader open() {
                return new ChunkReader() {
                    @Override
                    public RowChunk next() {
                        throw new AssertionError("a source read by index is not read in order");
                    }

                    @Override
                    public ChunkAt byIndex() {
                        return index -> {
                            onRead.accept(index);
                            try (ChunkReader all = inOrder.open()) {
                                RowChunk chunk = all.next();
                                for (int i = 0; i < index; i++) {
                                    chunk = all.next();
                                }
                                return chunk;
                            }
                        };
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }

    private static Matrix random(int n, int m) {
        Random random = new Random(n);
        double[] v = new double[n * m];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian() * 1e3;
        }
        return Matrix.ofRowMajor(n, m, v);
    }
}
