package io.illc.spark;

import io.illc.api.AggregationFunction;
import io.illc.api.ClusteringStrategy;
import io.illc.api.Matrix;
import io.illc.api.Metric;
import io.illc.api.MetricFactory;
import io.illc.api.Mlp;
import io.illc.api.PluginKind;
import io.illc.core.Setting;
import io.illc.core.SettingException;
import io.illc.core.catalog.GuardedPlugins;
import io.illc.core.catalog.ParameterResolver;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.catalog.PluginChoice;
import io.illc.core.catalog.PluginDescriptor;
import io.illc.core.compress.Compressor;
import io.illc.core.local.ExplainedRow;
import io.illc.core.local.Kernel;
import io.illc.core.local.LocalExplainer;
import io.illc.core.local.LocalExplanation;
import io.illc.core.local.LocalSettings;
import io.illc.core.local.LocalSummary;
import io.illc.core.local.NeighbourhoodSample;
import io.illc.core.local.Predictions;
import io.illc.core.spec.LocalSpec;
import io.illc.core.spec.PipelineSpec;
import io.illc.core.spec.SpecParser;
import io.illc.core.spec.SpecWriter;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

/**
 * Local explanations (Definition 10) of the rows a spec's {@code local} section names, spread over
 * Spark's executors: the model, the neighbourhood sample and the features' standard deviations are broadcast once;
 * each task explains its share of the rows with core's {@link LocalExplainer}, over the sample plus
 * its own rows (each row is independent of the others), exactly as the single-machine engine
 * explains them against the whole data set: the kernel's standard deviations are the whole data's.
 * Rows come back to the driver in the order they were asked for.
 *
 * <p>The plugins are resolved on each executor from the effective spec, against the catalog of the
 * driver when the executor runs in the driver's JVM ({@code local[*]}) and against the plugins on the
 * executor's class path otherwise (the job jar carries the built-in ones).
 */
final class SparkLocal {
    /** Where in the output folder the executors write every explained row's summary (Parquet). */
    static final String PARQUET = "local/summary.parquet";

    /** The driver's catalogs by run, for executors in the driver's JVM. */
    private static final Map<String, PluginCatalog> DRIVER_CATALOGS = new ConcurrentHashMap<>();
    /** What each executor JVM prepared per run: plugins resolved once, not once per task. */
    private static final Map<String, Prepared> PREPARED = new ConcurrentHashMap<>();

    private SparkLocal() {
    }

