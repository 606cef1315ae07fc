package io.illc.core.model;

import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Vector;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How fast a large weights JSON model loads: writes a seeded random ReLU MLP (by default 20 hidden
 * layers × 500 neurons over 30 inputs, about 100 MB) to a temporary file, then reads it with the
 * streaming {@link WeightsJson#read} and with the tree-based reader it replaced
 * ({@link TreeWeightsJson}, file read into memory first as it was), and prints wall and thread-CPU
 * MB/s per run. A measurement, not a test: nothing is asserted about time.
 *
 * <p>Arguments: {@code [layers] [width] [runs] [streaming|tree|both] [threads]}; run one reader per
 * JVM to see each one's first (cold) load, which is what {@code illc run} pays; {@code threads}
 * (default 1) is the streaming reader's (4 or more parse the layers in parallel; "cpu" is then the
 * calling thread's only, "process cpu" every thread's). See docs/benchmarks.md.
 */
public final class WeightsJsonLoadBench {
    private WeightsJsonLoadBench() {
    }

    public static void main(String[] args) throws IOException {
        int layers = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int width = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String which = args.length > 3 ? args[3] : "both";
        int parseThreads = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        Path file = Files.createTempFile("illc-load-bench", ".json");
        try {
            Mlp mlp = model(layers, width, new Random(15));
            try (OutputStream out = Files.newOutputStream(file)) {
                WeightsJson.write(mlp, out);
            }
            double mb = Files.size(file) / 1e6;
            System.out.printf(Locale.ROOT, "model: %d hidden layers x %d, %.1f MB, %s%n", layers, width, mb, file);
            // The HotSpot view adds the bytes the thread allocated: a proxy for the memory a load needs.
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            // Every thread of the process (workers, JIT, GC): what a parallel read costs in all.
            com.sun.management.OperatingSystemMXBean process =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            List<String> readers = which.equals("both") ? List.of("streaming", "tree") : List.of(which);
            for (String reader : readers) {
                for (int r = 1; r <= runs; r++) {
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    long processCpu0 = process.getProcessCpuTime();
                    long allocated0 = threads.getCurrentThreadAllocatedBytes();
                    long t0 = System.nanoTime();
                    ModelFile read = reader.equals("streaming") ? WeightsJson.read(file, parseThreads)
                            : TreeWeightsJson.parse(Files.readAllBytes(file), file.toString());
                    double wall = (System.nanoTime() - t0) / 1e9;
                    double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
                    double processCpu = (process.getProcessCpuTime() - processCpu0) / 1e9;
                    double allocated = (threads.getCurrentThreadAllocatedBytes() - allocated0) / 1e6;
                    if (!read.mlp().equals(mlp)) {
                        throw new IllegalStateException(reader + " read a different model");
                    }
                    System.out.printf(Locale.ROOT, "%-9s run %d: %5.2f s wall (%5.1f MB/s), %5.2f s cpu (%5.1f MB/s),"
                                    + " %5.2f s process cpu, %5.0f MB allocated%n",
                            reader, r, wall, mb / wall, cpu, mb / cpu, processCpu, allocated);
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Mlp model(int layers, int width, Random random) {
        List<DenseLayer> out = new ArrayList<>();
        int inputs = 30;
        for (int l = 0; l <= layers; l++) {
            int outputs = l == layers ? 2 : width;
            double[][] w = new double[outputs][inputs];
            double scale = Math.sqrt(2.0 / inputs); // He initialisation, as a trained ReLU model roughly has
            for (double[] row : w) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = random.nextGaussian() * scale;
                }
            }
            double[] b = new double[outputs];
            for (int j = 0; j < b.length; j++) {
                b[j] = random.nextGaussian() * 0.01;
            }
            out.add(new DenseLayer(Matrix.of(w), Vector.of(b), l == layers ? Activation.SOFTMAX : Activation.RELU));
            inputs = outputs;
        }
        return new Mlp(out, Mlp.names("x", 30), Mlp.names("y", 2));
    }
}
