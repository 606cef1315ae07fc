package io.illc.core.linalg;

import io.illc.core.stream.LocalRowPasses;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CentredGramTest {
    @Test
    void aHandComputedGramMatrix() {
        // Rows centred by their mean (2 and 6): C = [[-1, 0, 1], [-2, 0, 2]]; Cᵀ·C below.
        double[] gram = Nd.centredGram(new double[]{1, 2, 3, 4, 6, 8}, 2, 3);
        assertArrayEquals(new double[]{5, 0, -5, 0, 0, 0, -5, 0, 5}, gram, 0.0);
        assertArrayEquals(new double[9], Nd.centredGram(new double[0], 0, 3), 0.0);
    }

    /** Rows beyond one chunk: the sum of each chunk's matrix, added in row order, as a streamed pass adds them. */
    @Test
    void inBlocksItIsTheSumOfTheBlocksMatricesBitForBitAndExactlySymmetric() {
        Random random = new Random(4);
        int cols = 37;
        int rows = LocalRowPasses.CHUNK_ROWS * 2 + 55;
        double[] points = random.doubles((long) rows * cols, -3, 3).toArray();
        double[] streamed = new double[cols * cols];
        for (int from = 0; from < rows; from += LocalRowPasses.CHUNK_ROWS) {
            int n = Math.min(LocalRowPasses.CHUNK_ROWS, rows - from);
            Nd.addTo(streamed, Nd.centredGram(Arrays.copyOfRange(points, from * cols, (from + n) * cols), n, cols));
        }
        double[] gram = Nd.centredGramInBlocks(points, rows, cols);
        assertArrayEquals(bits(streamed), bits(gram));
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < cols; j++) {
                assertEquals(gram[i * cols + j], gram[j * cols + i], 0.0, "(" + i + ", " + j + ")");
            }
        }
        double[] one = Arrays.copyOf(points, LocalRowPasses.CHUNK_ROWS * cols);
        assertArrayEquals(bits(Nd.addTo(new double[cols * cols], Nd.centredGram(one, LocalRowPasses.CHUNK_ROWS, cols))),
                bits(Nd.centredGramInBlocks(one, LocalRowPasses.CHUNK_ROWS, cols)));
    }

    /**
     * Wider than a tile: a Gram matrix of 3 × 3 tiles (the last one narrower) on a pool of threads is
     * the one computed here bit for bit, whatever the pool's size, and is Cᵀ·C as summed by hand.
     */
    @Test
    void aGramMatrixOfManyTilesIsTheSameOnAnyThreadsAndIsTheSumOfProducts() {
        Random random = new Random(9);
        int rows = 57;
        int cols = 2 * Nd.GRAM_TILE + 21;
        double[] points = random.doubles((long) rows * cols, -3, 3).toArray();
        double[] here = Nd.centredGramInBlocks(points, rows, cols);
        for (int threads : new int[]{2, 7}) {
            ExecutorService pool = Nd.pool(threads, "gram-test");
            try {
                assertArrayEquals(bits(here), bits(Nd.centredGramInBlocks(points, rows, cols, pool)), threads + " threads");
            } finally {
                pool.shutdownNow();
            }
        }
        double[] centred = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            double mean = Arrays.stream(points, r * cols, (r + 1) * cols).sum() / cols;
            for (int j = 0; j < cols; j++) {
                centred[r * cols + j] = points[r * cols + j] - mean;
            }
        }
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < cols; j++) {
                double sum = 0;
                for (int r = 0; r < rows; r++) {
                    sum += centred[r * cols + i] * centred[r * cols + j];
                }
                assertEquals(sum, here[i * cols + j], 1e-12 * rows * 9, "(" + i + ", " + j + ")");
                assertEquals(here[i * cols + j], here[j * cols + i], 0.0, "symmetric at (" + i + ", " + j + ")");
            }
        }
    }

    /** Bit patterns, so that -0.0 and 0.0 differ. */
    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
