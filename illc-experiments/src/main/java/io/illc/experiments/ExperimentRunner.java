package io.illc.experiments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.illc.api.AggregationFunction;
import io.illc.api.ClusterAssignment;
import io.illc.api.ClusteringStrategy;
import io.illc.api.DetailKey;
import io.illc.api.Matrix;
import io.illc.api.Metric;
import io.illc.api.MetricResult;
import io.illc.api.Mlp;
import io.illc.api.PluginKind;
import io.illc.core.InputException;
import io.illc.core.SettingException;
import io.illc.core.Ticker;
import io.illc.core.Workers;
import io.illc.core.catalog.GuardedPlugins;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.catalog.PluginChoice;
import io.illc.core.catalog.PluginDescriptor;
import io.illc.core.catalog.PluginException;
import io.illc.core.compress.CompressionResult;
import io.illc.core.data.DataChecks;
import io.illc.core.data.Dataset;
import io.illc.core.local.Kernel;
import io.illc.core.local.LocalExplainer;
import io.illc.core.local.NeighbourhoodSample;
import io.illc.core.model.TrainingResult;
import io.illc.core.pipeline.EvaluateStage.LabelledMetric;
import io.illc.core.pipeline.FinetuneStage;
import io.illc.core.pipeline.FittingRows;
import io.illc.core.pipeline.ModelSource;
import io.illc.core.pipeline.Rows;
import io.illc.core.pipeline.Stages;
import io.illc.core.run.Processor;
import io.illc.core.spec.CompressionSpec;
import io.illc.core.spec.LocalSpec;
import io.illc.core.spec.ModelSpec;
import io.illc.core.spec.SpecFiles;
import io.illc.core.spec.TrainSpec;
import io.illc.experiments.CellResult.Outcome;
import io.illc.experiments.ExperimentGrid.Cell;
import io.illc.experiments.ExperimentGrid.Variant;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Runs an experiment: every cell of the grid trains its model once (or takes it from the folder's
 * model cache), or, for an experiment on loaded models, reads its model file (checked against the data
 * as {@code illc run} checks it; nothing is cached), and compresses it with every variant, measuring
 * every metric of the spec. Without a
 * holdout, clustering, merging, fine-tuning and metrics all use every row of the data; with one,
 * a seeded share of the rows (the same in every cell) is held out of everything but the metrics,
 * which are measured on it and, under in-sample keys, on the fitting rows. With {@code localRows} R &gt; 0 the
 * global and illc compressions of the {@code average} aggregation also explain the model's first R test
 * rows locally ({@link #explainLocally}). Finished cells are stored one by
 * one, so a rerun of the same spec into the same folder skips them. At the end
 * {@code results.csv}, {@code figures/*.png} and {@code report.md} are written from all cells.
 *
 * <p>Cells run in parallel on a given number of threads ({@link Workers}: one ND4J caller per
 * worker), each with its own model, seeds and files, and are collected in cell order, so every
 * output is the same for every thread count. Stateless and thread-safe (what a run memoises lives
 * in that run).
 */
public final class ExperimentRunner {
    /** A loaded model's problem, as the run and {@link ExperimentPreflight} say it. */
    static final String NO_HIDDEN_LAYER = "the model has no hidden layer, so there is nothing to compress;"
            + " give a model with at least one hidden layer";

    private final PluginCatalog catalog;
    private final Stages stages;
    private final Ticker ticker;

    @Inject
    public ExperimentRunner(PluginCatalog catalog, Stages stages, Ticker ticker) {
        this.catalog = catalog;
        this.stages = stages;
        this.ticker = ticker;
    }

    /**
     * Runs {@code spec} into {@code outputFolder} on {@code spec.execution()}'s threads (default: every
     * available processor).
     *
     * @param outputFolder where to write (usually {@code spec.output()}); a folder of an earlier run
     *                     of the same spec is resumed
     * @param force        empty a folder that holds another experiment (or an earlier run of this one) and start over
     * @throws io.illc.core.InputException for bad data, a refused folder or a spec the data does not fit,
     *                                      every setting at its JSON path in the experiment spec
     */
    public ExperimentResult run(ExperimentSpec spec, Path outputFolder, boolean force, ExperimentProgress progress) {
        return run(spec, outputFolder, force, spec.execution().threadCount(), progress);
    }

    /**
     * Runs {@code spec} into {@code outputFolder} with {@code threads} cells at a time. The results
     * (cells, results.csv, the report and figures) are the same for every thread count; progress is
     * reported from the worker threads, one call at a time.
     *
     * @param threads how many cells run at once, ≥ 1
     * @see #run(ExperimentSpec, Path, boolean, ExperimentProgress)
     */
    public ExperimentResult run(ExperimentSpec spec, Path outputFolder, boolean force, int threads,
                                ExperimentProgress progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        // One experiment per folder at a time: a second one would resume cells the first is computing.
        try (io.illc.core.io.FolderLock lock = ExperimentFolder.lock(outputFolder)) {
            return cells(spec, outputFolder, force, threads, progress);
        } catch (SettingException e) {
            throw e.locatedAt(ExperimentSpec.SETTING_PATHS);
        }
    }

    /** The spec's data; a CSV that is not there is named by its field, as {@code illc run} names it. */
    private Dataset data(ExperimentSpec spec, int threads) {
        List<String> missing = SpecFiles.missing(spec.data());
        if (!missing.isEmpty()) {
            throw new InputException(missing);
        }
        return stages.data().load(spec.data(), threads);
    }

    private ExperimentResult cells(ExperimentSpec spec, Path outputFolder, boolean force, int threads,
                                   ExperimentProgress progress) {
        long start = System.nanoTime();
        Dataset data = data(spec, threads);
        if (spec.grid().trains()) {
            DataChecks.requireTwoClasses(data);
        }
        // Every model file is read and checked against the data before the folder is touched, so a
        // file that does not fit leaves nothing behind.
        Map<Cell, Loaded> loaded = spec.models() == null ? Map.of() : load(spec, data, progress);
        Plugins plugins = new Plugins(spec);
        ExperimentFolder folder = ExperimentFolder.open(outputFolder, spec, force);
        ModelCache cache = new ModelCache(folder);
        // The kernel standardises over every data row, also with a neighbourhood sample; it is the same in every trained cell.
        // Experiments measure the paper's Definition 10 exactly: its width, with the local aggregation.
        if (spec.grid().localRows() > 0) {
            noteNeighbourhood(spec.grid().localNeighbourhood(), data.rows(), progress);
        }
        Kernel kernel = spec.grid().localRows() > 0 && spec.grid().trains()
                ? new Kernel(data.features(), LocalSpec.Distance.STANDARDIZED,
                Kernel.definition10Width(data.features().cols())) : null;

        List<Cell> cells = spec.grid().trains() ? spec.grid().cells() : List.copyOf(loaded.keySet());
        Set<Cell> pending = new HashSet<>(cells.stream()
                .filter(c -> folder.read(ExperimentFolder.cellFile(c)).isEmpty()).toList());
        Eta eta = new Eta(threads);
        ExperimentProgress serial = ExperimentProgress.serial(progress);
        int[] finished = {0};
        // Each cell depends on its own model, seeds and files alone, so cells run in any order on any
        // number of threads; Workers returns them in cell order, and everything written from them is too.
        List<CellRun> runs = Workers.map(threads, cells.size(), i -> {
            Cell cell = cells.get(i);
            Loaded file = loaded.get(cell);
            long cellStart = System.nanoTime();
            serial.cellStarted(i + 1, cells.size(), cell);
            CellRun run = cell(spec, data, plugins, folder, cache, kernel, cell, file, serial);
            if (!run.reused()) {
                // Stored as soon as it is done (atomically), so an interrupted run keeps every finished cell.
                folder.write(ExperimentFolder.cellFile(cell), CellJson.write(run.result()));
            }
            long now = System.nanoTime();
            synchronized (finished) {
                finished[0]++;
                if (!run.reused()) {
                    pending.remove(cell);
                    eta.computed(cell, now - cellStart);
                }
                serial.cellFinished(new ExperimentProgress.CellUpdate(i + 1, finished[0], cells.size(), cell, run.reused(),
                        run.trained(), Duration.ofNanos(now - cellStart), Duration.ofNanos(now - start),
                        eta.remaining(List.copyOf(pending))));
            }
            return run;
        }, (done, total) -> { });
        List<CellResult> results = runs.stream().map(CellRun::result).toList();
        int computed = (int) runs.stream().filter(r -> !r.reused()).count();
        int trained = (int) runs.stream().filter(CellRun::trained).count();
        int cached = (int) runs.stream().filter(CellRun::cached).count();

        progress.stage("writing results.csv, figures and report.md");
        folder.write("results.csv", ResultsCsv.write(spec, results));
        List<String> figures = ExperimentFigures.write(spec, results, folder).stream().map(ExperimentFigures.Figure::path).toList();
        ExperimentReport report = writeReport(spec, data, results, figures, folder);
        return new ExperimentResult(spec, folder.root(), results, computed, cells.size() - computed, trained, cached,
                Duration.ofNanos(System.nanoTime() - start), report.summary());
    }

    /** The io figure and {@code report.md}, from every cell's results. */
    private static ExperimentReport writeReport(ExperimentSpec spec, Dataset data, List<CellResult> results,
                                                List<String> figures, ExperimentFolder folder) {
        Optional<String> ioFigure = ExperimentFigures.writeIoFigure(spec, new SparxComparison(spec, results), folder);
        ExperimentReport report = new ExperimentReport(spec, data, results, figures, ioFigure);
        folder.write("report.md", report.markdown().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return report;
    }

    /**
     * Rebuilds the report of an experiment folder without computing anything: {@code spec} is the
     * folder's own {@code experiment.json}. With every cell's file in {@code cells/}, results.csv,
     * every figure and report.md are rewritten from them; without them (a folder that keeps only
     * results.csv, like the ones in docs/results) report.md and the io figure are rebuilt from
     * results.csv, and the per-layer figures, which need the metrics' details, are left as they are.
     *
     * @throws io.illc.core.InputException when neither every cell file nor a results.csv of this grid is there
     */
    public ExperimentResult report(ExperimentSpec spec, Path outputFolder, ExperimentProgress progress) {
        try (io.illc.core.io.FolderLock lock = ExperimentFolder.lock(outputFolder)) {
            long start = System.nanoTime();
            ExperimentFolder folder = ExperimentFolder.existing(outputFolder);
            Dataset data = data(spec, Workers.available());
            List<Cell> cells = spec.grid().trains() ? spec.grid().cells()
                    : List.copyOf(load(spec, data, progress).keySet());
            List<CellResult> results = new ArrayList<>();
            for (Cell cell : cells) {
                Optional<byte[]> bytes = folder.read(ExperimentFolder.cellFile(cell));
                if (bytes.isEmpty()) {
                    break;
                }
                try {
                    results.add(CellJson.read(bytes.get(), cell, spec));
                } catch (IllegalArgumentException e) {
                    throw new InputException(ExperimentFolder.cellFile(cell) + " in " + folder.root() + ": " + e.getMessage(), e);
                }
            }
            List<String> figures;
            if (results.size() == cells.size()) {
                progress.stage("rewriting results.csv, figures and report.md from " + cells.size() + " cells");
                folder.write("results.csv", ResultsCsv.write(spec, results));
                figures = ExperimentFigures.write(spec, results, folder).stream().map(ExperimentFigures.Figure::path).toList();
            } else {
                Optional<byte[]> csv = folder.read("results.csv");
                if (csv.isEmpty()) {
                    throw new InputException(folder.root() + " has neither every cell file (" + ExperimentFolder.cellFile(
                            cells.get(results.size())) + " is missing) nor a results.csv; run the experiment first");
                }
                progress.stage("rewriting report.md from results.csv (the cells/ files are not all there)");
                try {
                    results = ResultsCsv.read(spec, new String(csv.get(), java.nio.charset.StandardCharsets.UTF_8),
                            folder.resolve("results.csv").toString());
                } catch (IllegalArgumentException e) {
                    throw new InputException(e.getMessage(), e);
                }
                figures = ExperimentFigures.paths(spec, results).stream()
                        .filter(f -> java.nio.file.Files.isRegularFile(folder.resolve(f))).toList();
            }
            ExperimentReport report = writeReport(spec, data, results, figures, folder);
            return new ExperimentResult(spec, folder.root(), results, 0, results.size(), 0, 0,
                    Duration.ofNanos(System.nanoTime() - start), report.summary());
        } catch (SettingException e) {
            throw e.locatedAt(ExperimentSpec.SETTING_PATHS);
        }
    }

    /**
     * One cell of a run.
     *
     * @param reused  its results were reloaded from {@code cells/}
     * @param trained its model was trained in this run
     * @param cached  its model was taken from the folder's model cache
     */
    private record CellRun(CellResult result, boolean reused, boolean trained, boolean cached) {
    }

    /** The results of one cell: reloaded when stored and still valid, else computed (training its model if needed). */
    private CellRun cell(ExperimentSpec spec, Dataset data, Plugins plugins, ExperimentFolder folder, ModelCache cache,
                         Kernel kernel, Cell cell, Loaded file, ExperimentProgress progress) {
        Optional<CellResult> reused = reload(folder, cell, spec, file == null ? null : file.model().key(), progress);
        if (reused.isPresent()) {
            return new CellRun(reused.get(), true, false, false);
        }
        if (file != null) {
            // Experiments measure the paper's Definition 10 exactly: its width, with the local aggregation.
            Kernel own = spec.grid().localRows() > 0 ? new Kernel(file.rows(), LocalSpec.Distance.STANDARDIZED,
                    Kernel.definition10Width(file.rows().cols())) : null;
            return new CellRun(compress(spec, plugins, file.rows(), cell, file.model(), own, progress), false, false, false);
        }
        TrainSpec trainSpec = spec.grid().trainSpec(cell);
        ObjectNode recipe = ModelCache.recipe(data.sha256(), trainSpec, cell.trainingSeed());
        String key = ModelCache.key(recipe);
        Optional<ModelCache.Model> fromCache = cache.load(key);
        ModelCache.Model model;
        if (fromCache.isPresent()) {
            model = fromCache.get();
        } else {
            model = train(data, trainSpec, cell, key, progress);
            cache.store(recipe, model);
        }
        return new CellRun(compress(spec, plugins, data.features(), cell, model, kernel, progress), false,
                fromCache.isEmpty(), fromCache.isPresent());
    }

    /**
     * A model file of the spec, read and checked against the data.
     *
     * @param model its sha256 as the key, the network, no accuracies (it was not trained here), and as
     *              "test rows" the first {@code localRows} data rows: a loaded model has no test split
     * @param rows  the data's features in the model's input order, {@code [rows, inputs]}
     */
    private record Loaded(ModelCache.Model model, Matrix rows) {
    }

    /**
     * Reads every model file of the spec as {@code illc run} does, aligns the data to it and names its
     * cell after the file: the name without its extension, characters other than letters, digits and
     * {@code - _ .} replaced by {@code _}, made unique with {@code -2}, {@code -3}... (ignoring case,
     * for file systems that do).
     *
     * @throws io.illc.core.InputException for a file that cannot be read or does not fit the data, at
     *                                      its JSON path {@code $.model.load[i]}
     */
    private Map<Cell, Loaded> load(ExperimentSpec spec, Dataset data, ExperimentProgress progress) {
        Map<Cell, Loaded> out = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        List<Path> files = spec.models().files();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String where = where(i, file);
            progress.stage("loading model " + file.getFileName());
            ModelSource source;
            Dataset aligned;
            try {
                source = stages.model().load(new ModelSpec.Load(file, spec.models().format()), data);
                aligned = stages.model().align(data, source);
            } catch (SettingException e) {
                throw e.locatedAt(setting -> where);
            } catch (InputException e) {
                throw e.reworded(p -> where + ": " + p);
            }
            int[] hidden = source.mlp().hiddenWidths();
            if (hidden.length == 0) {
                throw new InputException(where + ": " + NO_HIDDEN_LAYER);
            }
            Cell cell = Cell.loaded(uniqueName(file, names), Arrays.stream(hidden).boxed().toList());
            List<Integer> explained = IntStream.range(0, Math.min(spec.grid().localRows(), aligned.rows()))
                    .boxed().toList();
            out.put(cell, new Loaded(new ModelCache.Model(source.sha256(), source.mlp(), Double.NaN, Double.NaN, Double.NaN,
                    explained), aligned.features()));
        }
        return out;
    }

    /** Where a loaded model's problems are said: {@code $.model.load[i] (file name)}. */
    static String where(int i, Path file) {
        return "$.model.load[" + i + "] (" + file.getFileName() + ")";
    }

    private static String uniqueName(Path file, Set<String> taken) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9_.-]", "_");
        if (base.isEmpty() || base.startsWith(".")) {
            base = "model" + base;
        }
        String unique = base;
        for (int n = 2; !taken.add(unique.toLowerCase(Locale.ROOT)); n++) {
            unique = base + "-" + n;
        }
        return unique;
    }

    /**
     * The stored results of a cell, or empty when there are none or they do not fit the spec.
     *
     * @param modelKey the sha256 of a loaded model's file: results of another file content are recomputed;
     *                 {@code null} for a trained cell, whose key the spec decides
     */
    private static Optional<CellResult> reload(ExperimentFolder folder, Cell cell, ExperimentSpec spec, String modelKey,
                                               ExperimentProgress progress) {
        String file = ExperimentFolder.cellFile(cell);
        Optional<byte[]> bytes = folder.read(file);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            CellResult stored = CellJson.read(bytes.get(), cell, spec);
            if (modelKey != null && !modelKey.equals(stored.modelKey())) {
                throw new IllegalArgumentException("its model file changed (sha256 " + stored.modelKey() + ", now "
                        + modelKey + ")");
            }
            return Optional.of(stored);
        } catch (IllegalArgumentException e) {
            progress.note(file + " is recomputed: " + e.getMessage());
            folder.delete(file);
            return Optional.empty();
        }
    }

    private ModelCache.Model train(Dataset data, TrainSpec spec, Cell cell, String key, ExperimentProgress progress) {
        progress.stage("training " + cell.id() + ": " + cell.depth() + " × " + cell.width() + " "
                + spec.activation().jsonName() + ", " + spec.epochs() + " epochs");
        long start = ticker.nanos();
        TrainingResult r = stages.model().train(data, spec, cell.trainingSeed(), progress::epoch);
        return new ModelCache.Model(key, r.mlp(), r.trainAccuracy(), r.testAccuracy(), (ticker.nanos() - start) / 1e9,
                r.testRows());
    }

    /**
     * Every variant of the grid on one model, in variant order, through the pipeline's stages. The
     * fitting rows (all rows without a holdout) are clustered, merged and fine-tuned on; the metrics
     * are measured on the held-out rows, and also on the fitting rows under in-sample keys, or on all
     * rows without a holdout. The split and the original network's activations are shared by every
     * variant of the cell. A global compression's partitions depend on neither the aggregation nor
     * anything else that varies within a budget, so the first global compression of a budget
     * clusters and the others replay its partitions; a fine-tuned variant starts from its base
     * variant's compression. Everything memoised here lives for one call (one cell).
     */
    private CellResult compress(ExperimentSpec spec, Plugins plugins, Matrix rows, Cell cell, ModelCache.Model model,
                                Kernel kernel, ExperimentProgress progress) {
        Mlp original = model.mlp();
        int[] widths = original.hiddenWidths();
        FittingRows fitting = stages.split().split(original, Rows.of(rows), spec.grid().holdout(), spec.seed());
        Map<ExperimentGrid.Budget, Map<Integer, ClusterAssignment>> globalPartitions = new HashMap<>();
        Map<Variant, CompressionResult> compressions = new HashMap<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (Variant v : spec.grid().variants()) {
            CompressionResult c;
            Map<String, Double> stageSeconds;
            double finetuneSeconds = 0;
            Map<String, Double> tuning = Map.of();
            if (v.finetuned()) {
                progress.stage("fine-tuning " + cell.id() + ": " + v.label() + ", " + v.setting().describe());
                FinetuneStage.Tuned tuned = stages.finetune().tune(original, compressions.get(v.base()), fitting,
                        spec.grid().finetune().params(), spec.seed());
                c = tuned.compression();
                stageSeconds = Map.of();
                finetuneSeconds = tuned.finetune().seconds();
                tuning = Outcome.tuning(tuned.finetune());
                tuned.finetune().warning().ifPresent(w -> progress.note("warning: " + cell.id() + ", " + v.label() + ", "
                        + v.setting().describe() + ": " + w));
            } else {
                progress.stage("compressing " + cell.id() + ": " + v.label() + ", " + v.setting().describe());
                int[] k = new int[widths.length];
                for (int l = 0; l < widths.length; l++) {
                    k[l] = CompressionSpec.clusterCount(v.setting().shrink(), widths[l]);
                }
                ClusteringStrategy clustering = plugins.clustering(v.setting().clustering());
                if (v.method() == CompressionSpec.Method.GLOBAL) {
                    Map<Integer, ClusterAssignment> byLayer = globalPartitions.computeIfAbsent(
                            new ExperimentGrid.Budget(v.setting().clustering(), v.setting().shrink()), b -> new HashMap<>());
                    ClusteringStrategy inner = clustering;
                    clustering = (points, count, seed) -> byLayer.computeIfAbsent(points.layer(),
                            layer -> inner.cluster(points, count, seed));
                }
                // One thread each: the cells share the threads out already.
                c = stages.compress().compress(original, fitting, v.method(), k, clustering,
                        plugins.aggregation(v.setting().aggregation()), spec.seed(), 1);
                stageSeconds = c.timings().asMap();
                compressions.put(v, c);
            }
            long start = ticker.nanos();
            Map<String, MetricResult> metrics = stages.evaluate().evaluate(original, c, fitting, plugins.metrics()).interleaved();
            double metricSeconds = (ticker.nanos() - start) / 1e9;
            Map<String, Double> local = Map.of();
            double localSeconds = 0;
            if (spec.grid().explainedLocally(v)) {
                progress.stage("explaining " + cell.id() + " locally: " + v.label() + ", " + v.setting().describe());
                start = ticker.nanos();
                int[] k = c.partitions().stream().mapToInt(ClusterAssignment::clusterCount).toArray();
                local = explainLocally(spec, plugins, rows, kernel, original, v, k, model.testRows());
                localSeconds = (ticker.nanos() - start) / 1e9;
            }
            outcomes.add(new Outcome(v, c.partitions().stream().map(ClusterAssignment::clusterCount).toList(), metrics,
                    timings(stageSeconds, finetuneSeconds, metricSeconds, localSeconds), local, tuning));
        }
        return new CellResult(cell, model.key(), model.trainAccuracy(), model.testAccuracy(), model.trainingSeconds(), outcomes,
                Processor.kernels());
    }

    /**
     * Local explanations (Definition 10) of the first {@code localRows} test rows (the smallest test
     * row indices; fewer when the test split is smaller) over the grid's neighbourhood (every data row, or
     * a seeded sample of them, the same for every cell; the explained row always counts): the paper's kernel width 0.1·√m, the variant's clustering and method, the {@code local} aggregation with its
     * defaults, the cluster counts {@code k} of the global compression and the experiment seed.
     *
     * @return every {@link Outcome#LOCAL_KEYS key} → its mean over the explained rows; NaN when no row was explained
     */
    private Map<String, Double> explainLocally(ExperimentSpec spec, Plugins plugins, Matrix rows, Kernel kernel, Mlp original,
                                               Variant v, int[] k, List<Integer> testRows) {
        LocalSpec.Neighbourhood neighbourhood = spec.grid().localNeighbourhood(rows.rows());
        int[] sample = neighbourhood.all() ? null : NeighbourhoodSample.rows(rows.rows(), neighbourhood.sample(), spec.seed());
        LocalExplainer explainer = stages.local().explainer(original, rows, kernel, v.method(), k,
                plugins.clustering(v.setting().clustering()), plugins.localAggregation(), plugins.localMetrics(), spec.seed(),
                sample);
        List<Integer> explained = testRows.subList(0, Math.min(spec.grid().localRows(), testRows.size()));
        Map<String, double[]> values = new LinkedHashMap<>();
        Outcome.LOCAL_KEYS.forEach(key -> values.put(key, new double[explained.size()]));
        for (int i = 0; i < explained.size(); i++) {
            Map<String, MetricResult> metrics = explainer.explain(explained.get(i)).metrics();
            for (String name : Outcome.LOCAL_METRICS) {
                values.get(name)[i] = metrics.get(name).value();
            }
            Object atInstance = metrics.get(Outcome.LOCAL_METRICS.get(1)).details().get(DetailKey.AT_INSTANCE.name());
            values.get(Outcome.LOCAL_AT_INSTANCE)[i] = atInstance instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        values.forEach((key, x) -> out.put(key, Statistics.mean(x)));
        return out;
    }

    /**
     * Says once when the neighbourhood of local explanations is a sample the spec did not ask for (more
     * than {@link LocalSpec.Neighbourhood#DEFAULT_LIMIT} data rows), or a sample that is every row.
     */
    private static void noteNeighbourhood(LocalSpec.Neighbourhood given, int rows, ExperimentProgress progress) {
        if (given == null && rows > LocalSpec.Neighbourhood.DEFAULT_LIMIT) {
            progress.note("local explanations: the data has " + rows + " rows, more than "
                    + LocalSpec.Neighbourhood.DEFAULT_LIMIT + ", so every explained row's neighbourhood is a seeded sample of "
                    + LocalSpec.Neighbourhood.DEFAULT_LIMIT + " rows; set grid.localNeighbourhood to \"all\" or"
                    + " {\"sample\": M} to choose");
        } else if (given != null && !given.all() && given.sample() >= rows) {
            progress.note("local explanations: a neighbourhood sample of " + given.sample() + " rows of " + rows
                    + " is every row");
        }
    }

    /** The compressor's stages folded into {@link Outcome#STAGES}: the per-layer clustering times summed. */
    private static Map<String, Double> timings(Map<String, Double> stages, double finetuneSeconds, double metricSeconds,
                                               double localSeconds) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("activations", stages.getOrDefault("activations", 0.0));
        out.put("clustering", stages.entrySet().stream().filter(e -> e.getKey().startsWith("clustering"))
                .mapToDouble(Map.Entry::getValue).sum());
        out.put("merge", stages.getOrDefault("merge", 0.0));
        out.put("finetune", finetuneSeconds);
        out.put("metrics", metricSeconds);
        out.put("local", localSeconds);
        return out;
    }

    /**
     * The plugin instances of a run, created once per label. Every call into a plugin turns a
     * failure into a {@link PluginException} naming the plugin and its jar.
     */
    private final class Plugins {
        private final Map<String, ClusteringStrategy> clusterings = new HashMap<>();
        private final Map<String, AggregationFunction> aggregations = new HashMap<>();
        private final List<LabelledMetric> metrics;
        /** The {@code local} aggregation with its defaults; null without local explanations. */
        private final AggregationFunction localAggregation;
        /** {@link Outcome#LOCAL_METRICS} with their defaults, guarded; empty without local explanations. */
        private final Map<String, Metric> localMetrics = new LinkedHashMap<>();

        Plugins(ExperimentSpec spec) {
            if (spec.grid().localRows() > 0) {
                PluginDescriptor local = catalog.require(PluginKind.AGGREGATION, "local");
                localAggregation = GuardedPlugins.aggregation(catalog, new PluginChoice(PluginKind.AGGREGATION, "local",
                        local.defaults()));
                for (String name : Outcome.LOCAL_METRICS) {
                    localMetrics.put(name, GuardedPlugins.metric(catalog, new PluginChoice(PluginKind.METRIC, name,
                            catalog.require(PluginKind.METRIC, name).defaults())));
                }
            } else {
                localAggregation = null;
            }
            spec.grid().clusterings().forEach(c -> clusterings.put(c.label(), GuardedPlugins.clustering(catalog, c.plugin())));
            spec.grid().aggregations().forEach(a -> aggregations.put(a.label(), GuardedPlugins.aggregation(catalog, a.plugin())));
            metrics = spec.metrics().stream()
                    .map(m -> new LabelledMetric(m.label(), GuardedPlugins.metric(catalog, m.plugin()))).toList();
        }

        ClusteringStrategy clustering(LabelledChoice c) {
            return clusterings.get(c.label());
        }

        AggregationFunction localAggregation() {
            return localAggregation;
        }

        Map<String, Metric> localMetrics() {
            return localMetrics;
        }

        AggregationFunction aggregation(LabelledChoice a) {
            return aggregations.get(a.label());
        }

        /** The spec's metrics under their labels, in spec order. */
        List<LabelledMetric> metrics() {
            return metrics;
        }
    }
}
