package io.illc.core.linalg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A product has the same bits whatever OPENBLAS_NUM_THREADS or OMP_NUM_THREADS say: OpenBLAS
 * computes it on the calling thread (the run's own threads share the work out), where its own
 * threads would sum in other orders. OpenBLAS reads those variables once, when it loads, so each
 * setting runs in a JVM of its own.
 */
class OneThreadBlasTest {
    /** The forked JVM's work: a 569 × 500 by 500 × 500 product, large enough for OpenBLAS to share out, as bits. */
    public static void main(String[] args) {
        Random random = new Random(1);
        double[] a = new double[569 * 500];
        double[] b = new double[500 * 500];
        Arrays.setAll(a, i -> random.nextGaussian());
        Arrays.setAll(b, i -> random.nextGaussian());
        long bits = 0;
        for (double v : Nd.multiply(a, 569, 500, b, 500, true)) {
            bits = bits * 31 + Double.doubleToRawLongBits(v);
        }
        System.out.println(bits);
    }

    @Test
    void aProductHasTheSameBitsWhateverThreadsTheEnvironmentGivesOpenBlas(@TempDir Path dir)
            throws IOException, InterruptedException {
        assertEquals(productBits(dir, "1"), productBits(dir, "4"));
    }

    private static String productBits(Path dir, String threads) throws IOException, InterruptedException {
        String bits = ForkedMain.run(OneThreadBlasTest.class, Map.of("OMP_NUM_THREADS", threads, "OPENBLAS_NUM_THREADS", threads),
                dir.resolve("threads-" + threads + ".txt"));
        assertTrue(bits.matches("-?[0-9]+"), bits);
        return bits;
    }
}
