package io.illc.core.run;

import io.illc.api.AggregationFunction;
import io.illc.api.ClusteringStrategy;
import io.illc.api.Matrix;
import io.illc.api.Metric;
import io.illc.api.MetricFactory;
import io.illc.api.MetricInput;
import io.illc.api.MetricResult;
import io.illc.api.Mlp;
import io.illc.api.PluginKind;
import io.illc.api.Vector;
import io.illc.core.InputException;
import io.illc.core.catalog.GuardedPlugins;
import io.illc.core.catalog.ParameterResolver;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.catalog.PluginChoice;
import io.illc.core.catalog.PluginDescriptor;
import io.illc.core.catalog.PluginException;
import io.illc.core.compress.CompressionRequest;
import io.illc.core.compress.CompressionResult;
import io.illc.core.compress.Compressor;
import io.illc.core.compress.StageTimings;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.data.CsvLoader;
import io.illc.core.data.DataChecks;
import io.illc.core.data.Dataset;
import io.illc.core.finetune.ClusterBudget;
import io.illc.core.finetune.FinetuneResult;
import io.illc.core.finetune.Finetuner;
import io.illc.core.linalg.Nd;
import io.illc.core.local.ExplainedRow;
import io.illc.core.local.Kernel;
import io.illc.core.local.LocalExplainer;
import io.illc.core.local.LocalRun;
import io.illc.core.local.LocalSettings;
import io.illc.core.model.LoadedModel;
import io.illc.core.model.ModelLoader;
import io.illc.core.model.Trainer;
import io.illc.core.model.TrainingResult;
import io.illc.core.model.WeightsJson;
import io.illc.core.spec.DataSpec;
import io.illc.core.spec.LocalSpec;
import io.illc.core.spec.ModelSpec;
import io.illc.core.spec.PipelineSpec;
import io.illc.core.spec.SpecFiles;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a pipeline spec: data, model, the cluster budget (with {@code complexity}), compression,
 * fine-tuning (with {@code finetune}), metrics, the QBAF and the local explanations, as values.
 * Clustering, merging, the budget and fine-tuning see the fitting rows only; with held-out rows the
 * metrics are scored on those, and on the fitting rows as well under {@link #IN_SAMPLE} names.
 * Writing the results is {@link RunWriter}'s job. Stateless and thread-safe.
 */
public final class PipelineRunner {
    /**
     * With held-out rows, metrics.json keeps the held-out values under the metric's name and adds the
     * same metric on the fitting rows under the name followed by this suffix.
     */
    public static final String IN_SAMPLE = " (in-sample)";

    private final PluginCatalog catalog;
    private final Compressor compressor;

    @Inject
    public PipelineRunner(PluginCatalog catalog, Compressor compressor) {
        this.catalog = catalog;
        this.compressor = compressor;
    }

    /** Computes everything the spec asks for. */
    public RunResult compute(PipelineSpec spec, Progress progress) {
        List<String> missing = SpecFiles.missing(spec);
        if (!missing.isEmpty()) {
            throw new InputException(missing); // before minutes of training, not after
        }
        StageTimings timings = new StageTimings();
        long start = System.nanoTime();
        progress.stage("loading data");
        Dataset raw = loadData(spec.data());
        timings.add("loading", start);

        ModelSource model = obtainModel(spec, raw, progress, timings);
        Dataset data = alignData(raw, model, spec);
        Mlp original = model.mlp();

        RowSplit split = RowSplit.of(data.rows(), spec.compression().holdout(), spec.seed());
        Matrix fitRows = RowSplit.select(data.features(), split.fit());
        Matrix scoreRows = RowSplit.select(data.features(), split.score());
        ClusteringStrategy clustering = GuardedPlugins.clustering(catalog, spec.compression().clustering());
        start = System.nanoTime();
        List<Matrix> fitActivations = Nd.forwardAll(fitRows, original.layers());
        timings.add("activations", start);
        ClusterBudget.Allocation budget = null;
        int[] k;
        if (spec.compression().complexity() != null) {
            progress.stage("allocating clusters within complexity " + spec.compression().complexity());
            start = System.nanoTime();
            budget = ClusterBudget.allocate(fitActivations.subList(0, original.hiddenLayerCount()), clustering,
                    spec.compression().complexity(), spec.seed());
            k = budget.clusterCounts();
            timings.add("budget", start);
        } else {
            k = clusterCounts(spec, original);
        }

        progress.stage("compressing (" + spec.compression().method().jsonName() + ", "
                + spec.compression().clustering().name() + ", " + k.length + " hidden layers)");
        AggregationFunction aggregation = GuardedPlugins.aggregation(catalog, spec.compression().aggregation());
        CompressionResult compression = compressor.compress(CompressionRequest.uniform(original, fitRows,
                spec.compression().method(), k, clustering, aggregation, spec.seed()), fitActivations);
        timings.addAll(compression.timings());

        FinetuneResult finetune = null;
        if (spec.compression().finetune() != null) {
            progress.stage("fine-tuning the compressed network (at most " + spec.compression().finetune().epochs()
                    + " epochs)");
            start = System.nanoTime();
            finetune = Finetuner.tune(compression.compressed(), compression.partitions(), fitRows,
                    compression.originalActivations(), spec.compression().finetune(), spec.seed());
            compression = new CompressionResult(finetune.network(), compression.partitions(),
                    compression.originalActivations(), compression.timings());
            timings.add("finetune", start);
        }

        start = System.nanoTime();
        progress.stage("measuring " + spec.metrics().size() + " metrics");
        MetricInput fitted = metricInput(compression.originalActivations(), original, compression, fitRows);
        Map<String, MetricResult> metrics = new LinkedHashMap<>();
        if (split.holdout()) {
            // The held-out rows are the main figures: refitting and fine-tuning are judged on rows they never saw.
            metrics.putAll(evaluate(spec.metrics(), metricInput(original, compression, scoreRows)));
            evaluate(spec.metrics(), fitted).forEach((name, result) -> metrics.put(name + IN_SAMPLE, result));
        } else {
            metrics.putAll(evaluate(spec.metrics(), fitted));
        }
        if (model.trained()) {
            metrics.put("train-accuracy", MetricResult.of(model.trainAccuracy()));
            if (!Double.isNaN(model.testAccuracy())) {
                metrics.put("test-accuracy", MetricResult.of(model.testAccuracy()));
            }
        }
        timings.add("metrics", start);

        start = System.nanoTime();
        var qbaf = io.illc.core.qbaf.QbafBuilder.global(compression.compressed(), compression.partitions());
        timings.add("qbaf", start);

        start = System.nanoTime();
        List<ExplainedRow> local = spec.local() == null ? List.of() : explainLocally(spec, data, model, k, progress);
        timings.add("local", start);
        return new RunResult(spec, data, model, compression, metrics, qbaf, timings.asMap(), local, budget, finetune);
    }

    /**
     * Local explanations (Definition 10) of the rows {@code spec.local()} names, with the compression's
     * method, cluster counts and seed, the local clustering and aggregation, and every installed local metric.
     */
    private List<ExplainedRow> explainLocally(PipelineSpec spec, Dataset data, ModelSource model, int[] k,
                                              Progress progress) {
        LocalSpec local = spec.local();
        Map<String, Metric> metrics = new LinkedHashMap<>();
        ParameterResolver defaults = new ParameterResolver();
        for (PluginDescriptor plugin : catalog.plugins(PluginKind.METRIC)) {
            if (((MetricFactory) plugin.factory()).scope() == MetricFactory.Scope.LOCAL) {
                Metric metric = plugin.create(Metric.class, defaults.resolveStrings(plugin, Map.of(), spec.baseDir()));
                metrics.put(plugin.name(), input -> PluginException.guard(plugin, "failed", () -> metric.evaluate(input)));
            }
        }
        LocalExplainer explainer = new LocalExplainer(new LocalSettings(model.mlp(), data.features(),
                new Kernel(data.features(), local.distance(), local.width()), spec.compression().method(), k,
                GuardedPlugins.clustering(catalog, local.clustering()), GuardedPlugins.aggregation(catalog, local.aggregation()),
                metrics, spec.seed(), LocalExplainer.NEGLIGIBLE_WEIGHT), compressor);
        return LocalRun.explain(local, explainer, data, model.namedInputs(),
                (done, total) -> progress.step("explaining rows", done, total));
    }

    /** The metric input for a compression scored on {@code rows}, each row weighted 1/N. */
    public static MetricInput metricInput(Mlp original, CompressionResult compression, Matrix rows) {
        List<Matrix> originalActivations = Nd.forwardAll(rows, original.layers());
        return metricInput(originalActivations, original, compression, rows);
    }

    /** The same, reusing the original network's activations on {@code rows}. */
    public static MetricInput metricInput(List<Matrix> originalActivations, Mlp original, CompressionResult compression,
                                          Matrix rows) {
        List<Matrix> compressedActivations = Nd.forwardAll(rows, compression.compressed().layers());
        return new MetricInput(original, compression.compressed(), compression.partitions(), originalActivations,
                compressedActivations, Vector.filled(rows.rows(), 1.0 / rows.rows()), -1);
    }

    /** Every chosen metric on one input, by name, in order. */
    Map<String, MetricResult> evaluate(List<PluginChoice> choices, MetricInput input) {
        Map<String, MetricResult> out = new LinkedHashMap<>();
        for (PluginChoice choice : choices) {
            PluginDescriptor plugin = catalog.require(choice.kind(), choice.name());
            Metric metric = plugin.create(Metric.class, choice.params());
            out.put(choice.name(), PluginException.guard(plugin, "failed", () -> metric.evaluate(input)));
        }
        return out;
    }

    static Dataset loadData(DataSpec spec) {
        if (spec instanceof DataSpec.Builtin builtin) {
            return BuiltinDatasets.load(builtin.name());
        }
        DataSpec.Csv csv = (DataSpec.Csv) spec;
        return CsvLoader.load(csv.file(), csv.label(), csv.hasLabel());
    }

    private static ModelSource obtainModel(PipelineSpec spec, Dataset data, Progress progress, StageTimings timings) {
        long start = System.nanoTime();
        if (spec.model() instanceof ModelSpec.Load load) {
            progress.stage("loading model " + load.file().getFileName());
            LoadedModel loaded = ModelLoader.load(load.file(), load.format());
            Mlp mlp = nameFromData(loaded, data);
            timings.add("loading", start);
            return new ModelSource(mlp, load.file(), loaded.format(), Hashes.sha256(load.file()),
                    Double.NaN, Double.NaN, loaded.namedInputs());
        }
        ModelSpec.Train train = (ModelSpec.Train) spec.model();
        progress.stage("training " + train.train().hidden() + " " + train.train().activation().jsonName()
                + " for " + train.train().epochs() + " epochs");
        DataChecks.requireTwoClasses(data);
        TrainingResult trained = Trainer.train(data, train.train(), spec.seed(), progress::epoch);
        timings.add("training", start);
        return new ModelSource(trained.mlp(), null, "trained", Hashes.sha256(WeightsJson.toBytes(trained.mlp())),
                trained.trainAccuracy(), trained.testAccuracy(), true);
    }

    /**
     * A model file without names takes them from the data, so the feature and class names of the
     * header reach the QBAF and every rendering: inputs when the counts match (they are then matched
     * by position), outputs when the class count fits (one sigmoid output is the second class).
     */
    private static Mlp nameFromData(LoadedModel loaded, Dataset data) {
        Mlp mlp = loaded.mlp();
        List<String> inputs = !loaded.namedInputs() && data.featureNames().size() == mlp.inputCount()
                ? data.featureNames() : mlp.inputNames();
        List<String> outputs = mlp.outputNames();
        if (!loaded.namedOutputs() && data.hasLabels()) {
            List<String> classes = data.classNames();
            if (classes.size() == mlp.outputCount()) {
                outputs = classes;
            } else if (mlp.outputCount() == 1 && classes.size() == 2) {
                outputs = List.of(classes.get(1));
            }
        }
        return new Mlp(mlp.layers(), inputs, outputs);
    }

    private static Dataset alignData(Dataset data, ModelSource model, PipelineSpec spec) {
        Mlp mlp = model.mlp();
        Dataset aligned = DataChecks.alignToModel(data, mlp.inputNames(), model.namedInputs(), mlp.inputCount());
        if (aligned.hasLabels() && aligned.classNames().size() > Math.max(2, mlp.outputCount())) {
            throw new InputException("the data has " + aligned.classNames().size() + " classes but the model has "
                    + mlp.outputCount() + " outputs");
        }
        return aligned;
    }

    private static int[] clusterCounts(PipelineSpec spec, Mlp original) {
        int[] widths = original.hiddenWidths();
        List<Integer> explicit = spec.compression().clusters();
        if (widths.length == 0) {
            throw new InputException("the model has no hidden layer: there is nothing to compress");
        }
        if (explicit != null) {
            List<String> problems = new ArrayList<>();
            if (explicit.size() != widths.length) {
                problems.add("$.compression.clusters: " + explicit.size() + " cluster counts for a model with "
                        + widths.length + " hidden layers; give one per hidden layer");
            } else {
                for (int l = 0; l < widths.length; l++) {
                    if (explicit.get(l) < 1 || explicit.get(l) > widths[l]) {
                        problems.add("$.compression.clusters[" + l + "]: " + explicit.get(l) + " clusters for hidden layer "
                                + (l + 1) + " of " + widths[l] + " neurons; allowed 1.." + widths[l]);
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new InputException(problems);
            }
        }
        return spec.compression().clusterCounts(widths);
    }
}
