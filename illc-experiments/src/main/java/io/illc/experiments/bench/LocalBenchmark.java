package io.illc.experiments.bench;

import io.illc.api.AggregationFunction;
import io.illc.api.ClusteringStrategy;
import io.illc.api.Metric;
import io.illc.api.MetricFactory;
import io.illc.api.Mlp;
import io.illc.api.Parameters;
import io.illc.api.PluginKind;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.catalog.PluginDescriptor;
import io.illc.core.compress.Compressor;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.data.Dataset;
import io.illc.core.local.Kernel;
import io.illc.core.local.LocalExplainer;
import io.illc.core.local.LocalSettings;
import io.illc.core.spec.CompressionSpec;
import io.illc.core.spec.CompressionSpec.Method;
import io.illc.core.spec.LocalSpec.Distance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The speed benchmark of local explanations: explaining rows of the 569 breast-cancer rows with
 * agglomerative Ward clustering, the {@code local} aggregation and every local metric, on the same
 * random deep ReLU MLP as {@link CompressionBenchmark}. Times cover the explanations only (the
 * kernel and the explainer are set up once per configuration, outside the timing, as a run does
 * once); JVM start and model building are excluded.
 */
public final class LocalBenchmark {
    private final PluginCatalog catalog;

    public LocalBenchmark(PluginCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * One measured configuration.
     *
     * @param widthFactor    the kernel width w divided by √m (0.1 default, 0.75 as LIME)
     * @param rows           rows explained per run (the first rows of the data)
     * @param meanNeighbours mean number of rows kept per explained row (π̂ ≥ the negligible weight)
     * @param medianSeconds  median wall time of a run
     * @param minSeconds     best wall time of a run
     * @param allRowsSeconds the median scaled to all 569 rows (equal to the median when every row ran)
     * @param medianCpuSeconds median CPU time of the benchmarking thread during a run, as in
     *                       {@link CompressionBenchmark.Row#medianCpuSeconds()}
     */
    public record Row(String method, double widthFactor, int layers, int width, double shrink, int rows,
                      double meanNeighbours, double medianSeconds, double minSeconds, int repetitions,
                      double allRowsSeconds, double medianCpuSeconds) {
    }

    /**
     * @param widthFactors kernel widths as multiples of √m
     * @param rows         how many rows to explain per run, or -1 for all
     * @param repetitions  measured runs per configuration, after one warm-up run of a few rows
     */
    public List<Row> run(List<Method> methods, List<Double> widthFactors, int layers, int width, double shrink,
                         int rows, int repetitions, Consumer<String> progress) {
        Dataset data = BuiltinDatasets.load("breast-cancer");
        Mlp mlp = CompressionBenchmark.randomMlp(data, layers, width, 0);
        int[] k = new int[layers];
        Arrays.fill(k, CompressionSpec.clusterCount(shrink, width));
        int explained = rows < 0 ? data.rows() : Math.min(rows, data.rows());
        ClusteringStrategy ward = catalog.require(PluginKind.CLUSTERING, "agglomerative")
                .create(ClusteringStrategy.class, Parameters.of(Map.of("linkage", "ward")));
        AggregationFunction local = create(PluginKind.AGGREGATION, "local", AggregationFunction.class);
        Map<String, Metric> metrics = new LinkedHashMap<>();
        for (PluginDescriptor plugin : catalog.plugins(PluginKind.METRIC)) {
            if (((MetricFactory) plugin.factory()).scope() == MetricFactory.Scope.LOCAL) {
                metrics.put(plugin.name(), plugin.create(Metric.class, plugin.defaults()));
            }
        }
        int m = data.featureNames().size();
        List<Row> out = new ArrayList<>();
        for (Method method : methods) {
            for (double factor : widthFactors) {
                Kernel kernel = new Kernel(data.features(), Distance.STANDARDIZED, factor * Math.sqrt(m));
                LocalExplainer explainer = new LocalExplainer(new LocalSettings(mlp, data.features(), kernel, method, k,
                        ward, local, metrics, 0, LocalExplainer.NEGLIGIBLE_WEIGHT), new Compressor());
                String label = method.jsonName() + " w=" + factor + "·√m";
                progress.accept(label + " warm-up");
                for (int r = 0; r < Math.min(3, explained); r++) {
                    explainer.explain(r);
                }
                double[] seconds = new double[repetitions];
                double[] cpu = new double[repetitions];
                long neighbours = 0;
                for (int rep = 0; rep < repetitions; rep++) {
                    long start = System.nanoTime();
                    long cpuStart = CompressionBenchmark.threadCpuNanos();
                    for (int r = 0; r < explained; r++) {
                        if (r % 50 == 0) {
                            progress.accept(label + " run " + (rep + 1) + "/" + repetitions + " row " + r + "/" + explained);
                        }
                        int kept = explainer.explain(r).neighbours().length;
                        if (rep == 0) {
                            neighbours += kept;
                        }
                    }
                    seconds[rep] = (System.nanoTime() - start) / 1e9;
                    cpu[rep] = (CompressionBenchmark.threadCpuNanos() - cpuStart) / 1e9;
                }
                Arrays.sort(cpu);
                double[] sorted = seconds.clone();
                Arrays.sort(sorted);
                double median = sorted[sorted.length / 2];
                out.add(new Row(method.jsonName(), factor, layers, width, shrink, explained, (double) neighbours / explained,
                        median, sorted[0], repetitions, median * data.rows() / explained, cpu[cpu.length / 2]));
            }
        }
        return out;
    }

    /** The table of a benchmark run. */
    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder(String.format("%-7s %8s %7s %6s %7s %6s %11s %11s %9s %5s %13s %9s%n",
                "method", "w / √m", "layers", "width", "shrink", "rows", "neighbours", "median [s]", "min [s]", "runs",
                "all rows [s]", "cpu [s]"));
        for (Row r : rows) {
            out.append(String.format("%-7s %8.2f %7d %6d %7.2f %6d %11.1f %11.3f %9.3f %5d %13.1f %9.3f%n", r.method(),
                    r.widthFactor(), r.layers(), r.width(), r.shrink(), r.rows(), r.meanNeighbours(), r.medianSeconds(),
                    r.minSeconds(), r.repetitions(), r.allRowsSeconds(), r.medianCpuSeconds()));
        }
        return out.toString();
    }

    private <T> T create(PluginKind kind, String name, Class<T> type) {
        PluginDescriptor plugin = catalog.require(kind, name);
        return plugin.create(type, plugin.defaults());
    }
}
