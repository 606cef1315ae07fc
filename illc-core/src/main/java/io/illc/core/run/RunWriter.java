package io.illc.core.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.illc.api.ExplanationRenderer;
import io.illc.api.PluginKind;
import io.illc.api.MetricResult;
import io.illc.api.Qbaf;
import io.illc.api.RenderContext;
import io.illc.core.Workers;
import io.illc.core.catalog.ParameterResolver;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.catalog.PluginChoice;
import io.illc.core.catalog.PluginDescriptor;
import io.illc.core.catalog.PluginException;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.finetune.FinetuneResult;
import io.illc.core.io.StrictJson;
import io.illc.core.local.ExplainedRow;
import io.illc.core.local.LocalEffectiveSizes;
import io.illc.core.local.LocalExplainer;
import io.illc.core.local.LocalSummary;
import io.illc.core.local.NeighbourhoodSample;
import io.illc.core.local.PerturbationSample;
import io.illc.core.model.WeightsJson;
import io.illc.core.pipeline.ModelSource;
import io.illc.core.qbaf.FeatureSummary;
import io.illc.core.spec.DataSpec;
import io.illc.core.spec.LocalSpec;
import io.illc.core.spec.ModelSpec;
import io.illc.core.spec.PipelineSpec;
import io.illc.core.spec.SpecWriter;
import jakarta.inject.Inject;

