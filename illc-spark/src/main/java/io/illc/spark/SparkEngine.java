package io.illc.spark;

import io.illc.api.AggregationFunction;
import io.illc.api.Matrix;
import io.illc.api.ClusteringStrategy;
import io.illc.api.MetricResult;
import io.illc.api.Mlp;
import io.illc.core.InputException;
import io.illc.core.SettingException;
import io.illc.core.Ticker;
import io.illc.core.catalog.GuardedPlugins;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.catalog.PluginChoice;
import io.illc.core.compress.CompressionResult;
import io.illc.core.compress.Compressor;
import io.illc.core.compress.StageTimings;
import io.illc.core.compress.StreamedCompressionRequest;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.data.Dataset;
import io.illc.core.local.ExplainedRow;
import io.illc.core.pipeline.EvaluateStage;
import io.illc.core.pipeline.EvaluateStage.LabelledMetric;
import io.illc.core.pipeline.ModelSource;
import io.illc.core.pipeline.ModelStage;
import io.illc.core.qbaf.QbafBuilder;
import io.illc.core.run.PipelineRunner;
import io.illc.core.run.Preflight;
import io.illc.core.run.Progress;
import io.illc.core.run.RunEngine;
import io.illc.core.run.RunResult;
import io.illc.core.spec.DataSpec;
import io.illc.core.spec.ExecutionSpec;
import io.illc.core.spec.ModelSpec;
import io.illc.core.spec.PipelineSpec;
import io.illc.core.spec.SparkLimits;
import io.illc.core.spec.SpecFiles;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Spark engine ({@code "execution": {"engine": "spark"}}): the single-machine engine's stages
 * with the rows held by Spark. The data is read into partitions on the executors; the global and
 * ILLC compressions and every global metric are sums over rows ({@link SparkRowPasses}); local
 * explanations are spread over the executors ({@link SparkLocal}); the driver holds the model, the
 * sums and the results, never the rows. Same spec, same results as the single-machine engine:
 * identical partitions, numbers equal to rounding.
 *
 * <p>What needs every row in one place is refused with its setting: training ({@code model.train}:
 * train with the single-machine engine, then load), a holdout, a complexity budget, fine-tuning and
 * new rows to explain ({@code local.csv}).
 *
 * <p>The Spark session: the one already running in this JVM (spark-submit, a test), else a new one
 * with the spec's master and conf, stopped after the run.
 */
public final class SparkEngine implements RunEngine {
    /** As {@code execution.engine} names it. */
    public static final String NAME = ExecutionSpec.SPARK;

    private final Ticker ticker;

    /** The engine ServiceLoader creates. */
    public SparkEngine() {
        this(Ticker.SYSTEM);
    }

