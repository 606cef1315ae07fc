package io.illc.experiments;

import io.illc.core.data.Dataset;
import io.illc.core.spec.CompressionSpec.Method;
import io.illc.core.spec.DataSpec;
import io.illc.experiments.CellResult.Outcome;
import io.illc.experiments.ExperimentGrid.Architecture;
import io.illc.experiments.ExperimentGrid.Cell;
import io.illc.experiments.ExperimentGrid.Setting;
import io.illc.experiments.ExperimentGrid.Variant;
import io.illc.experiments.Measure.Direction;
import io.illc.experiments.Statistics.Winner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code report.md}, to be read in a minute: the headline (every method against SpArX global at
 * identical cluster counts over every model, held-out and in-sample: {@link SparxComparison}), the
 * goals, the local explanations (the Table 2 analogue), one compact table per architecture, the one
 * figure ({@link ExperimentFigures#ioChart}), how the statistics are computed, then the setup, the
 * models and the timings. Per-model numbers are in {@code results.csv}, not here. It states what was
 * measured and claims nothing beyond it. Immutable.
 *
 * <p>In an experiment on loaded models every model is an architecture of its own, with a single
 * "seed": the tables have a row per model instead of depth × width.
 */
public final class ExperimentReport {
    private final ExperimentSpec spec;
    private final Dataset data;
    /** The local measures ({@link Measure#local}); empty when {@code localRows} is 0. */
    private final List<Measure> localMeasures;
    private final Map<Cell, CellResult> byCell = new HashMap<>();
    /** Every cell in run order. */
    private final List<Cell> cells;
    /** The cells grouped per architecture (a loaded model is one), in run order. */
    private final List<Architecture> architectures;
    /** The per-layer figures (Figure 2 analogues), by path relative to the output folder. */
    private final List<String> figures;
    /** The io figure's path, or null when none was drawn. */
    private final String ioFigure;
    private final boolean paired;
    private final SparxComparison comparison;

    /**
     * @param cells    every cell of the grid (of an experiment on loaded models: every model's, in spec order)
     * @param figures  the per-layer figures in the folder, by path relative to it
     * @param ioFigure the path of {@link ExperimentFigures#IO_FIGURE} when it was drawn
     */
    public ExperimentReport(ExperimentSpec spec, Dataset data, List<CellResult> cells, List<String> figures,
                            Optional<String> ioFigure) {
        this.spec = spec;
        this.data = data;
        this.localMeasures = Measure.local(spec);
        cells.forEach(c -> byCell.put(c.cell(), c));
        this.figures = List.copyOf(figures);
        this.ioFigure = ioFigure.orElse(null);
        this.paired = spec.grid().methods().containsAll(List.of(Method.GLOBAL, Method.ILLC));
        this.cells = spec.grid().trains() ? spec.grid().cells() : cells.stream().map(CellResult::cell).toList();
        for (Cell c : this.cells) {
            if (!byCell.containsKey(c)) {
                throw new IllegalArgumentException("cell " + c.id() + " has no results; the report needs every cell");
            }
        }
        this.architectures = Architecture.of(this.cells);
        this.comparison = new SparxComparison(spec, cells);
    }

    /** The report as Markdown. */
    public String markdown() {
        StringBuilder md = new StringBuilder("# Experiment report\n\n");
        md.append(comparison.headline());
        md.append(comparison.goals());
        local(md);
        md.append(comparison.perArchitecture());
        figure(md);
        statisticsNotes(md);
        setup(md);
        models(md);
        timings(md);
        return md.toString();
    }

    /** One line per budget and method against SpArX global on the headline metrics. */
    public List<String> summary() {
        return comparison.summary();
    }

    // ---- sections ----

    private void setup(StringBuilder md) {
        md.append("## Setup\n\n");
        ExperimentGrid g = spec.grid();
        String dataName = spec.data() instanceof DataSpec.Builtin b ? "built-in " + b.name() : data.name();
        md.append("**Data:** ").append(dataName).append(", ").append(data.rows()).append(" rows, ")
                .append(data.features().cols()).append(" features (sha256 `").append(data.sha256()).append("`).\n\n");
        if (!g.trains()) {
            md.append("**Models:** ").append(cells.size()).append(" loaded, not trained (`model.load`):");
            for (int i = 0; i < cells.size(); i++) {
                Cell c = cells.get(i);
                md.append(i == 0 ? " " : "; ").append('`').append(c.id()).append("` (hidden ").append(c.hidden())
                        .append(", sha256 `").append(byCell.get(c).modelKey(), 0, 12).append("…`)");
            }
            md.append(".\n\n");
        } else {
            md.append("**Models:** ").append(g.depths().size() * g.widths().size()).append(" architectures (hidden layers ")
                    .append(g.depths()).append(" × neurons ").append(g.widths()).append(", ").append(g.activation().jsonName())
                    .append(") × training seeds ").append(g.trainingSeeds()).append(" = ").append(g.cells().size())
                    .append(" models, each trained once: ").append(g.training().epochs()).append(" epochs, batches of ")
                    .append(g.training().batchSize()).append(", Adam ").append(g.training().learningRate()).append(", ")
                    .append(percentOf(g.training().testFraction())).append(" of the rows held out for the test accuracy, ")
                    .append(g.training().output().jsonName()).append(" output.\n\n");
        }
        md.append("**Compressions per model:** methods ")
                .append(g.methods().stream().map(Method::jsonName).collect(Collectors.joining(", ")))
                .append(" × clusterings ").append(labels(g.clusterings())).append(" × aggregations ")
                .append(labels(g.aggregations())).append(" × shrinks ").append(g.shrinks())
                .append(g.trains() ? ", every one on the same trained model" : ", every one on the same loaded model")
                .append("; clustering seed ").append(spec.seed()).append(". ");
        if (g.finetune() != null) {
            var f = g.finetune().params();
            md.append("Fine-tuned as well: the compressions of methods ")
                    .append(g.finetune().methods().stream().map(Method::jsonName).collect(Collectors.joining(", ")))
                    .append(" with aggregations ").append(String.join(", ", g.finetune().aggregations()))
                    .append(" (at most ").append(f.epochs()).append(" epochs, Adam ").append(f.learningRate())
                    .append(" with cosine decay, batches of ").append(f.batchSize()).append(", structural weight ")
                    .append(f.structuralWeight()).append(", ").append(f.outputLoss().jsonName())
                    .append(" output loss, patience ").append(f.patience()).append(", ")
                    .append(percentOf(f.validation())).append(" of the fitting rows for validation")
                    .append(transfer(f.transfer())).append("). ");
        }
        if (g.holdout() > 0) {
            md.append("A seeded ").append(percentOf(g.holdout())).append(" of the ").append(data.rows())
                    .append(" rows is held out: clustering, merging and fine-tuning use the others, the metrics are"
                            + " measured on the held-out rows and, marked `(in-sample)`, on the fitting rows.\n\n");
        } else {
            md.append("Clustering, merging, fine-tuning and every metric use all ").append(data.rows()).append(" rows.\n\n");
        }
        processors(md);
        md.append("| label | plugin | parameters |\n|---|---|---|\n");
        List<LabelledChoice> plugins = new ArrayList<>(g.clusterings());
        plugins.addAll(g.aggregations());
        plugins.addAll(spec.metrics());
        for (LabelledChoice c : plugins) {
            md.append("| ").append(c.label()).append(" | ").append(c.plugin().kind().label()).append(" `").append(c.name())
                    .append("` | ").append(c.plugin().params().asMap().isEmpty() ? "none" : c.plugin().params().asMap().entrySet()
                            .stream().map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        md.append('\n');
    }

    /**
     * Where the cells were computed, when their files say: OpenBLAS chooses its kernels by the
     * processor, and other kernels move the last bits of every result (and training amplifies them).
     */
    private void processors(StringBuilder md) {
        Map<String, Long> counts = cells.stream().map(c -> byCell.get(c).processor()).filter(p -> !p.isEmpty())
                .collect(Collectors.groupingBy(p -> p, TreeMap::new, Collectors.counting()));
        if (counts.isEmpty()) {
            return;
        }
        md.append("**Computed on:** ").append(counts.entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue() + (e.getValue() == 1 ? " cell)" : " cells)"))
                .collect(Collectors.joining("; ")));
        if (counts.size() > 1) {
            md.append(". Cells computed with other OpenBLAS kernels differ in their last bits, and models trained"
                    + " with them can differ more (docs/architecture.md, \"Determinism and seeds\")");
        }
        md.append(".\n\n");
    }

    /**
     * With {@code localRows} &gt; 0: ILLC against SpArX on the local metrics' means over the explained
     * rows, and the Table 2 analogue (rows depth × measure × method, columns width), for the settings
     * explained locally; or why there is none.
     */
    private void local(StringBuilder md) {
        if (spec.grid().localRows() == 0) {
            return;
        }
        md.append("## Local explanations\n\n");
        List<Setting> settings = spec.grid().localSettings();
        if (settings.isEmpty()) {
            md.append("Not run: no aggregation of the grid is the `average` plugin, and only the global and illc"
                    + " compressions with it are explained locally.\n\n");
            return;
        }
        md.append("Each model explains locally the first ").append(spec.grid().localRows()).append(spec.grid().trains()
                        ? " rows of its test split (the smallest test row indices; fewer when the split is smaller)"
                        : " rows of the data (a loaded model has no test split; fewer when the data has fewer rows)")
                .append(" with the global and illc"
                        + " compressions of the `average` aggregation (not fine-tuned): the neighbourhood is "
                        + neighbourhood() + " with the kernel of Definition 10 (standardized distance, w = 0.1·√m), the compression's clustering, the"
                        + " `local` aggregation with its defaults, the same method, cluster counts and seed. A value is the"
                        + " mean over the explained rows" + (spec.grid().trains()
                        ? "; the Table 2 analogue below gives mean ± sample standard deviation over training seeds" : "")
                        + ". `atInstance`: local-structural-unfaithfulness at the explained row alone.");
        if (paired) {
            md.append(" **Bold**: the better method of the pair, by the means.");
        }
        md.append("\n\n");
        localRatios(md, settings);
        md.append(spec.grid().trains() ? "### Table 2 analogue: mean ± sample standard deviation over training seeds\n\n"
                : "### Table 2 analogue: every loaded model\n\n");
        table(md, localMeasures, settings);
    }

    /** ILLC against SpArX global on every local measure over every model, as in the headline. */
    private void localRatios(StringBuilder md, List<Setting> settings) {
        md.append("| budget | method | measure | mean | ratio of means [95 % CI] | geometric mean [95 % CI] | W/L, p |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (Setting s : settings) {
            ExperimentGrid.Budget budget = new ExperimentGrid.Budget(s.clustering(), s.shrink());
            Optional<Variant> baseline = comparison.baseline(budget);
            for (Method method : spec.grid().methods()) {
                Variant v = new Variant(s, method);
                for (Measure m : localMeasures) {
                    double mean = Statistics.mean(cells.stream().mapToDouble(c -> m.of(byCell.get(c).outcome(v))).toArray());
                    md.append("| ").append(budget.describe()).append(" | ").append(v.label()).append(" | ").append(m.name())
                            .append(" | ").append(Statistics.number(mean)).append(" |");
                    if (baseline.isPresent() && baseline.get().equals(v)) {
                        md.append(" 1 (SpArX) | 1 | – |\n");
                        continue;
                    }
                    Optional<SparxComparison.Ratio> r = comparison.ratio(budget, v, m::of);
                    md.append(r.map(x -> " " + SparxComparison.withCi(x.ratioOfMeans(), x.ratioCi()) + " | "
                            + SparxComparison.withCi(x.geometricMean(), x.geometricCi()) + " | " + x.winsLosses().wins() + "/"
                            + x.winsLosses().losses() + ", " + SparxComparison.pValue(x.wilcoxon()) + " |")
                            .orElse(" – | – | – |")).append('\n');
                }
            }
        }
        md.append('\n');
    }

    /** The neighbourhood of local explanations, in words. */
    private String neighbourhood() {
        var n = spec.grid().localNeighbourhood(data.rows());
        return n.all() || n.sample() >= data.rows() ? "every data row"
                : "a seeded sample of " + n.sample() + " of the " + data.rows() + " data rows (the same for every model;"
                + " the explained row always counts)";
    }

    /** Rows = depth × measure × method, columns = width, one table per setting. */
    private void table(StringBuilder md, List<Measure> measures, List<Setting> settings) {
        for (Measure m : measures) {
            md.append("- `").append(m.name()).append("`: ").append(m.direction().text())
                    .append(m.note().isEmpty() ? "" : "; " + m.note()).append(".\n");
        }
        md.append('\n');
        for (Setting s : settings) {
            List<String> columns = columns();
            md.append("#### ").append(s.describe()).append("\n\n| ").append(rowHeading()).append(" | metric | method |");
            columns.forEach(w -> md.append(w == null ? " value |" : " width " + w + " |"));
            md.append("\n|---|---|---|");
            columns.forEach(w -> md.append("---|"));
            md.append('\n');
            for (String row : rows()) {
                for (Measure m : measures) {
                    for (Method method : spec.grid().methods()) {
                        md.append("| ").append(row).append(" | ").append(m.name()).append(" | ").append(method.jsonName()).append(" |");
                        for (String column : columns) {
                            Architecture a = architecture(row, column);
                            if (a == null) {
                                md.append(" – |");
                                continue;
                            }
                            String text = Statistics.meanStd(values(a, s, method, m));
                            md.append(' ').append(isBetter(a, s, method, m) ? "**" + text + "**" : text).append(" |");
                        }
                        md.append('\n');
                    }
                }
            }
            md.append('\n');
        }
    }

    private void figure(StringBuilder md) {
        md.append("## Figure\n\n");
        if (ioFigure == null) {
            md.append("None: io-unfaithfulness was not measured, or no budget has a SpArX baseline.\n\n");
        } else {
            md.append("Every model's io-unfaithfulness").append(spec.grid().holdout() > 0 ? " on the held-out rows" : "")
                    .append(" under each method (y) against SpArX global's in the same budget (x), log–log; below the"
                            + " grey line y = x the method is lower. Models where either value is 0 are left out.\n\n")
                    .append("![io-unfaithfulness per model against SpArX global](").append(ioFigure).append(")\n\n");
        }
        if (!figures.isEmpty()) {
            md.append("The per-layer figures (analogues of the paper's Figure 2: structural unfaithfulness per layer, its"
                    + " cumulative sum, dead neurons per layer) of ").append(spec.grid().trains()
                            ? "the model of training seed " + spec.grid().trainingSeeds().get(0) + " of each architecture"
                            : "every loaded model").append(" are ").append(figures.size())
                    .append(" PNGs in `figures/`, e.g. [").append(figures.get(0)).append("](").append(figures.get(0))
                    .append(").\n\n");
        }
    }

    private void statisticsNotes(StringBuilder md) {
        md.append("## How the statistics are computed\n\n")
                .append("- A *model* is one ").append(spec.grid().trains() ? "trained network (architecture × training seed)"
                        : "loaded network").append("; every method of a budget compresses the same models, so every"
                        + " comparison is paired by model. SpArX global is `global` with the `average` aggregation, not"
                        + " fine-tuned.\n")
                .append("- **Ratio of means**: Σ method / Σ SpArX over the models. **Geometric mean**: exp of the mean of"
                        + " ln(method / SpArX) over the models where both are positive (the count is given when some are"
                        + " not). Per-model ratios or percentage changes are never averaged arithmetically: a model where"
                        + " SpArX is near 0 would dominate the mean.\n")
                .append("- **95 % CI**: percentile bootstrap over models, B = ").append(RatioStatistics.BOOTSTRAP_RESAMPLES)
                .append(" resamples of the models with replacement (each model keeps its pair of values), from"
                        + " `SplittableRandom` seeded with the experiment's seed (").append(spec.seed())
                .append("); the interval runs from the ⌈0.025·B⌉-th to the ⌈0.975·B⌉-th smallest resampled value.\n")
                .append("- **W/L**: models where the method is lower / higher than SpArX (ties are neither).\n")
                .append("- **p**: two-sided paired Wilcoxon signed-rank test (Apache Commons Math 3"
                        + " `WilcoxonSignedRankTest`) on the models whose values differ; exact for at most ")
                .append(RatioStatistics.WILCOXON_EXACT_LIMIT).append(" such models (`exact`), the normal approximation"
                        + " with continuity correction above (`normal`).\n")
                .append("- **agreement**, **sign agreement**: the mean over the models. Sign agreement is the share of the"
                        + " compressed network's weights whose sign equals that of the plain `average` aggregation on the"
                        + " same partitions.\n\n");
    }

    private void models(StringBuilder md) {
        if (!spec.grid().trains()) {
            md.append("## Models\n\nThe loaded models, as read (not trained here).\n\n| model | file | hidden | sha256 |\n"
                    + "|---|---|---|---|\n");
            for (int i = 0; i < cells.size(); i++) {
                Cell c = cells.get(i);
                md.append("| ").append(c.id()).append(" | ").append(spec.models().files().get(i)).append(" | ")
                        .append(c.hidden()).append(" | `").append(byCell.get(c).modelKey()).append("` |\n");
            }
            md.append('\n');
            return;
        }
        md.append("## Models\n\nAccuracy of each trained (uncompressed) model; training time as measured when it was"
                + " trained.\n\n| depth | width | training seed | train accuracy | test accuracy | training s |\n"
                + "|---|---|---|---|---|---|\n");
        for (Cell c : spec.grid().cells()) {
            CellResult r = byCell.get(c);
            md.append("| ").append(c.depth()).append(" | ").append(c.width()).append(" | ").append(c.trainingSeed())
                    .append(" | ").append(Statistics.number(r.trainAccuracy())).append(" | ")
                    .append(Statistics.number(r.testAccuracy())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", r.trainingSeconds())).append(" |\n");
        }
        md.append('\n');
    }

    private void timings(StringBuilder md) {
        md.append("## Timings\n\n").append(spec.grid().trains() ? "Mean seconds per compression over training seeds"
                : "Seconds per compression").append("; `local` is the compression's local"
                + " explanations (0 when it is not explained locally).\n\n| " + architectureHeading() + " | setting | method |");
        Outcome.STAGES.forEach(s -> md.append(' ').append(s).append(" |"));
        md.append("\n|---|").append(spec.grid().trains() ? "---|" : "").append("---|---|");
        Outcome.STAGES.forEach(s -> md.append("---|"));
        md.append('\n');
        for (Architecture a : architectures) {
            for (Variant v : spec.grid().variants()) {
                md.append("| ").append(architectureCells(a)).append(" | ").append(v.setting().describe())
                        .append(" | ").append(v.method().jsonName()).append(v.finetuned() ? " + finetune" : "").append(" |");
                for (String stage : Outcome.STAGES) {
                    double[] t = a.cells().stream()
                            .mapToDouble(c -> byCell.get(c).outcome(v).timings().getOrDefault(stage, Double.NaN)).toArray();
                    double mean = Statistics.mean(t);
                    // NaN: a stage a stored cell did not time (local before it was part of experiments).
                    md.append(Double.isNaN(mean) ? " – |" : String.format(Locale.ROOT, " %.3f |", mean));
                }
                md.append('\n');
            }
        }
        md.append('\n');
    }

    /** Whether {@code method}'s mean is strictly the better of the pair. */
    private boolean isBetter(Architecture a, Setting s, Method method, Measure m) {
        if (!paired) {
            return false;
        }
        Winner w = winnerOfMeans(a, s, m);
        return (w == Winner.ILLC && method == Method.ILLC) || (w == Winner.GLOBAL && method == Method.GLOBAL);
    }

    private Winner winnerOfMeans(Architecture a, Setting s, Measure m) {
        return Statistics.winner(m.direction(), Statistics.mean(values(a, s, Method.GLOBAL, m)),
                Statistics.mean(values(a, s, Method.ILLC, m)));
    }

    /** The measure over the architecture's cells (its training seeds, in spec order). */
    private double[] values(Architecture a, Setting s, Method method, Measure m) {
        return a.cells().stream().mapToDouble(c -> m.of(outcome(c, s, method))).toArray();
    }

    // ---- layout: depth × width for a trained grid, one row per model for loaded models ----

    /** What Table 1's rows name: the depth, or the loaded model. */
    private String rowHeading() {
        return spec.grid().trains() ? "depth" : "model";
    }

    /** Table 1's rows, in run order. */
    private List<String> rows() {
        return architectures.stream().map(Architecture::row).distinct().toList();
    }

    /** Table 1's columns, in run order: the widths, or a single {@code null} (one value per loaded model). */
    private List<String> columns() {
        return architectures.stream().map(Architecture::column).distinct().toList();
    }

    private Architecture architecture(String row, String column) {
        return architectures.stream().filter(a -> a.row().equals(row) && Objects.equals(a.column(), column))
                .findFirst().orElse(null);
    }

    /** The header cells naming an architecture in a table: {@code depth | width}, or {@code model}. */
    private String architectureHeading() {
        return spec.grid().trains() ? "depth | width" : "model";
    }

    /** The table cells naming {@code a}, matching {@link #architectureHeading()}. */
    private String architectureCells(Architecture a) {
        return a.column() == null ? a.row() : a.row() + " | " + a.column();
    }

    private Outcome outcome(Cell cell, Setting s, Method method) {
        return byCell.get(cell).outcome(new Variant(s, method));
    }

    /** How the fine-tuning's transfer rows are made, as a clause of the fine-tuning's description. */
    static String transfer(io.illc.core.spec.TransferSpec t) {
        if (t == null) {
            return "; no transfer rows";
        }
        String made = t.mixup() > 0 && t.noise() > 0 ? "mixup of two fitting rows (Beta(" + t.mixup() + ", " + t.mixup()
                + ")) plus Gaussian noise of " + t.noise() + " σ"
                : t.mixup() > 0 ? "mixup of two fitting rows (Beta(" + t.mixup() + ", " + t.mixup() + "))"
                : t.noise() > 0 ? "fitting rows plus Gaussian noise of " + t.noise() + " σ" : "copies of fitting rows";
        return "; plus " + t.samples() + " transfer rows labelled by the original network: " + made;
    }

    private static String labels(List<LabelledChoice> choices) {
        return choices.stream().map(LabelledChoice::label).collect(Collectors.joining(", "));
    }

    private static String percentOf(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * fraction);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