    /**
     * @param spec     the effective spec with its {@code local} section (neighbourhood settled)
     * @param data     the data set
     * @param columns  the source column of each model input
     * @param original the network to explain
     * @param k        the cluster count of each hidden layer
     * @param std      each feature's population standard deviation over all rows ({@link #standardDeviations})
     * @param parquet  where the executors write every row's summary as Parquet ({@link #PARQUET}), or
     *                 {@code null} for none
     * @param progress told how many rows are done when the tasks are done
     * @throws SettingException for a row number beyond the data, or new rows (not supported here)
     */
    static List<ExplainedRow> explain(SparkSession spark, PipelineSpec spec, PluginCatalog catalog, SparkData data,
                                      int[] columns, Mlp original, int[] k, double[] std, Path parquet,
                                      IntConsumer progress) {
        LocalSpec local = spec.local();
        if (local.newRows() != null) {
            throw new SettingException(Setting.LOCAL_CSV, "the spark engine explains data rows only; explain the rows"
                    + " of " + local.newRows() + " with the local engine");
        }
        long n = data.rows();
        if (n > Integer.MAX_VALUE) {
            throw new SettingException(Setting.LOCAL_INSTANCES, "local explanations number rows with 32-bit integers;"
                    + " the data has " + n + " rows");
        }
        int rows = (int) n;
        List<Integer> wanted = local.all() ? null : local.instances();
        if (wanted != null) {
            List<SettingException.Problem> problems = new ArrayList<>();
            for (int i = 0; i < wanted.size(); i++) {
                if (wanted.get(i) >= rows) {
                    problems.add(new SettingException.Problem(Setting.LOCAL_INSTANCES, i, "row " + wanted.get(i)
                            + " does not exist; the data has " + rows + " rows, numbered 0.." + (rows - 1)));
                }
            }
            if (!problems.isEmpty()) {
                throw new SettingException(problems);
            }
        }
        int count = wanted == null ? rows : wanted.size();
        LocalSpec.Neighbourhood neighbourhood = local.neighbourhood();
        int[] sample = neighbourhood.all() || neighbourhood.perturbed() ? null
                : NeighbourhoodSample.rows(rows, neighbourhood.sample(), spec.seed());
        // A perturbed neighbourhood is made around each row on its executor: no data rows to send.
        long[] pool = neighbourhood.perturbed() ? new long[0]
                : sample == null ? allRows(rows) : Arrays.stream(sample).asLongStream().toArray();
        SparkData.Picked neighbours = data.pick(pool, columns);

        String run = UUID.randomUUID().toString();
        DRIVER_CATALOGS.put(run, catalog);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Job> job = jsc.broadcast(new Job(run, new SpecWriter().write(spec), spec.output().toString(), original,
                k, std, neighbours, sample == null, data.classNames()));
        try {
            List<Target> targets = targets(data, wanted, rows, columns, !local.all() || local.renderAll());
            int slices = Math.max(1, Math.min(count, jsc.defaultParallelism() * 4));
            JavaRDD<RowOutcome> explained = jsc.parallelize(targets, slices)
                    .mapPartitions(it -> explainPartition(job.value(), it));
            List<RowOutcome> outcomes;
            if (parquet == null) {
                outcomes = explained.collect();
            } else {
                // Explained once, written by the executors, then collected for the driver's files.
                explained.persist(StorageLevel.MEMORY_AND_DISK());
                try {
                    List<String> metrics = localMetrics(catalog).stream().map(PluginDescriptor::name).toList();
                    writeParquet(spark, explained, metrics, local.limeRidge() != null, parquet);
                    outcomes = explained.collect();
                } finally {
                    explained.unpersist(false);
                }
            }
            progress.accept(count);
            ExplainedRow[] out = new ExplainedRow[count];
            for (RowOutcome o : outcomes) {
                out[o.position()] = o.toExplainedRow();
            }
            return Arrays.asList(out);
        } finally {
            DRIVER_CATALOGS.remove(run);
            PREPARED.remove(run); // the executors in the driver's JVM; other JVMs end with the application
            job.destroy();
        }
    }