import java.awt.AWTError;
import java.awt.HeadlessException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Writes a run's results into its output folder, all or nothing (see {@link OutputFolder}):
 * {@code spec.json} (the effective spec), {@code model.json}, {@code compressed-model.json},
 * {@code clusters.json}, {@code metrics.json}, {@code features.json} and {@code features.png} (the
 * feature summaries), the attributions and contestability the spec asks for ({@link AnalysisWriter}),
 * both written before the renderers run so that they can show them, one {@code qbaf.<ext>} per
 * renderer, the local explanations under {@code local/} and {@code provenance.json} (with the cluster budget's allocation and
 * the fine-tuning's epochs and validation losses when the spec asks for them). Every file but the provenance (which records timings) is byte-identical
 * between two runs of the same spec.
 */
public final class RunWriter {
    /** Above this many drawn edges qbaf.svg shows only the heaviest ones: a bigger picture is a hairball. */
    static final int READABLE_EDGES = 400;

    private final PluginCatalog catalog;
    private final Graphviz graphviz;

    @Inject
    public RunWriter(PluginCatalog catalog, Graphviz graphviz) {
        this.graphviz = graphviz;
        this.catalog = catalog;
    }

    /** Writes everything into a staging folder of {@code folder}; the caller commits it. */
    public void write(RunResult result, OutputFolder folder) {
        write(result, folder, Progress.SILENT);
    }

    /** The same, telling {@code progress} why there is no SVG when there is none. */
    public void write(RunResult result, OutputFolder folder, Progress progress) {
        write(result, folder, progress, ModelCopy.none());
    }

    /**
     * The same, with {@code model.json} taken from {@code copy} when it copies the model file the
     * run loaded ({@link ModelCopy#start}, while the run computed).
     */
    public void write(RunResult result, OutputFolder folder, Progress progress, ModelCopy copy) {
        PipelineSpec spec = result.spec();
        byte[] effectiveSpec = new SpecWriter().write(spec);
        folder.write("spec.json", effectiveSpec);
        // The two model files are the largest writes (a 100 MB copy) and nothing below reads them:
        // each is written, and synced to disk, on a thread of its own meanwhile (the copy's sync
        // waits for the disk while the other is serialised), so that the sync of every file when
        // the folder is published finds them on disk already.
        List<CompletableFuture<Void>> models = List.of(
                Workers.inBackground("illc-write-model", () -> {
                    writeOriginalModel(result, folder, copy);
                    return null;
                }),
                Workers.inBackground("illc-write-compressed-model", () -> {
                    folder.write("compressed-model.json", WeightsJson.toBytes(result.compressed()));
                    folder.sync("compressed-model.json");
                    return null;
                }));
        try {
            writeAnalyses(result, folder, progress, spec);
        } finally {
            // Both finished, however this ends, before the staging folder may be removed.
            models.forEach(m -> m.handle((done, failed) -> null).join());
        }
        models.forEach(Workers::join);
        folder.write("provenance.json", Json.bytes(provenance(result, effectiveSpec)));
    }

    /** Everything but the spec, the two model files and the provenance. */
    private void writeAnalyses(RunResult result, OutputFolder folder, Progress progress, PipelineSpec spec) {
        folder.write("clusters.json", Json.clusters(result.compression().partitions()));
        folder.write("metrics.json", Json.bytes(Json.metrics(result.metrics())));
        ObjectNode specTree = new SpecWriter().tree(spec);
        RenderContext global = context(result, specTree, result.metrics());
        if (result.data().rows() > 0) {
            FeatureSummary summary = result.features() != null ? result.features()
                    : FeatureSummary.global(result.qbaf(), result.data().features(), spec.execution().threadCount());
            features(result.qbaf(), summary, "", folder, progress, global.classLabels());
        } else {
            // A streamed run holds no rows to average over; pictures then rank edges by |weight|.
            progress.note("no " + RenderContext.FEATURES + ": the run streamed its rows, and the global feature"
                    + " summaries average over rows held in memory (\"execution\": {\"data\": \"memory\"} writes them)");
        }
        AnalysisWriter.write(result.qbaf(), AnalysisWriter.meanRow(result.data().features()), spec.analysis(),
                AnalysisWriter.seed(spec.seed(), ""), result.data().classNames(), "", folder);
        if (!spec.renderers().isEmpty()) { // only renderers show them (and svg draws only what they wrote)
            global = global.withDocuments(documents(folder, ""));
        }
        for (PluginChoice choice : spec.renderers()) {
            render(choice, result.qbaf(), "", folder, global);
        }
        svg(result.qbaf(), "", folder, progress, global);
        writeLocal(result, specTree, folder, progress);
    }

    /**
     * {@code local/<row>/metrics.json} per explained row ({@code local/new/<row>/} for new rows), with
     * {@code qbaf.<ext>} per renderer and {@code clusters.json} for the rows to render, and
     * {@code local/summary.csv}: one line per row, in the order they were explained.
     */
    private void writeLocal(RunResult result, ObjectNode specTree, OutputFolder folder, Progress progress) {
        if (result.local().isEmpty()) {
            return;
        }
        for (ExplainedRow row : result.local()) {
            String dir = row.folder() + "/";
            folder.write(dir + "metrics.json", Json.bytes(Json.metrics(row.explanation().metrics())));
            if (row.render()) {
                Qbaf qbaf = row.qbaf();
                RenderContext context = context(result, specTree, row.explanation().metrics());
                features(qbaf, FeatureSummary.local(qbaf), dir, folder, progress, context.classLabels());
                double[] point = qbaf.local().featureValues().stream().mapToDouble(Double::doubleValue).toArray();
                AnalysisWriter.write(qbaf, point, result.spec().local().analysis(), AnalysisWriter.seed(result.spec().seed(),
                        dir), result.data().classNames(), dir, folder);
                if (!result.spec().renderers().isEmpty()) {
                    context = context.withDocuments(documents(folder, dir));
                }
                for (PluginChoice choice : result.spec().renderers()) {
                    render(choice, qbaf, dir, folder, context);
                }
                svg(qbaf, dir, folder, progress, context);
                folder.write(dir + "clusters.json", Json.clusters(row.explanation().partitions()));
            }
        }
        folder.write("local/summary.csv", LocalSummary.csv(result.local()));
    }

    /** Renders {@code qbaf} into {@code <dir>qbaf.<ext>}, telling the renderer what the run knows about it. */
    private void render(PluginChoice choice, Qbaf qbaf, String dir, OutputFolder folder, RenderContext context) {
        PluginDescriptor plugin = catalog.require(choice.kind(), choice.name());
        ExplanationRenderer renderer = plugin.create(ExplanationRenderer.class, choice.params());
        String file = dir + "qbaf." + renderer.fileExtension();
        try (DiskFailures out = new DiskFailures(folder.open(file))) {
            try {
                PluginException.guard(plugin, "failed to render " + file, () -> {
                    try {
                        renderer.render(qbaf, context, out);
                        return null;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (PluginException e) {
                if (out.failure != null) {
                    // The disk failed under the renderer (full, read-only): not the plugin's fault.
                    throw new UncheckedIOException("cannot write " + file, out.failure);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The output stream a renderer writes to, remembering the first failure of the disk under it. */
    private static final class DiskFailures extends java.io.FilterOutputStream {
        private IOException failure;

        DiskFailures(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw remember(e);
            }
        }

        private IOException remember(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }

    /**
     * The render context of one explanation: the run summary {@code {"spec": <effective spec>,
     * "metrics": <metrics.json>}} as compact JSON text, the explanation's metrics and the class names.
     */
    private static RenderContext context(RunResult result, ObjectNode specTree, Map<String, MetricResult> metrics) {
        ObjectNode summary = Json.object();
        summary.set("spec", specTree);
        summary.set("metrics", Json.metrics(metrics));
        Map<String, String> classLabels = result.spec().data() instanceof DataSpec.Builtin builtin
                ? new TreeMap<>(BuiltinDatasets.classLabels(builtin.name())) : Map.of();
        return new RenderContext(summary.toString(), metrics, result.data().classNames(), classLabels, Map.of());
    }

    /**
     * {@code <dir>features.json} and {@code <dir>features.png} (when the QBAF is small enough to draw,
     * see {@link FeatureFigure}, and Java 2D works here; otherwise {@code progress} is told why not).
     */
    private static void features(Qbaf qbaf, FeatureSummary summary, String dir, OutputFolder folder, Progress progress,
                                 Map<String, String> classLabels) {
        folder.write(dir + RenderContext.FEATURES, Json.features(summary));
        String png = dir + "features.png";
        try {
            FeatureFigure.png(qbaf, summary, classLabels).ifPresentOrElse(bytes -> folder.write(png, bytes),
                    () -> progress.note("no " + png + ": the QBAF has more than " + FeatureFigure.MAX_PANELS
                            + " cluster-neurons and outputs to draw; their summaries are in " + dir + RenderContext.FEATURES));
        } catch (AWTError | HeadlessException | LinkageError e) {
            // A JDK without fonts or native graphics libraries cannot draw; the numbers are in features.json.
            progress.note("no " + png + ": Java 2D cannot draw here (" + e + ")");
        }
    }

    /**
     * The documents beside a QBAF that renderers may show ({@link RenderContext#FEATURES},
     * {@link RenderContext#ATTRIBUTION}), read from {@code <dir>} of the staging folder: whatever
     * was written there before the renderers run.
     */
    static Map<String, String> documents(OutputFolder folder, String dir) {
        Map<String, String> documents = new LinkedHashMap<>();
        for (String name : List.of(RenderContext.FEATURES, RenderContext.ATTRIBUTION)) {
            try {
                Path file = folder.resolve(dir + name);
                if (Files.isRegularFile(file)) {
                    documents.put(name, Files.readString(file, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot re-read " + dir + name, e);
            }
        }
        return documents;
    }

    /**
     * {@code <dir>qbaf.svg} beside {@code <dir>qbaf.dot}, when Graphviz is there: the whole drawing when
     * it has at most {@link #READABLE_EDGES} edges, else about {@link #READABLE_EDGES} edges, the
     * strongest into each layer, with a note in the picture saying so (the full graph stays in qbaf.dot).
     */
    private void svg(Qbaf qbaf, String dir, OutputFolder folder, Progress progress, RenderContext context) {
        String svgName = dir + "qbaf.svg";
        try {
            Path dot = folder.resolve(dir + "qbaf.dot");
            if (!Files.isRegularFile(dot)) {
                return;
            }
            long edges = drawnEdges(Files.readString(dot, StandardCharsets.UTF_8));
            if (edges <= READABLE_EDGES) {
                graphviz.svg(dot, folder.resolve(svgName)).ifPresent(progress::note);
                return;
            }
            String top = topEdgesDot(qbaf, edges, context);
            String topName = dir + ".qbaf-top.dot";
            folder.write(topName, top.getBytes(StandardCharsets.UTF_8));
            try {
                graphviz.svg(folder.resolve(topName), folder.resolve(svgName)).ifPresent(progress::note);
            } finally {
                Files.deleteIfExists(folder.resolve(topName));
            }
        } catch (IOException e) {
            progress.note("no " + svgName + ": " + e.getMessage());
        }
    }

    /**
     * The dot renderer's drawing of the strongest edges into each layer, {@link #READABLE_EDGES} in all
     * (plus the path to each output), with a note saying so.
     */
    private String topEdgesDot(Qbaf qbaf, long allEdges, RenderContext context) {
        PluginDescriptor dot = catalog.require(PluginKind.RENDERER, "dot");
        int perLayer = Math.max(1, READABLE_EDGES / qbaf.activations().size());
        ExplanationRenderer renderer = dot.create(ExplanationRenderer.class, new ParameterResolver().resolveStrings(dot,
                Map.of("topK", Integer.toString(perLayer), "perLayer", "true"), Path.of("").toAbsolutePath()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PluginException.guard(dot, "failed to render the top edges for qbaf.svg", () -> {
            try {
                renderer.render(qbaf, context, out);
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String text = out.toString(StandardCharsets.UTF_8);
        String note = "  illc_note [shape=note, fontsize=14, label=\"This picture shows the " + perLayer
                + " strongest edges into each layer of the " + allEdges + " in qbaf.dot; a drawing of all of them"
                + " would not be readable. The full graph is in qbaf.dot, qbaf.json and qbaf.html.\"];\n";
        int end = text.lastIndexOf('}');
        return text.substring(0, end) + note + text.substring(end);
    }

    private static long drawnEdges(String dot) {
        return dot.lines().filter(l -> l.contains("->")).count();
    }

    /**
     * {@code model.json}, synced to disk: a weights JSON model is copied as it was read (by
     * {@code copy} while the run computed, when it did), streamed, so that a 100 MB model costs no
     * 100 MB array; any other model is written from its weights.
     */
    private static void writeOriginalModel(RunResult result, OutputFolder folder, ModelCopy copy) {
        ModelSource model = result.model();
        boolean weightsJson = "weights-json".equals(model.format());
        if (weightsJson && copy.of(model.file())) {
            copy.await();
            return;
        }
        copy.discard(folder);
        if (!weightsJson) {
            folder.write("model.json", WeightsJson.toBytes(model.mlp()));
            folder.sync("model.json");
            return;
        }
        ModelCopy.now(model.file(), folder);
    }

    /**
     * The absolute paths the run resolved: spec.json keeps them relative to the run folder, so that
     * it stays right when the folder moves; these say where they were on this machine.
     */
    private static ObjectNode paths(PipelineSpec spec) {
        ObjectNode paths = Json.object();
        paths.put("specFolder", spec.baseDir().toString());
        paths.put("output", spec.output().toString());
        if (spec.data() instanceof DataSpec.Csv csv) {
            paths.put("data", csv.file().toString());
        }
        if (spec.model() instanceof ModelSpec.Load load) {
            paths.put("model", load.file().toString());
        }
        if (spec.local() != null && spec.local().newRows() != null) {
            paths.put("localRows", spec.local().newRows().toString());
        }
        return paths;
    }

    private ObjectNode provenance(RunResult result, byte[] effectiveSpec) {
        ObjectNode root = Json.object();
        root.put("illc", Versions.illc());
        root.put("seed", result.spec().seed());
        root.set("spec", StrictJson.readTree(effectiveSpec, "the effective spec", "{\"specVersion\": 1}"));
        root.set("paths", paths(result.spec()));
        root.put("threads", result.spec().execution().threadCount());
        root.put("engine", result.spec().execution().engine());
        if (result.spec().execution().spark() != null) {
            root.put("sparkMaster", result.spec().execution().spark().master());
        }
        ObjectNode data = root.putObject("data");
        data.put("name", result.data().name());
        data.put("sha256", result.data().sha256());
        data.put("rows", result.rows());
        data.put("features", result.data().featureNames().size());
        ObjectNode model = root.putObject("model");
        model.put("format", result.model().format());
        model.put("file", result.model().file() == null ? null : result.model().file().toString());
        model.put("sha256", result.model().sha256());
        if (result.model().trained()) {
            model.put("trainAccuracy", result.model().trainAccuracy());
            if (!Double.isNaN(result.model().testAccuracy())) {
                model.put("testAccuracy", result.model().testAccuracy());
            }
        }
        if (!result.local().isEmpty()) {
            ObjectNode local = root.putObject("local");
            LocalSpec localSpec = result.spec().local();
            local.put("preset", localSpec.preset().jsonName());
            local.put("kernelWidth", localSpec.widthFor(result.data().featureNames().size()));
            local.put("negligibleWeight", LocalExplainer.NEGLIGIBLE_WEIGHT);
            local.put("rows", result.local().size());
            if (localSpec.limeRidge() != null) {
                local.putObject("baseline").put("name", "lime").put("ridge", localSpec.limeRidge());
            }
            double[] sizes = LocalEffectiveSizes.of(result.local());
            ObjectNode effective = local.putObject("effectiveSize");
            effective.put("min", sizes[0]);
            effective.put("median", LocalEffectiveSizes.median(sizes));
            effective.put("max", sizes[sizes.length - 1]);
            ObjectNode neighbourhood = local.putObject("neighbourhood");
            long dataRows = result.rows();
            LocalSpec.Neighbourhood n = localSpec.neighbourhood() != null ? localSpec.neighbourhood()
                    : LocalSpec.Neighbourhood.byDefault((int) Math.min(dataRows, Integer.MAX_VALUE));
            if (n.perturbed()) {
                neighbourhood.put("kind", "perturb");
                neighbourhood.put("size", n.perturb() + 1);
                neighbourhood.put("scale", n.scale());
                neighbourhood.put("perturbSeed", PerturbationSample.seed(result.spec().seed()));
            } else if (n.all()) {
                neighbourhood.put("kind", "all");
                neighbourhood.put("size", dataRows);
            } else {
                neighbourhood.put("kind", "sample");
                neighbourhood.put("size", Math.min(n.sample(), dataRows));
                neighbourhood.put("sampleSeed", NeighbourhoodSample.seed(result.spec().seed()));
            }
        }
        ArrayNode clusters = root.putArray("clusterCounts");
        result.compression().partitions().forEach(p -> clusters.add(p.clusterCount()));
        if (result.budget() != null) {
            ObjectNode budget = root.putObject("clusterBudget");
            budget.put("complexity", result.budget().complexity());
            budget.put("product", result.budget().product());
            ArrayNode allocated = budget.putArray("allocated");
            Arrays.stream(result.budget().clusterCounts()).forEach(allocated::add);
            ArrayNode errors = budget.putArray("withinClusterSumOfSquares");
            for (Map<Integer, Double> layer : result.budget().errors()) {
                ObjectNode byK = errors.addObject();
                layer.forEach((k, e) -> byK.put(Integer.toString(k), e));
            }
        }
        if (result.finetune() != null) {
            FinetuneResult f = result.finetune();
            ObjectNode finetune = root.putObject("finetune");
            finetune.put("epochsRun", f.epochsRun());
            finetune.put("bestEpoch", f.bestEpoch());
            finetune.put("learningRate", f.learningRate());
            finetune.put("attempts", f.attempts());
            finetune.put("outputLoss", f.outputLoss().jsonName());
            finetune.put("initialValidationLoss", f.initialValidationLoss());
            finetune.put("bestValidationLoss", f.bestValidationLoss());
            finetune.put("initialTrainingLoss", f.initialTrainingLoss());
            finetune.put("bestTrainingLoss", f.bestTrainingLoss());
            finetune.put("trainingRows", f.trainingRows().length);
            finetune.put("validationRows", f.validationRows().length);
            finetune.put("transferRows", f.transferRows());
            finetune.put("keptStartingWeights", f.keptStartingWeights());
            f.warning().ifPresentOrElse(w -> finetune.put("warning", w), () -> finetune.putNull("warning"));
        }
        ArrayNode plugins = root.putArray("plugins");
        for (PluginChoice choice : usedPlugins(result.spec())) {
            catalog.find(choice.kind(), choice.name()).ifPresent(p -> {
                ObjectNode entry = plugins.addObject();
                entry.put("kind", p.kind().label());
                entry.put("name", p.name());
                entry.put("version", p.factory().version());
                entry.put("location", p.location());
            });
        }
        ObjectNode runtime = root.putObject("runtime");
        runtime.put("java", System.getProperty("java.version"));
        runtime.put("javaVendor", System.getProperty("java.vendor"));
        runtime.put("nd4j", Versions.nd4j());
        runtime.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        runtime.put("ompNumThreads", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        runtime.put("processor", Processor.describe());
        runtime.put("openblasCoreType", Processor.openblasCoreType());
        ObjectNode timings = root.putObject("timingsSeconds");
        for (Map.Entry<String, Double> t : result.timings().entrySet()) {
            timings.put(t.getKey(), t.getValue());
        }
        return root;
    }

    /**
     * The plugins the spec uses, each once: by kind and name, as the provenance lists plugins, not
     * their parameters (a plugin chosen twice with other parameters, e.g. the global and the local
     * clustering, was listed twice). Not by the records' equals: its first call in a process sets
     * up method handles, 25 ms in a fresh JVM.
     */
    private static Collection<PluginChoice> usedPlugins(PipelineSpec spec) {
        List<PluginChoice> used = new ArrayList<>();
        used.add(spec.compression().clustering());
        used.add(spec.compression().aggregation());
        used.addAll(spec.metrics());
        used.addAll(spec.renderers());
        if (spec.local() != null) {
            used.add(spec.local().clustering());
            used.add(spec.local().aggregation());
        }
        Map<List<Object>, PluginChoice> distinct = new LinkedHashMap<>();
        for (PluginChoice choice : used) {
            distinct.putIfAbsent(List.of(choice.kind(), choice.name()), choice);
        }
        return distinct.values();
    }
}
