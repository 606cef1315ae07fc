package io.illc.experiments;

import io.illc.api.MetricFactory;
import io.illc.core.Setting;
import io.illc.core.pipeline.EvaluateStage;
import io.illc.core.spec.DataSpec;
import io.illc.core.spec.ExecutionSpec;
import io.illc.core.spec.SpecFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A checked, fully defaulted experiment spec (version 1). {@link ExperimentSpecParser} builds it
 * from JSON, {@link ExperimentSpecWriter} writes it back as {@code experiment.json}.
 *
 * @param experimentVersion always 1
 * @param seed              the seed of every clustering (each layer's seed derives from it); the
 *                          training seeds are a grid axis of their own
 * @param data              the rows models are trained on and compressed and scored on (all of them)
 * @param models            the model files compared, one cell each; {@code null} when the grid trains its models
 * @param grid              the cells (of a grid that trains) and the compressions of each cell
 * @param metrics           the global metrics measured on every compression, in column order; labels unique
 * @param metricDirections  the direction every installed metric declares ({@link MetricFactory#direction()}),
 *                          by metric name; what the report ranks by
 * @param output            the default output folder (absolute)
 * @param baseDir           the folder relative paths were resolved against
 * @param execution         how many cells run at once ({@code "execution": {"threads": N}}); the results
 *                          do not depend on it, so {@code experiment.json} leaves it out
 */
public record ExperimentSpec(int experimentVersion, long seed, DataSpec data, ModelFiles models, ExperimentGrid grid,
                             List<LabelledChoice> metrics, Map<String, MetricFactory.Direction> metricDirections,
                             Path output, Path baseDir, ExecutionSpec execution) {
    /**
     * {@code "model": {"load": [...], "format": ...}}: existing models to compare the methods on,
     * each read as {@code illc run} reads a {@code model.load}.
     *
     * @param files  absolute paths, distinct, at least one, in spec order
     * @param format the reader forced on every file ({@code weights-json}, {@code dl4j}, {@code keras},
     *               {@code onnx}), or {@code null} to pick one by content and extension
     */
    public record ModelFiles(List<Path> files, String format) {
        public ModelFiles {
            files = List.copyOf(files);
            if (files.isEmpty() || files.stream().distinct().count() != files.size()) {
                throw new IllegalArgumentException("model files must be at least one and distinct: " + files);
            }
        }
    }

    public ExperimentSpec {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(grid, "grid");
        if ((models != null) == grid.trains()) {
            throw new IllegalArgumentException("an experiment either loads its models or its grid trains them, not both"
                    + " and not neither");
        }
        metrics = List.copyOf(metrics);
        metricDirections = Map.copyOf(metricDirections);
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(execution, "execution");
        if (metrics.stream().map(LabelledChoice::label).distinct().count() != metrics.size()) {
            throw new IllegalArgumentException("metric labels must be unique: " + metrics);
        }
    }

    /** The files the experiment reads, with their JSON paths: its data file and its model files. */
    public List<SpecFiles.Read> filesRead() {
        List<SpecFiles.Read> files = new ArrayList<>(SpecFiles.read(data));
        if (models != null) {
            for (int i = 0; i < models.files().size(); i++) {
                files.add(new SpecFiles.Read(models.files().get(i), "$.model.load[" + i + "]", "model file"));
            }
        }
        return files;
    }

    /** A spec on every available processor. */
    public ExperimentSpec(int experimentVersion, long seed, DataSpec data, ModelFiles models, ExperimentGrid grid,
                          List<LabelledChoice> metrics, Map<String, MetricFactory.Direction> metricDirections,
                          Path output, Path baseDir) {
        this(experimentVersion, seed, data, models, grid, metrics, metricDirections, output, baseDir, ExecutionSpec.DEFAULT);
    }

    /** A spec whose grid trains its models, on every available processor. */
    public ExperimentSpec(int experimentVersion, long seed, DataSpec data, ExperimentGrid grid, List<LabelledChoice> metrics,
                          Map<String, MetricFactory.Direction> metricDirections, Path output, Path baseDir) {
        this(experimentVersion, seed, data, null, grid, metrics, metricDirections, output, baseDir);
    }

    /** The same spec on {@code threads} threads ({@code --threads}). */
    public ExperimentSpec withThreads(int threads) {
        return new ExperimentSpec(experimentVersion, seed, data, models, grid, metrics, metricDirections, output, baseDir,
                new ExecutionSpec(threads));
    }

    /** The same spec writing into {@code folder} ({@code --out}), so that {@code experiment.json} names it. */
    public ExperimentSpec withOutput(Path folder) {
        return new ExperimentSpec(experimentVersion, seed, data, models, grid, metrics, metricDirections, folder, baseDir,
                execution);
    }

    /** The direction metric {@code name} declares; {@link MetricFactory.Direction#UNKNOWN} for one not installed. */
    public MetricFactory.Direction direction(String name) {
        return metricDirections.getOrDefault(name, MetricFactory.Direction.UNKNOWN);
    }

    /**
     * The keys every compression's metrics are stored under: each metric's label, and with held-out
     * rows right after it the label followed by {@link EvaluateStage#IN_SAMPLE} (the same metric on
     * the fitting rows).
     */
    public List<String> metricKeys() {
        List<String> keys = new ArrayList<>();
        for (LabelledChoice m : metrics) {
            keys.add(m.label());
            if (grid.holdout() > 0) {
                keys.add(m.label() + EvaluateStage.IN_SAMPLE);
            }
        }
        return keys;
    }

    /**
     * Where each engine setting sits in an experiment spec file. Cluster counts come from
     * {@code grid.shrinks}, and local explanations from {@code grid.localRows}.
     */
    public static final Setting.Paths SETTING_PATHS = setting -> switch (setting) {
        case HOLDOUT -> "$.grid.holdout";
        case CLUSTERS -> "$.grid.shrinks";
        case FINETUNE_VALIDATION -> "$.grid.finetune.params.validation";
        case LOCAL_INSTANCES, LOCAL_CSV, KERNEL_WIDTH, LOCAL_BASELINE -> "$.grid.localRows";
        case MODEL_LOAD -> "$.model.load";
        case TRAIN_OUTPUT -> "$.grid.train.output";
        case TRAIN_TEST_FRACTION -> "$.grid.train.testFraction";
    };
}