    /**
     * Every explained row's summary (the columns of {@code local/summary.csv} but the metrics'
     * details), written by the executors as Parquet: {@code row} (int), {@code true_label} and
     * {@code prediction} (strings; no label: null), one double column per local metric, in the
     * catalog's order (null where a metric gave none), {@code effective_size} and, with the LIME
     * baseline, {@code lime-io-unfaithfulness}. The part files hold the rows in the order they were asked for.
     */
    private static void writeParquet(SparkSession spark, JavaRDD<RowOutcome> outcomes, List<String> metrics, boolean lime,
                                     Path folder) {
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField("row", DataTypes.IntegerType, false),
                DataTypes.createStructField("true_label", DataTypes.StringType, true),
                DataTypes.createStructField("prediction", DataTypes.StringType, false)));
        for (String metric : metrics) {
            fields.add(DataTypes.createStructField(metric, DataTypes.DoubleType, true));
        }
        fields.add(DataTypes.createStructField(LocalSummary.EFFECTIVE_SIZE, DataTypes.DoubleType, false));
        if (lime) {
            fields.add(DataTypes.createStructField(LocalSummary.LIME_IO_UNFAITHFULNESS, DataTypes.DoubleType, true));
        }
        JavaRDD<Row> rows = outcomes.sortBy(RowOutcome::position, true, outcomes.getNumPartitions())
                .map(o -> o.summaryRow(metrics, lime));
        spark.createDataFrame(rows, DataTypes.createStructType(fields)).write().parquet(folder.toUri().toString());
    }

    /** Every installed local metric, in the catalog's order: what each row is measured with. */
    private static List<PluginDescriptor> localMetrics(PluginCatalog catalog) {
        return catalog.plugins(PluginKind.METRIC).stream()
                .filter(plugin -> ((MetricFactory) plugin.factory()).scope() == MetricFactory.Scope.LOCAL).toList();
    }

    /**
     * Each feature's population standard deviation over every row (two passes: the mean, then the
     * squared deviations; 0 for a constant feature): what the kernel scales distances by.
     */
    static double[] standardDeviations(SparkRowPasses rows) {
        int m = rows.features();
        double count = rows.count();
        double[] mean = rows.aggregate(() -> new double[m], (acc, chunk) -> {
            double[] v = chunk.values();
            for (int r = 0; r < chunk.rows(); r++) {
                for (int j = 0; j < m; j++) {
                    acc[j] += v[r * m + j];
                }
            }
            return acc;
        }, SparkLocal::add);
        for (int j = 0; j < m; j++) {
            mean[j] /= count;
        }
        double[] ss = rows.aggregate(() -> new double[m], (acc, chunk) -> {
            double[] v = chunk.values();
            for (int r = 0; r < chunk.rows(); r++) {
                for (int j = 0; j < m; j++) {
                    double d = v[r * m + j] - mean[j];
                    acc[j] += d * d;
                }
            }
            return acc;
        }, SparkLocal::add);
        double[] out = new double[m];
        for (int j = 0; j < m; j++) {
            out[j] = Math.sqrt(ss[j] / count);
        }
        return out;
    }

    private static double[] add(double[] left, double[] right) {
        for (int i = 0; i < left.length; i++) {
            left[i] += right[i];
        }
        return left;
    }

    private static List<Target> targets(SparkData data, List<Integer> wanted, int rows, int[] columns, boolean render) {
        long[] distinct = wanted == null ? allRows(rows)
                : wanted.stream().mapToLong(Integer::longValue).distinct().sorted().toArray();
        SparkData.Picked picked = data.pick(distinct, columns);
        List<Target> out = new ArrayList<>();
        if (wanted == null) {
            for (int i = 0; i < rows; i++) {
                out.add(new Target(i, i, picked.values()[i], picked.labels()[i], render));
            }
            return out;
        }
        for (int i = 0; i < wanted.size(); i++) {
            int at = Arrays.binarySearch(distinct, wanted.get(i));
            out.add(new Target(i, wanted.get(i), picked.values()[at], picked.labels()[at], render));
        }
        return out;
    }

    private static long[] allRows(int rows) {
        long[] all = new long[rows];
        Arrays.setAll(all, i -> i);
        return all;
    }

    /** Explains one task's rows against the broadcast neighbourhood plus those rows. */
    private static Iterator<RowOutcome> explainPartition(Job job, Iterator<Target> it) {
        List<Target> targets = new ArrayList<>();
        it.forEachRemaining(targets::add);
        if (targets.isEmpty()) {
            return List.<RowOutcome>of().iterator();
        }
        Prepared prepared = PREPARED.computeIfAbsent(job.run(), r -> prepare(job));
        // The rows this task needs, in data order: the neighbourhood and its own rows.
        TreeMap<Long, double[]> held = new TreeMap<>();
        for (int i = 0; i < job.neighbours().rows().length; i++) {
            held.put(job.neighbours().rows()[i], job.neighbours().values()[i]);
        }
        for (Target t : targets) {
            held.putIfAbsent((long) t.row(), t.values());
        }
        long[] global = held.keySet().stream().mapToLong(Long::longValue).toArray();
        int m = job.std().length;
        double[] values = new double[global.length * m];
        int r = 0;
        for (double[] x : held.values()) {
            System.arraycopy(x, 0, values, r++ * m, m);
        }
        Matrix local = Matrix.ofRowMajor(global.length, m, values);
        int[] sample = null;
        if (!job.everyRow()) {
            sample = new int[job.neighbours().rows().length];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = Arrays.binarySearch(global, job.neighbours().rows()[i]);
            }
        }
        PipelineSpec spec = prepared.spec();
        LocalSpec localSpec = spec.local();
        LocalSpec.Neighbourhood neighbourhood = localSpec.neighbourhood();
        LocalSettings.Perturbation perturbation = neighbourhood.perturbed()
                ? new LocalSettings.Perturbation(neighbourhood.perturb(), neighbourhood.scale()) : null;
        LocalExplainer explainer = new LocalExplainer(new LocalSettings(job.original(), local,
                new Kernel(local, job.std(), localSpec.distance(), localSpec.widthFor(m)), spec.compression().method(),
                job.clusterCounts(), prepared.clustering(), prepared.aggregation(), prepared.metrics(), spec.seed(),
                LocalExplainer.NEGLIGIBLE_WEIGHT, sample, perturbation, localSpec.limeRidge()), new Compressor());
        List<RowOutcome> out = new ArrayList<>(targets.size());
        for (Target t : targets) {
            LocalExplanation e;
            if (perturbation != null) {
                // Perturbations are seeded by the data row's number, as on one machine; they are the neighbours.
                e = explainer.explainPerturbed(t.row(), t.values());
            } else {
                LocalExplanation inHeld = explainer.explain(Arrays.binarySearch(global, t.row()));
                int[] neighbours = inHeld.neighbours();
                for (int i = 0; i < neighbours.length; i++) {
                    neighbours[i] = (int) global[neighbours[i]];
                }
                e = new LocalExplanation(t.row(), false, inHeld.features(), neighbours, inHeld.weights(), inHeld.compressed(),
                        inHeld.partitions(), inHeld.originalOutput(), inHeld.compressedOutput(), inHeld.metrics(),
                        inHeld.effectiveSize(), inHeld.lime());
            }
            String prediction = Predictions.className(e.originalOutput().toArray(), job.original(), job.classNames());
            // A row not rendered travels to the driver as a summary, without its local network.
            out.add(RowOutcome.of(t.position(), new ExplainedRow(t.render() ? e : e.summary(), prediction, t.label(),
                    t.render())));
        }
        return out.iterator();
    }

    /** The spec and its local plugins, as the single-machine engine resolves them. */
    private static Prepared prepare(Job job) {
        PluginCatalog catalog = DRIVER_CATALOGS.get(job.run());
        if (catalog == null) {
            catalog = PluginCatalog.discover(List.of());
        }
        PipelineSpec spec = new SpecParser(catalog).parse(new String(job.spec(), StandardCharsets.UTF_8),
                Path.of(job.baseDir()), "spec.json");
        LocalSpec local = spec.local();
        Map<String, Metric> metrics = new LinkedHashMap<>();
        ParameterResolver defaults = new ParameterResolver();
        for (PluginDescriptor plugin : localMetrics(catalog)) {
            metrics.put(plugin.name(), GuardedPlugins.metric(catalog, new PluginChoice(PluginKind.METRIC,
                    plugin.name(), defaults.resolveStrings(plugin, Map.of(), spec.baseDir()))));
        }
        return new Prepared(spec, GuardedPlugins.clustering(catalog, local.clustering()),
                GuardedPlugins.aggregation(catalog, local.aggregation()), metrics);
    }

    private record Prepared(PipelineSpec spec, ClusteringStrategy clustering, AggregationFunction aggregation,
                            Map<String, Metric> metrics) {
    }

    /** What every task needs, broadcast once. */
    private record Job(String run, byte[] spec, String baseDir, Mlp original, int[] clusterCounts, double[] std,
                       SparkData.Picked neighbours, boolean everyRow, List<String> classNames) implements Serializable {
    }

    /** A row to explain and its place among the rows asked for. */
    private record Target(int position, int row, double[] values, String label, boolean render) implements Serializable {
    }
}