    SparkEngine(Ticker ticker) {
        this.ticker = ticker;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RunResult compute(PipelineSpec spec, PluginCatalog catalog, Progress progress) {
        return compute(spec, catalog, progress, null);
    }

    @Override
    public RunResult compute(PipelineSpec spec, PluginCatalog catalog, Progress progress, Path staging) {
        List<String> refused = SparkLimits.problems(spec);
        if (!refused.isEmpty()) {
            throw new InputException(refused);
        }
        List<String> missing = SpecFiles.missing(spec);
        if (!missing.isEmpty()) {
            throw new InputException(missing);
        }
        // What the CSV header and the model's shape show (as illc validate shows it), before a cluster
        // is asked for: starting Spark takes seconds, reading the data into it longer.
        List<String> unfit = Preflight.fit(spec);
        if (!unfit.isEmpty()) {
            throw new InputException(unfit);
        }
        boolean running = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
        progress.stage(running ? "using the running Spark session" : "starting Spark (" + spec.execution().spark().master() + ")");
        SparkSession spark = session(spec.execution().spark());
        try {
            return compute(spark, spec, catalog, progress, staging);
        } catch (SettingException e) {
            throw e.locatedAt(PipelineSpec.SETTING_PATHS);
        } finally {
            if (!running) {
                spark.stop();
            }
        }
    }

    private RunResult compute(SparkSession spark, PipelineSpec given, PluginCatalog catalog, Progress progress,
                              Path staging) {
        PipelineSpec spec = given;
        StageTimings timings = new StageTimings(ticker);
        long start = timings.start();
        progress.stage("reading the data into Spark");
        try (SparkData data = read(spark, spec.data())) {
            ModelStage models = new ModelStage();
            Dataset columns = data.columns();
            progress.stage("loading model " + ((ModelSpec.Load) spec.model()).file().getFileName());
            ModelSource source = models.load((ModelSpec.Load) spec.model(), columns);
            Dataset aligned = models.align(columns, source);
            timings.add("loading", start);
            int[] order = new int[aligned.featureNames().size()];
            for (int j = 0; j < order.length; j++) {
                order[j] = (int) aligned.features().row(0)[j];
            }
            Mlp original = source.mlp();
            SparkRowPasses rows = data.passes(order);
            if (spec.local() != null) {
                spec = spec.withLocal(PipelineRunner.neighbourhood(spec.local(), (int) Math.min(rows.count(),
                        Integer.MAX_VALUE), progress));
            }
            int[] k = clusterCounts(spec, original);
            ClusteringStrategy clustering = GuardedPlugins.clustering(catalog, spec.compression().clustering());
            AggregationFunction aggregation = GuardedPlugins.aggregation(catalog, spec.compression().aggregation());
            progress.stage("compressing on Spark (" + spec.compression().method().jsonName() + ", "
                    + spec.compression().clustering().name() + ", " + k.length + " hidden layers, "
                    + rows.partitions() + " partitions)");
            CompressionResult compression = new Compressor(ticker).compress(new StreamedCompressionRequest(original,
                    spec.compression().method(), k, clustering, aggregation, spec.seed()), rows);
            timings.addAll(compression.timings());

            start = timings.start();
            progress.stage("measuring " + spec.metrics().size() + " metrics on Spark");
            List<LabelledMetric> metrics = new ArrayList<>();
            for (PluginChoice c : spec.metrics()) {
                metrics.add(new LabelledMetric(c.name(), GuardedPlugins.metric(catalog, c)));
            }
            Map<String, MetricResult> results = new EvaluateStage().evaluate(original, compression, rows, metrics);
            timings.add("metrics", start);

            start = timings.start();
            var qbaf = QbafBuilder.global(compression.compressed(), compression.partitions());
            timings.add("qbaf", start);

            start = timings.start();
            List<ExplainedRow> explained = List.of();
            if (spec.local() != null) {
                progress.stage("explaining rows on Spark");
                double[] std = SparkLocal.standardDeviations(rows);
                explained = SparkLocal.explain(spark, spec, catalog, data, order, original, k, std,
                        staging == null ? null : staging.resolve(SparkLocal.PARQUET),
                        done -> progress.step("explaining rows", done, done));
            }
            timings.add("local", start);
            Dataset header = new Dataset(data.name(), aligned.featureNames(), Matrix.zeros(0, order.length),
                    aligned.labelName(), aligned.classNames(), aligned.hasLabels() ? new int[0] : null, data.sha256());
            return new RunResult(spec, header, source, compression, results, qbaf, timings.asMap(), explained, null, null,
                    data.rows());
        }
    }

    /** A CSV file, a Parquet file or folder ({@code .parquet}), or a built-in data set spread over the executors. */
    static SparkData read(SparkSession spark, DataSpec spec) {
        if (spec instanceof DataSpec.Builtin builtin) {
            return SparkData.of(spark, BuiltinDatasets.load(builtin.name()), spark.sparkContext().defaultParallelism());
        }
        DataSpec.Csv file = (DataSpec.Csv) spec;
        String path = file.file().toString();
        if (path.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
            return SparkData.parquet(spark, path, file.label(), file.hasLabel());
        }
        return SparkData.csv(spark, path, file.label(), file.hasLabel());
    }

    private static int[] clusterCounts(PipelineSpec spec, Mlp original) {
        int[] widths = original.hiddenWidths();
        if (widths.length == 0) {
            throw new InputException("the model has no hidden layer: there is nothing to compress");
        }
        List<SettingException.Problem> problems = PipelineRunner.clusterProblems(spec.compression().clusters(), widths);
        if (!problems.isEmpty()) {
            throw new SettingException(problems);
        }
        return spec.compression().clusterCounts(widths);
    }

    /** The running session, else a new one with the spec's master (unless spark-submit gave one) and conf. */
    private static SparkSession session(ExecutionSpec.Spark settings) {
        SparkSession.Builder builder = SparkSession.builder().appName("illc");
        if (!new SparkConf().contains("spark.master")) {
            builder = builder.master(settings.master());
        }
        for (Map.Entry<String, String> c : settings.conf().entrySet()) {
            builder = builder.config(c.getKey(), c.getValue());
        }
        return builder.getOrCreate();
    }
}
