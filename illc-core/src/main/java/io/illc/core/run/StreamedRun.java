package io.illc.core.run;

import io.illc.api.MetricResult;
import io.illc.api.Mlp;
import io.illc.core.InputException;
import io.illc.core.Ticker;
import io.illc.core.catalog.GuardedPlugins;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.compress.CompressionResult;
import io.illc.core.compress.Compressor;
import io.illc.core.compress.StageTimings;
import io.illc.core.compress.StreamedCompressionRequest;
import io.illc.core.data.CsvChunks;
import io.illc.core.data.CsvLoader;
import io.illc.core.data.Dataset;
import io.illc.core.finetune.FinetuneResult;
import io.illc.core.pipeline.EvaluateStage.LabelledMetric;
import io.illc.core.pipeline.FinetuneStage;
import io.illc.core.pipeline.ModelSource;
import io.illc.core.pipeline.Stages;
import io.illc.core.qbaf.QbafBuilder;
import io.illc.core.spec.DataSpec;
import io.illc.core.spec.ExecutionSpec.DataMode;
import io.illc.core.spec.ModelSpec;
import io.illc.core.spec.PipelineSpec;
import io.illc.core.stream.ChunkSource;
import io.illc.core.stream.LocalRowPasses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A run over a CSV file streamed in chunks instead of held: the compression from sums over rows, the
 * metrics in one pass, the QBAF. Memory is O(Σ n_l² + threads · chunk), whatever the number of rows;
 * the results are those of the same run with the rows held, a trained model included. What needs every
 * row held (a
 * holdout, a complexity budget, local explanations) cannot stream.
 */
final class StreamedRun {
    private StreamedRun() {
    }

    /**
     * Whether {@code spec} runs streamed: {@code execution.data} {@code stream}, or {@code auto} with a
     * CSV file that held would take more than the JVM's whole heap, and nothing that needs rows held.
     *
     * @throws InputException for {@code stream} with a setting that needs rows held, naming the settings
     */
    static boolean wanted(PipelineSpec spec) {
        DataMode mode = spec.execution().data();
        if (mode == DataMode.MEMORY) {
            return false;
        }
        List<String> held = needsRowsHeld(spec);
        if (mode == DataMode.STREAM) {
            if (!held.isEmpty()) {
                throw new InputException("execution.data is 'stream', but " + String.join(", ", held)
                        + " need the rows held in memory; remove them or set execution.data to 'auto' or 'memory'");
            }
            return true;
        }
        if (!held.isEmpty()) {
            return false;
        }
        return CsvLoader.tooLargeToHold(((DataSpec.Csv) spec.data()).file());
    }

    /** The settings of {@code spec} that need every row held, as their spec paths. */
    static List<String> needsRowsHeld(PipelineSpec spec) {
        List<String> out = new ArrayList<>();
        if (!(spec.data() instanceof DataSpec.Csv)) {
            out.add("data.builtin");
        }
        if (spec.compression().holdout() > 0) {
            out.add("compression.holdout");
        }
        if (spec.compression().complexity() != null) {
            out.add("compression.complexity");
        }
        if (spec.local() != null) {
            out.add("local");
        }
        // The global QBAF is analysed at the mean of the held rows.
        if (spec.analysis().attribution() != null) {
            out.add("attribution");
        }
        if (spec.analysis().contest() != null) {
            out.add("contest");
        }
        return out;
    }

    /**
     * The run, streamed.
     *
     * @param metrics       the spec's global metrics under their labels
     * @param clusterCounts k_l for each hidden layer of the loaded model, checked against its widths
     */
    static RunResult run(PipelineSpec spec, PluginCatalog catalog, Stages stages, Ticker ticker, Progress progress,
                         List<LabelledMetric> metrics, Function<Mlp, int[]> clusterCounts) {
        // What the header and the model's shape show (as illc validate shows it), before minutes of
        // reading every row: a model of other data, say.
        List<String> problems = Preflight.fit(spec);
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        StageTimings timings = new StageTimings(ticker);
        long start = timings.start();
        DataSpec.Csv csv = (DataSpec.Csv) spec.data();
        progress.stage("checking data " + csv.file().getFileName() + " (streamed)");
        CsvChunks chunks = CsvChunks.open(csv.file(), csv.label(), csv.hasLabel(), spec.execution().threadCount(),
                (done, total) -> progress.bytes("checking data", done, total));
        Dataset header = chunks.header();
        timings.add("loading", start);

        // A model trained here is trained on the rows spilled to a temporary file (see Trainer).
        ModelSource source = PipelineRunner.obtainModel(spec, stages, header, null,
                t -> stages.model().train(chunks, header, t, spec.seed(), progress::epoch),
                " (" + chunks.count() + " rows streamed)", progress, timings);
        Dataset aligned = stages.model().align(header, source);
        Mlp original = source.mlp();
        int[] k = clusterCounts.apply(original);

        int threads = spec.execution().threadCount();
        ChunkSource ordered = chunks.inOrder(aligned.featureNames());
        LocalRowPasses rows = new LocalRowPasses(ordered, threads);
        progress.stage("compressing (" + spec.compression().method().jsonName() + ", "
                + spec.compression().clustering().name() + ", " + k.length + " hidden layers, " + rows.count()
                + " rows streamed)");
        CompressionResult compression = new Compressor(ticker).compress(new StreamedCompressionRequest(original,
                spec.compression().method(), k, GuardedPlugins.clustering(catalog, spec.compression().clustering()),
                GuardedPlugins.aggregation(catalog, spec.compression().aggregation()), spec.seed()), rows);
        timings.addAll(compression.timings());

        FinetuneResult tuning = null;
        if (spec.compression().finetune() != null) {
            progress.stage("fine-tuning the compressed network (at most " + spec.compression().finetune().epochs()
                    + " epochs, " + rows.count() + " rows streamed)");
            start = timings.start();
            FinetuneStage.Tuned tuned = stages.finetune().tune(original, compression, ordered,
                    spec.compression().finetune(), spec.seed());
            compression = tuned.compression();
            tuning = tuned.finetune();
            timings.add("finetune", start);
        }

        start = timings.start();
        progress.stage("measuring " + metrics.size() + " metrics (streamed)");
        Map<String, MetricResult> measured = new LinkedHashMap<>(stages.evaluate().evaluate(original, compression, rows,
                metrics));
        PipelineRunner.addAccuracies(measured, source);
        timings.add("metrics", start);

        start = timings.start();
        var qbaf = QbafBuilder.global(compression.compressed(), compression.partitions());
        timings.add("qbaf", start);
        return new RunResult(spec, aligned, source, compression, measured, qbaf, timings.asMap(), List.of(), null, tuning,
                rows.count());
    }
}
