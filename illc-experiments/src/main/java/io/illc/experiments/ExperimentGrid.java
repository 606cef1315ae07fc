package io.illc.experiments;

import io.illc.api.Activation;
import io.illc.core.spec.CompressionSpec.Method;
import io.illc.core.spec.FinetuneSpec;
import io.illc.core.spec.LocalSpec;
import io.illc.core.spec.TrainSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The grid of an experiment. Every {@link Cell} (depth × width × training seed) trains one model,
 * {@code hidden = [width] × depth}, which is then compressed once per {@link Variant}
 * (clustering × aggregation × shrink × method), all on that same model; with {@code finetune}, the
 * compressions of the methods and aggregations it names are also fine-tuned, as variants of their own.
 * A grid of an experiment on loaded models ({@link ExperimentSpec#models()}) trains nothing: its
 * training axes are empty, its activation and training {@code null}, and its cells come from the
 * model files, one each ({@link Cell#loaded}).
 *
 * @param depths        hidden layer counts, distinct, each ≥ 1; empty when the models are loaded
 * @param widths        neurons per hidden layer, distinct, each ≥ 1; empty when the models are loaded
 * @param activation    of every hidden layer: relu, tanh or sigmoid; {@code null} when the models are loaded
 * @param trainingSeeds the seeds of training (split, initialisation, batch order), distinct; empty when
 *                      the models are loaded
 * @param shrinks       fractions of each hidden layer removed, in [0, 1), distinct
 * @param methods       global and/or illc, distinct
 * @param clusterings   clustering plugins, labels distinct
 * @param aggregations  aggregation plugins, labels distinct
 * @param training      the optimisation settings shared by every cell; {@code null} when the models are loaded
 * @param localRows     how many rows of each model's test split to explain locally (the R smallest test
 *                      row indices) with every variant {@link #explainedLocally explained locally}; 0 = none
 * @param holdout       share of each cell's rows held out from clustering, merging and fine-tuning and
 *                      scored on, in [0, 1); 0 = every row for everything
 * @param finetune      which compressions are also fine-tuned, and how; {@code null} for none
 * @param localNeighbourhood with {@code localRows} &gt; 0: the data rows every explained row is compared
 *                      with, every row or a seeded sample ({@code local.neighbourhood} of a pipeline spec);
 *                      {@code null} for the default by the data's size
 *                      ({@link LocalSpec.Neighbourhood#byDefault(int)}); {@code null} when {@code localRows} is 0
 */
public record ExperimentGrid(List<Integer> depths, List<Integer> widths, Activation activation, List<Long> trainingSeeds,
                             List<Double> shrinks, List<Method> methods, List<LabelledChoice> clusterings,
                             List<LabelledChoice> aggregations, Training training, int localRows, double holdout,
                             Finetuning finetune, LocalSpec.Neighbourhood localNeighbourhood) {

    /**
     * The fine-tuned variants: every compression whose method and aggregation are listed is also
     * fine-tuned (on its own partitions, after it was measured), and measured again.
     *
     * @param methods      the methods whose compressions are fine-tuned, a subset of the grid's
     * @param aggregations the labels of the aggregations whose compressions are fine-tuned, a subset of the grid's
     * @param params       the fine-tuning settings
     */
    public record Finetuning(List<Method> methods, List<String> aggregations, FinetuneSpec params) {
        public Finetuning {
            methods = List.copyOf(methods);
            aggregations = List.copyOf(aggregations);
            Objects.requireNonNull(params, "params");
        }

        boolean applies(Method method, LabelledChoice aggregation) {
            return methods.contains(method) && aggregations.contains(aggregation.label());
        }
    }

    /**
     * How every model of the grid is trained; see {@link io.illc.core.model.Trainer}.
     *
     * @param epochs       passes over the training split, ≥ 1
     * @param batchSize    rows per update, ≥ 1
     * @param learningRate Adam's step size, > 0
     * @param testFraction share of rows held out for the test accuracy, in [0, 1)
     * @param output       softmax, or sigmoid (two classes only)
     */
    public record Training(int epochs, int batchSize, double learningRate, double testFraction, Activation output) {
        public Training {
            Objects.requireNonNull(output, "output");
        }

        /** The paper's recipe: 100 epochs, batches of 64, Adam 0.001, 20 % test rows, softmax. */
        public static Training defaults() {
            TrainSpec d = TrainSpec.defaults();
            return new Training(d.epochs(), d.batchSize(), d.learningRate(), d.testFraction(), d.output());
        }
    }

    /**
     * One model of the experiment: trained by the grid, or loaded from a file.
     *
     * @param depth        hidden layer count
     * @param width        neurons per hidden layer; of a loaded model, its widest hidden layer
     * @param trainingSeed the seed it was trained with; 0 for a loaded model
     * @param model        a loaded model's name, unique in the experiment and safe as a file name
     *                     (see {@link #loaded}); {@code null} for a trained model
     * @param hidden       the hidden layer widths: {@code [width] × depth} for a trained model
     */
    public record Cell(int depth, int width, long trainingSeed, String model, List<Integer> hidden) {
        public Cell {
            hidden = List.copyOf(hidden);
            if (hidden.size() != depth) {
                throw new IllegalArgumentException("a cell of depth " + depth + " needs " + depth + " hidden widths, got " + hidden);
            }
        }

        /** A cell the grid trains: {@code [width] × depth}. */
        public Cell(int depth, int width, long trainingSeed) {
            this(depth, width, trainingSeed, null, Collections.nCopies(depth, width));
        }

        /** The cell of a model loaded from a file, named {@code name}. */
        public static Cell loaded(String name, List<Integer> hidden) {
            Objects.requireNonNull(name, "name");
            if (hidden.isEmpty()) {
                throw new IllegalArgumentException("model '" + name + "' has no hidden layer to compress");
            }
            return new Cell(hidden.size(), hidden.stream().mapToInt(Integer::intValue).max().orElseThrow(), 0, name, hidden);
        }

        /** Whether the model was loaded from a file rather than trained. */
        public boolean isLoaded() {
            return model != null;
        }

        /** {@code d5-w100-s0}, or a loaded model's name: the file name of the cell's results and its key in messages. */
        public String id() {
            return model != null ? model : "d" + depth + "-w" + width + "-s" + trainingSeed;
        }

        /** {@code d5-w100}: the architecture, shared by the cells of all training seeds; a loaded model's name. */
        public String architecture() {
            return model != null ? model : "d" + depth + "-w" + width;
        }
    }

    /**
     * The cells compared across training seeds: one architecture of a trained grid (every
     * training seed of a depth × width), or one loaded model.
     *
     * @param row    what the report's rows name it by: the depth, or the loaded model's name
     * @param column what the report's columns name it by: the width, or {@code null} for a loaded model
     * @param cells  its cells, in run order
     */
    public record Architecture(String row, String column, List<Cell> cells) {
        public Architecture {
            Objects.requireNonNull(row, "row");
            cells = List.copyOf(cells);
        }

        /** {@code 5 × 100}, or a loaded model's name. */
        public String describe() {
            return column == null ? row : row + " × " + column;
        }

        /**
         * The architectures of {@code cells}, in the order they first appear: for a trained grid
         * depth, then width, as the cells run.
         */
        public static List<Architecture> of(List<Cell> cells) {
            Map<String, List<Cell>> groups = new LinkedHashMap<>();
            cells.forEach(c -> groups.computeIfAbsent(c.architecture(), a -> new ArrayList<>()).add(c));
            return groups.values().stream().map(g -> g.get(0).isLoaded()
                    ? new Architecture(g.get(0).model(), null, g)
                    : new Architecture(Integer.toString(g.get(0).depth()), Integer.toString(g.get(0).width()), g)).toList();
        }
    }

    /** Everything that defines a compression except the method: what global and illc are compared under. */
    public record Setting(LabelledChoice clustering, LabelledChoice aggregation, double shrink) {
        public Setting {
            Objects.requireNonNull(clustering, "clustering");
            Objects.requireNonNull(aggregation, "aggregation");
        }

        /** {@code kmeans, average, shrink 0.8}. */
        public String describe() {
            return clustering.label() + ", " + aggregation.label() + ", shrink " + shrink;
        }

        /** {@code kmeans-average-0.8}: for file names. */
        public String slug() {
            return (clustering.label() + "-" + aggregation.label() + "-" + shrink).replaceAll("[^A-Za-z0-9_.-]+", "_");
        }
    }

    /**
     * One compression of a cell's model.
     *
     * @param finetuned the compression of the same setting and method, fine-tuned
     */
    public record Variant(Setting setting, Method method, boolean finetuned) {
        public Variant {
            Objects.requireNonNull(setting, "setting");
            Objects.requireNonNull(method, "method");
        }

        /** A compression as it comes from the compressor. */
        public Variant(Setting setting, Method method) {
            this(setting, method, false);
        }

        /** {@code global+average}, {@code illc+refit+finetune}: method, aggregation label, fine-tuning. */
        public String label() {
            return method.jsonName() + "+" + setting.aggregation().label() + (finetuned ? "+finetune" : "");
        }

        /** The variant it was fine-tuned from (itself when it is not fine-tuned). */
        public Variant base() {
            return new Variant(setting, method, false);
        }
    }

    /**
     * What fixes the cluster counts: the clustering and the shrink. Variants of one budget ask for
     * the same counts, so they compare at the same complexity Ω = Π k_l.
     */
    public record Budget(LabelledChoice clustering, double shrink) {
        public Budget {
            Objects.requireNonNull(clustering, "clustering");
        }

        /** {@code kmeans, shrink 0.8}. */
        public String describe() {
            return clustering.label() + ", shrink " + shrink;
        }
    }

    public ExperimentGrid {
        depths = List.copyOf(depths);
        widths = List.copyOf(widths);
        trainingSeeds = List.copyOf(trainingSeeds);
        shrinks = List.copyOf(shrinks);
        methods = List.copyOf(methods);
        clusterings = List.copyOf(clusterings);
        aggregations = List.copyOf(aggregations);
        boolean trains = !depths.isEmpty();
        if (trains != !widths.isEmpty() || trains != !trainingSeeds.isEmpty() || trains != (activation != null)
                || trains != (training != null)) {
            throw new IllegalArgumentException("a grid gives all of depths, widths, training seeds, activation and training"
                    + " (it trains its models) or none of them (its models are loaded)");
        }
        List<List<?>> axes = new ArrayList<>(List.of(shrinks, methods, clusterings, aggregations));
        if (trains) {
            axes.addAll(List.of(depths, widths, trainingSeeds));
        }
        for (List<?> axis : axes) {
            if (axis.isEmpty()) {
                throw new IllegalArgumentException("every axis of the grid needs at least one value");
            }
            if (axis.stream().distinct().count() != axis.size()) {
                throw new IllegalArgumentException("the values of a grid axis must be distinct: " + axis);
            }
        }
        if (localRows < 0) {
            throw new IllegalArgumentException("localRows must be ≥ 0, got " + localRows);
        }
        if (localRows == 0 && localNeighbourhood != null) {
            throw new IllegalArgumentException("a local neighbourhood needs localRows > 0");
        }
        if (!(holdout >= 0 && holdout < 1)) {
            throw new IllegalArgumentException("holdout must be in [0, 1), got " + holdout);
        }
        if (finetune != null && (!methods.containsAll(finetune.methods())
                || !aggregations.stream().map(LabelledChoice::label).toList().containsAll(finetune.aggregations()))) {
            throw new IllegalArgumentException("finetune names methods or aggregations the grid does not have: " + finetune);
        }
    }

    /** A grid whose local explanations, if any, take the default neighbourhood. */
    public ExperimentGrid(List<Integer> depths, List<Integer> widths, Activation activation, List<Long> trainingSeeds,
                          List<Double> shrinks, List<Method> methods, List<LabelledChoice> clusterings,
                          List<LabelledChoice> aggregations, Training training, int localRows, double holdout,
                          Finetuning finetune) {
        this(depths, widths, activation, trainingSeeds, shrinks, methods, clusterings, aggregations, training, localRows,
                holdout, finetune, null);
    }

    /** A grid without held-out rows or fine-tuning. */
    public ExperimentGrid(List<Integer> depths, List<Integer> widths, Activation activation, List<Long> trainingSeeds,
                          List<Double> shrinks, List<Method> methods, List<LabelledChoice> clusterings,
                          List<LabelledChoice> aggregations, Training training, int localRows) {
        this(depths, widths, activation, trainingSeeds, shrinks, methods, clusterings, aggregations, training, localRows,
                0, null);
    }

    /** A grid that trains nothing: the compressions of an experiment on loaded models. */
    public static ExperimentGrid forLoadedModels(List<Double> shrinks, List<Method> methods, List<LabelledChoice> clusterings,
                                                 List<LabelledChoice> aggregations, int localRows, double holdout,
                                                 Finetuning finetune) {
        return new ExperimentGrid(List.of(), List.of(), null, List.of(), shrinks, methods, clusterings, aggregations, null,
                localRows, holdout, finetune);
    }

    /**
     * The neighbourhood of local explanations over {@code rows} data rows: the spec's, or the default
     * by the data's size.
     */
    public LocalSpec.Neighbourhood localNeighbourhood(int rows) {
        return localNeighbourhood != null ? localNeighbourhood : LocalSpec.Neighbourhood.byDefault(rows);
    }

    /** Whether the grid trains its models (else they are loaded: {@link ExperimentSpec#models()}). */
    public boolean trains() {
        return !depths.isEmpty();
    }

    /** The cells in run order: depth, then width, then training seed, each in spec order; none when the models are loaded. */
    public List<Cell> cells() {
        List<Cell> out = new ArrayList<>();
        for (int depth : depths) {
            for (int width : widths) {
                for (long seed : trainingSeeds) {
                    out.add(new Cell(depth, width, seed));
                }
            }
        }
        return out;
    }

    /** The comparison settings: clustering, then aggregation, then shrink, each in spec order. */
    public List<Setting> settings() {
        List<Setting> out = new ArrayList<>();
        for (LabelledChoice clustering : clusterings) {
            for (LabelledChoice aggregation : aggregations) {
                for (double shrink : shrinks) {
                    out.add(new Setting(clustering, aggregation, shrink));
                }
            }
        }
        return out;
    }

    /**
     * The compressions of every cell: per setting, each method in spec order (so pairs sit
     * together), then the fine-tuned ones of that setting, in method order.
     */
    public List<Variant> variants() {
        List<Variant> out = new ArrayList<>();
        for (Setting setting : settings()) {
            for (Method method : methods) {
                out.add(new Variant(setting, method));
            }
            for (Method method : methods) {
                if (finetune != null && finetune.applies(method, setting.aggregation())) {
                    out.add(new Variant(setting, method, true));
                }
            }
        }
        return out;
    }

    /** The budgets (clustering × shrink, in spec order): each groups the variants compared at identical counts. */
    public List<Budget> budgets() {
        List<Budget> out = new ArrayList<>();
        for (LabelledChoice clustering : clusterings) {
            for (double shrink : shrinks) {
                out.add(new Budget(clustering, shrink));
            }
        }
        return out;
    }

    /**
     * Whether every cell explains {@code localRows} rows locally with {@code variant}: only when
     * {@code localRows > 0}, and only the SpArX/ILLC comparison, the unfine-tuned global and illc
     * compressions with the {@code average} aggregation plugin (any label), which bounds the run time.
     */
    public boolean explainedLocally(Variant variant) {
        return localRows > 0 && !variant.finetuned() && isLocalSetting(variant.setting())
                && (variant.method() == Method.GLOBAL || variant.method() == Method.ILLC);
    }

    /** The settings of the variants {@link #explainedLocally explained locally}, in {@link #settings()} order. */
    public List<Setting> localSettings() {
        return localRows == 0 ? List.of() : settings().stream().filter(ExperimentGrid::isLocalSetting).toList();
    }

    private static boolean isLocalSetting(Setting setting) {
        return setting.aggregation().name().equals("average");
    }

    /** The variants of one budget, in {@link #variants()} order. */
    public List<Variant> variants(Budget budget) {
        return variants().stream().filter(v -> v.setting().clustering().equals(budget.clustering())
                && v.setting().shrink() == budget.shrink()).toList();
    }

    /** The training recipe of a cell: {@code [width] × depth} hidden neurons of the grid's activation. */
    public TrainSpec trainSpec(Cell cell) {
        return new TrainSpec(Collections.nCopies(cell.depth(), cell.width()), activation, training.epochs(),
                training.batchSize(), training.learningRate(), training.testFraction(), training.output());
    }
}
