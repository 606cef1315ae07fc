package io.illc.experiments.bench;

import io.illc.api.Activation;
import io.illc.api.AggregationFunction;
import io.illc.api.ClusteringStrategy;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Metric;
import io.illc.api.MetricFactory;
import io.illc.api.Mlp;
import io.illc.api.PluginKind;
import io.illc.api.Vector;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.catalog.PluginDescriptor;
import io.illc.core.compress.CompressionRequest;
import io.illc.core.compress.CompressionResult;
import io.illc.core.compress.Compressor;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.data.Dataset;
import io.illc.core.linalg.Nd;
import io.illc.core.pipeline.EvaluateStage;
import io.illc.core.spec.CompressionSpec;
import io.illc.core.spec.CompressionSpec.Method;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The speed benchmark of the engines: compression plus every global metric on a deep, wide ReLU
 * MLP over the 569 breast-cancer rows, excluding JVM start and model loading. The network has
 * random He-initialised weights on standardised features (the scaler folded into the first layer,
 * as a trained model has), which is what the engines' speed depends on.
 */
public final class CompressionBenchmark {
    private final PluginCatalog catalog;
    private final Compressor compressor;

    @Inject
    public CompressionBenchmark(PluginCatalog catalog, Compressor compressor) {
        this.catalog = catalog;
        this.compressor = compressor;
    }

    /**
     * One measured configuration.
     *
     * @param medianSeconds    median wall time of a run
     * @param minSeconds       best wall time of a run
     * @param medianCpuSeconds median CPU time of the benchmarking thread during a run: on one thread
     *                         OpenBLAS computes on the calling thread (ND4J too with
     *                         {@code OMP_NUM_THREADS=1}), so on a machine shared with other jobs this
     *                         is close to what one free core would take; garbage collection and JIT
     *                         threads are not included
     * @param threads          the threads the forward pass and each layer's products and Gram matrix
     *                         were shared out to (the metrics run on the benchmarking thread)
     * @param medianProcessCpuSeconds median CPU time of every thread of the process during a run: with
     *                         more threads, how much work the sharing out adds
     */
    public record Row(String method, String clustering, int layers, int width, double shrink,
                      double medianSeconds, double minSeconds, int repetitions, double medianCpuSeconds,
                      int threads, double medianProcessCpuSeconds) {
    }

    /**
     * Times {@code method} × clustering for every clustering in {@code clusterings}.
     *
     * @param layers      hidden layers
     * @param width       neurons per hidden layer
     * @param repetitions measured runs per configuration, after two warm-up runs
     * @param threads     threads for the forward pass and each layer's products and Gram matrix, ≥ 1
     *                    (the same results for any count)
     */
    public List<Row> run(List<Method> methods, List<String> clusterings, int layers, int width, double shrink,
                         int repetitions, int threads, Consumer<String> progress) {
        Dataset data = BuiltinDatasets.load("breast-cancer");
        Mlp mlp = randomMlp(data, layers, width, 0);
        int[] k = new int[layers];
        Arrays.fill(k, CompressionSpec.clusterCount(shrink, width));
        AggregationFunction average = create(PluginKind.AGGREGATION, "average", AggregationFunction.class);
        List<Row> rows = new ArrayList<>();
        for (Method method : methods) {
            for (String clusteringName : clusterings) {
                ClusteringStrategy clustering = create(PluginKind.CLUSTERING, clusteringName, ClusteringStrategy.class);
                CompressionRequest request = CompressionRequest.uniform(mlp, data.features(), method, k, clustering, average, 0);
                double[] seconds = new double[repetitions];
                double[] cpu = new double[repetitions];
                double[] processCpu = new double[repetitions];
                for (int r = -2; r < repetitions; r++) {
                    progress.accept(method.jsonName() + " " + clusteringName + (r < 0 ? " warm-up" : " run " + (r + 1) + "/" + repetitions));
                    long start = System.nanoTime();
                    long cpuStart = threadCpuNanos();
                    long processCpuStart = processCpuNanos();
                    compressAndMeasure(request, data.features(), threads);
                    if (r >= 0) {
                        seconds[r] = (System.nanoTime() - start) / 1e9;
                        cpu[r] = (threadCpuNanos() - cpuStart) / 1e9;
                        processCpu[r] = (processCpuNanos() - processCpuStart) / 1e9;
                    }
                }
                double[] sorted = seconds.clone();
                Arrays.sort(sorted);
                Arrays.sort(cpu);
                Arrays.sort(processCpu);
                rows.add(new Row(method.jsonName(), clusteringName, layers, width, shrink,
                        sorted[sorted.length / 2], sorted[0], repetitions, cpu[cpu.length / 2], threads,
                        processCpu[processCpu.length / 2]));
            }
        }
        return rows;
    }

