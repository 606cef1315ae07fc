package io.illc.core.linalg;

import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A forward pass started while {@link Nd#loadInBackground} is still loading OpenBLAS must wait for it,
 * not deadlock in JavaCPP's class initialisation (a thread making the first native pointer while
 * another is inside JavaCPP's loader). Class initialisation happens once per JVM, so each attempt
 * runs in a fresh one.
 */
class BlasLoadRaceTest {
    /** The forked JVM's work: start the background load, and multiply at once. */
    public static void main(String[] args) {
        Nd.loadInBackground();
        DenseLayer layer = new DenseLayer(Matrix.of(new double[][]{{1, 2}, {3, 4}}), Vector.of(new double[]{0, 1}),
                Activation.LINEAR);
        double[] out = Nd.forwardAll(Matrix.of(new double[][]{{1, 1}}), List.of(layer), 2).get(0).toRowMajor();
        System.out.println(out[0] + " " + out[1]);
    }

    @Test
    void aForwardPassDuringTheBackgroundLoadWaitsForIt(@TempDir Path dir) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 3; attempt++) {
            assertEquals("3.0 8.0", ForkedMain.run(BlasLoadRaceTest.class, Map.of("OMP_NUM_THREADS", "1"),
                    dir.resolve("out" + attempt + ".txt")), "attempt " + attempt);
        }
    }
}
