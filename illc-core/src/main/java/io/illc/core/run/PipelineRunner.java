package io.illc.core.run;

import io.illc.api.AggregationFunction;
import io.illc.api.ClusteringStrategy;
import io.illc.api.Metric;
import io.illc.api.MetricFactory;
import io.illc.api.MetricResult;
import io.illc.api.Mlp;
import io.illc.api.PluginKind;
import io.illc.api.Qbaf;
import io.illc.core.InputException;
import io.illc.core.Setting;
import io.illc.core.SettingException;
import io.illc.core.Ticker;
import io.illc.core.Workers;
import io.illc.core.catalog.GuardedPlugins;
import io.illc.core.catalog.ParameterResolver;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.catalog.PluginChoice;
import io.illc.core.catalog.PluginDescriptor;
import io.illc.core.compress.ClusterBudget;
import io.illc.core.compress.CompressionResult;
import io.illc.core.compress.StageTimings;
import io.illc.core.data.Dataset;
import io.illc.core.finetune.FinetuneResult;
import io.illc.core.local.ExplainedRow;
import io.illc.core.local.Kernel;
import io.illc.core.local.NeighbourhoodSample;
import io.illc.core.local.LocalExplainer;
import io.illc.core.local.LocalRun;
import io.illc.core.local.LocalSettings;
import io.illc.core.local.LocalEffectiveSizes;
import io.illc.core.linalg.Nd;
import io.illc.core.model.TrainingResult;
import io.illc.core.pipeline.EvaluateStage;
import io.illc.core.pipeline.EvaluateStage.LabelledMetric;
import io.illc.core.pipeline.FinetuneStage;
import io.illc.core.pipeline.FittingRows;
import io.illc.core.pipeline.ModelSource;
import io.illc.core.pipeline.ModelStage;
import io.illc.core.pipeline.Rows;
import io.illc.core.pipeline.Stages;
import io.illc.core.qbaf.FeatureSummary;
import io.illc.core.qbaf.QbafBuilder;
import io.illc.core.spec.LocalSpec;
import io.illc.core.spec.ModelSpec;
import io.illc.core.spec.PipelineSpec;
import io.illc.core.spec.TrainSpec;
import io.illc.core.spec.SpecFiles;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Runs a pipeline spec through the stages of {@link io.illc.core.pipeline}: data, model, split,
 * the cluster budget (with {@code complexity}), compression, fine-tuning (with {@code finetune}),
 * metrics, the QBAF and the local explanations, as values. Clustering, merging, the budget and
 * fine-tuning see the fitting rows only; with held-out rows the metrics are scored on those, and on
 * the fitting rows as well under {@link EvaluateStage#IN_SAMPLE} names. A setting an engine rejects
 * is reported at its path in the spec. Writing the results is {@link RunWriter}'s job. Stateless and
 * thread-safe.
 */
public final class PipelineRunner {
    /** A CSV file smaller than this loads in a blink: no progress bar for it. */
    static final long LOADING_BAR_FROM_BYTES = 16 << 20;

    private final PluginCatalog catalog;
    private final Stages stages;
    private final Ticker ticker;

    @Inject
    public PipelineRunner(PluginCatalog catalog, Stages stages, Ticker ticker) {
        this.catalog = catalog;
        this.stages = stages;
        this.ticker = ticker;
    }

    /**
     * Computes everything the spec asks for.
     *
     * @throws InputException for bad input, every setting at its JSON path in the spec
     */
    public RunResult compute(PipelineSpec spec, Progress progress) {
        try {
            return stages(spec, progress);
        } catch (SettingException e) {
            throw e.locatedAt(PipelineSpec.SETTING_PATHS);
        }
    }

    private RunResult stages(PipelineSpec given, Progress progress) {
        PipelineSpec spec = given;
        List<String> missing = SpecFiles.missing(spec);
        if (!missing.isEmpty()) {
            throw new InputException(missing); // before minutes of training, not after
        }
        Nd.loadInBackground(); // every run multiplies matrices; the library loads while the files are read
        if (StreamedRun.wanted(spec)) {
            return StreamedRun.run(spec, catalog, stages, ticker, progress, metrics(spec.metrics()),
                    mlp -> clusterCounts(given, mlp));
        }
        StageTimings timings = new StageTimings(ticker);
        long start = timings.start();
        // A model file is read while the data loads: they do not depend on each other.
        ModelStage.Pending pending = spec.model() instanceof ModelSpec.Load load
                ? stages.model().begin(load, spec.execution().threadCount()) : null;
        progress.stage("loading data");
        Dataset raw = stages.data().load(spec.data(), spec.execution().threadCount(), (done, total) -> {
            if (total >= LOADING_BAR_FROM_BYTES) {
                progress.bytes("loading data", done, total);
            }
        });
        timings.add("loading", start);

        ModelSource source = obtainModel(spec, stages, raw, pending, t -> stages.model().train(raw, t, given.seed(), progress::epoch),
                "", progress, timings);
        Dataset aligned = stages.model().align(raw, source);
        Mlp original = source.mlp();
        AnalysisWriter.check(spec, original); // the compressed network has the same outputs and depth
        if (spec.local() != null) {
            spec = spec.withLocal(neighbourhood(spec.local(), aligned.rows(), progress));
        }

        start = timings.start();
        FittingRows rows = stages.split().split(original, Rows.of(aligned.features()), spec.compression().holdout(), spec.seed(),
                spec.execution().threadCount());
        timings.add("activations", start);
        ClusteringStrategy clustering = GuardedPlugins.clustering(catalog, spec.compression().clustering());
        ClusterBudget.Allocation budget = null;
        int[] k;
        if (spec.compression().complexity() != null) {
            progress.stage("allocating clusters within complexity " + spec.compression().complexity());
            start = timings.start();
            budget = stages.compress().allocate(original, rows, clustering, spec.compression().complexity(), spec.seed());
            k = budget.clusterCounts();
            timings.add("budget", start);
        } else {
            k = clusterCounts(spec, original);
        }

        progress.stage("compressing (" + spec.compression().method().jsonName() + ", "
                + spec.compression().clustering().name() + ", " + k.length + " hidden layers)");
        AggregationFunction aggregation = GuardedPlugins.aggregation(catalog, spec.compression().aggregation());
        CompressionResult compression = stages.compress().compress(original, rows, spec.compression().method(), k, clustering,
                aggregation, spec.seed(), spec.execution().threadCount());
        timings.addAll(compression.timings());
        if (FeatureFigure.drawable(compression.compressed())) {
            FeatureFigure.prepareInBackground(); // features.png is drawn last; Java 2D starts meanwhile
        }

        FinetuneResult tuning = null;
        if (spec.compression().finetune() != null) {
            progress.stage("fine-tuning the compressed network (at most " + spec.compression().finetune().epochs()
                    + " epochs)");
            start = timings.start();
            FinetuneStage.Tuned tuned = stages.finetune().tune(original, compression, rows, spec.compression().finetune(), spec.seed());
            compression = tuned.compression();
            tuning = tuned.finetune();
            timings.add("finetune", start);
        }

        start = timings.start();
        // The QBAF and its feature summaries need the compressed network only. When the metrics (one
        // task each) leave threads idle, they are made meanwhile on a thread of their own ("qbaf" then
        // times what is left after the metrics); on fewer threads that would only slow both down.
        CompressionResult compressed = compression;
        int threads = spec.execution().threadCount();
        CompletableFuture<GlobalQbaf> global = threads > spec.metrics().size()
                ? Workers.inBackground("illc-qbaf", () -> GlobalQbaf.of(compressed, aligned, threads)) : null;
        progress.stage("measuring " + spec.metrics().size() + " metrics");
        Map<String, MetricResult> metrics = new LinkedHashMap<>(
                stages.evaluate().evaluate(original, compression, rows, metrics(spec.metrics()),
                        spec.execution().threadCount()).grouped());
        addAccuracies(metrics, source);
        timings.add("metrics", start);

        start = timings.start();
        GlobalQbaf qbaf = global != null ? Workers.join(global) : GlobalQbaf.of(compressed, aligned, threads);
        timings.add("qbaf", start);

        start = timings.start();
        List<ExplainedRow> explained = spec.local() == null ? List.of() : explainLocally(spec, aligned, source, k, progress);
        timings.add("local", start);
        return new RunResult(spec, aligned, source, compression, metrics, qbaf.qbaf(), timings.asMap(), explained, budget,
                tuning, aligned.rows(), qbaf.features());
    }

    /** The global QBAF of a compression and its feature summaries over the data rows (none without rows). */
    private record GlobalQbaf(Qbaf qbaf, FeatureSummary features) {
        static GlobalQbaf of(CompressionResult compression, Dataset data, int threads) {
            Qbaf qbaf = QbafBuilder.global(compression.compressed(), compression.partitions());
            return new GlobalQbaf(qbaf, data.rows() == 0 ? null
                    : FeatureSummary.global(qbaf, compression.compressed(), data.features(), threads));
        }
    }

    /** A trained model's train and test accuracy (when rows were held out) join the metrics. */
    static void addAccuracies(Map<String, MetricResult> metrics, ModelSource source) {
        if (source.trained()) {
            metrics.put("train-accuracy", MetricResult.of(source.trainAccuracy()));
            if (!Double.isNaN(source.testAccuracy())) {
                metrics.put("test-accuracy", MetricResult.of(source.testAccuracy()));
            }
        }
    }

    /**
     * The model the spec loads, or the one {@code train} trains on the held or streamed rows.
     *
     * @param data     the data (its names name a model file's inputs and outputs when it has none)
     * @param pending  the model file already being read ({@link ModelStage#begin}), or null
     * @param rowsNote said after the training's description, e.g. " (1000000 rows streamed)"
     */
    static ModelSource obtainModel(PipelineSpec spec, Stages stages, Dataset data, ModelStage.Pending pending,
                                   Function<TrainSpec, TrainingResult> train, String rowsNote, Progress progress,
                                   StageTimings timings) {
        long start = timings.start();
        if (spec.model() instanceof ModelSpec.Load load) {
            progress.stage("loading model " + load.file().getFileName());
            ModelSource loaded;
            try {
                loaded = pending != null ? pending.await(data)
                        : stages.model().load(load, data, spec.execution().threadCount());
            } catch (InputException e) {
                throw e.reworded(p -> "$.model.load: " + p); // under the spec's field, as illc validate says it
            }
            timings.add("loading", start);
            return loaded;
        }
        TrainSpec t = ((ModelSpec.Train) spec.model()).train();
        progress.stage("training " + t.hidden() + " " + t.activation().jsonName() + " for " + t.epochs() + " epochs"
                + rowsNote);
        TrainingResult trained = train.apply(t);
        timings.add("training", start);
        return stages.model().trained(trained);
    }

    /**
     * Local explanations (Definition 10) of the rows {@code spec.local()} names, with the compression's
     * method, cluster counts and seed, the local clustering and aggregation, and every installed local metric.
     */
    private List<ExplainedRow> explainLocally(PipelineSpec spec, Dataset aligned, ModelSource source, int[] k,
                                              Progress progress) {
        LocalSpec localSpec = spec.local();
        Map<String, Metric> localMetrics = new LinkedHashMap<>();
        ParameterResolver defaults = new ParameterResolver();
        for (PluginDescriptor plugin : catalog.plugins(PluginKind.METRIC)) {
            if (((MetricFactory) plugin.factory()).scope() == MetricFactory.Scope.LOCAL) {
                localMetrics.put(plugin.name(), GuardedPlugins.metric(catalog, new PluginChoice(PluginKind.METRIC,
                        plugin.name(), defaults.resolveStrings(plugin, Map.of(), spec.baseDir()))));
            }
        }
        LocalSpec.Neighbourhood neighbourhood = localSpec.neighbourhood();
        int[] sample = neighbourhood.all() || neighbourhood.perturbed() ? null
                : NeighbourhoodSample.rows(aligned.rows(), neighbourhood.sample(), spec.seed());
        LocalSettings.Perturbation perturbation = neighbourhood.perturbed()
                ? new LocalSettings.Perturbation(neighbourhood.perturb(), neighbourhood.scale()) : null;
        // The kernel standardises over every data row, also with a sample: distances do not depend on it.
        LocalExplainer explainer = stages.local().explainer(source.mlp(), aligned.features(),
                new Kernel(aligned.features(), localSpec.distance(), localSpec.widthFor(aligned.features().cols())),
                spec.compression().method(), k, GuardedPlugins.clustering(catalog, localSpec.clustering()),
                GuardedPlugins.aggregation(catalog, localSpec.aggregation()), localMetrics, spec.seed(), sample,
                perturbation, localSpec.limeRidge());
        List<ExplainedRow> explained = LocalRun.explain(localSpec, explainer, aligned, source.namedInputs(),
                (done, total) -> progress.step("explaining rows", done, total), spec.execution().threadCount());
        if (!explained.isEmpty()) {
            progress.note(effectiveSizeNote(explained));
        }
        return explained;
    }

    /**
     * One line on the neighbourhoods' effective sizes {@code (Σπ)² / Σπ²}: the smallest, the median and
     * the largest over the explained rows, with a warning when a row's neighbourhood is almost only the row.
     */
    static String effectiveSizeNote(List<ExplainedRow> rows) {
        double[] sizes = LocalEffectiveSizes.of(rows);
        String line = "local explanations: effective neighbourhood size (Σπ)²/Σπ² " + LocalEffectiveSizes.describe(sizes);
        if (sizes[0] < LocalEffectiveSizes.FEW) {
            line += "; below " + LocalEffectiveSizes.FEW + " the explained row carries almost all the weight and"
                    + " local io-unfaithfulness says little about its neighbourhood: widen local.kernel.width";
        }
        return line;
    }

    /**
     * The {@code local} section with its neighbourhood settled for {@code rows} data rows: the default
     * ({@link LocalSpec.Neighbourhood#byDefault(int)}) when it gives none. A sample the user did not ask
     * for, or one that is every row, is said as a note.
     */
    public static LocalSpec neighbourhood(LocalSpec local, int rows, Progress progress) {
        LocalSpec.Neighbourhood n = local.neighbourhood();
        if (n == null) {
            n = LocalSpec.Neighbourhood.byDefault(rows);
            if (!n.all()) {
                progress.note("local explanations: the data has " + rows + " rows, more than "
                        + LocalSpec.Neighbourhood.DEFAULT_LIMIT + ", so every row's neighbourhood is a seeded sample of "
                        + n.sample() + " rows; set local.neighbourhood to \"all\" or {\"sample\": M} to choose");
            }
        } else if (!n.all() && n.sample() >= rows) {
            progress.note("local explanations: a neighbourhood sample of " + n.sample() + " rows of " + rows
                    + " is every row");
        }
        return local.withNeighbourhood(n);
    }

    /** The spec's metrics under their plugin names, in spec order. */
    private List<LabelledMetric> metrics(List<PluginChoice> choices) {
        return choices.stream().map(c -> new LabelledMetric(c.name(), GuardedPlugins.metric(catalog, c))).toList();
    }

    private static int[] clusterCounts(PipelineSpec spec, Mlp original) {
        int[] widths = original.hiddenWidths();
        if (widths.length == 0) {
            throw new InputException("the model has no hidden layer: there is nothing to compress");
        }
        List<SettingException.Problem> problems = clusterProblems(spec.compression().clusters(), widths);
        if (!problems.isEmpty()) {
            throw new SettingException(problems);
        }
        return spec.compression().clusterCounts(widths);
    }

    /**
     * What is wrong with explicit cluster counts for hidden layers of {@code widths} neurons: one
     * count per layer, each in 1..n_l. Empty when they fit, or when there are none.
     */
    public static List<SettingException.Problem> clusterProblems(List<Integer> explicit, int[] widths) {
        List<SettingException.Problem> problems = new ArrayList<>();
        if (explicit == null) {
            return problems;
        }
        if (explicit.size() != widths.length) {
            problems.add(new SettingException.Problem(Setting.CLUSTERS, -1, explicit.size()
                    + " cluster counts for a model with " + widths.length + " hidden layers; give one per hidden layer"));
            return problems;
        }
        for (int l = 0; l < widths.length; l++) {
            if (explicit.get(l) < 1 || explicit.get(l) > widths[l]) {
                problems.add(new SettingException.Problem(Setting.CLUSTERS, l, explicit.get(l)
                        + " clusters for hidden layer " + (l + 1) + " of " + widths[l] + " neurons; allowed 1.." + widths[l]));
            }
        }
        return problems;
    }
}