    private Map<String, Double> compressAndMeasure(CompressionRequest request, Matrix rows, int threads) {
        CompressionResult result = compressor.compress(request,
                Nd.forwardAll(rows, request.original().layers(), threads), threads);
        var input = EvaluateStage.input(request.original(), result, rows, result.originalActivations());
        Map<String, Double> values = new LinkedHashMap<>();
        for (PluginDescriptor plugin : catalog.plugins(PluginKind.METRIC)) {
            if (((MetricFactory) plugin.factory()).scope() == MetricFactory.Scope.GLOBAL) {
                values.put(plugin.name(), plugin.create(Metric.class, plugin.defaults()).evaluate(input).value());
            }
        }
        return values;
    }

    /** The table printed by {@code illc bench}. */
    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder(String.format("%-7s %-14s %7s %6s %7s %11s %9s %5s %9s %8s %14s%n",
                "method", "clustering", "layers", "width", "shrink", "median [s]", "min [s]", "runs", "cpu [s]",
                "threads", "all cpu [s]"));
        for (Row r : rows) {
            out.append(String.format("%-7s %-14s %7d %6d %7.2f %11.3f %9.3f %5d %9.3f %8d %14.3f%n", r.method(),
                    r.clustering(), r.layers(), r.width(), r.shrink(), r.medianSeconds(), r.minSeconds(),
                    r.repetitions(), r.medianCpuSeconds(), r.threads(), r.medianProcessCpuSeconds()));
        }
        return out.toString();
    }

    /** CPU time of the calling thread so far, in nanoseconds. */
    static long threadCpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** CPU time of every thread of this process so far, in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private <T> T create(PluginKind kind, String name, Class<T> type) {
        PluginDescriptor plugin = catalog.require(kind, name);
        return plugin.create(type, plugin.defaults());
    }

    /** A ReLU MLP with He-initialised weights on standardised inputs, the scaler folded into layer 1. */
    static Mlp randomMlp(Dataset data, int layers, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int m = data.featureNames().size();
        double[] mean = new double[m];
        double[] std = new double[m];
        for (int i = 0; i < m; i++) {
            double[] column = data.features().column(i);
            mean[i] = Arrays.stream(column).average().orElse(0);
            final double mu = mean[i];
            double var = Arrays.stream(column).map(v -> (v - mu) * (v - mu)).average().orElse(0);
            std[i] = var > 0 ? Math.sqrt(var) : 1;
        }
        List<DenseLayer> out = new ArrayList<>();
        int in = m;
        for (int l = 0; l <= layers; l++) {
            boolean last = l == layers;
            int n = last ? data.classNames().size() : width;
            double scale = Math.sqrt(2.0 / in);
            double[][] w = new double[n][in];
            double[] b = new double[n];
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < in; i++) {
                    w[j][i] = gaussian(random) * scale;
                }
                b[j] = 0.01 * gaussian(random);
                if (l == 0) {
                    for (int i = 0; i < in; i++) {
                        w[j][i] /= std[i];
                        b[j] -= w[j][i] * mean[i];
                    }
                }
            }
            out.add(new DenseLayer(Matrix.of(w), Vector.of(b), last ? Activation.SOFTMAX : Activation.RELU));
            in = n;
        }
        return new Mlp(out, data.featureNames(), data.classNames());
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
