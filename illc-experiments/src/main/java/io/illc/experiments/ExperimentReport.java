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
import io.illc.experiments.Statistics.Paired;
import io.illc.experiments.Statistics.Winner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code report.md}: what was run, a plain-language summary, the Table 1 analogue (mean ± sample
 * standard deviation over training seeds, the better method in bold), the paired comparison per
 * cell, the Table 2 analogue (the same for the local metrics' means over the explained rows), the
 * models' accuracies, timings and the figures. It states what was measured and claims
 * nothing beyond it. Immutable.
 *
 * <p>A <em>comparison</em> is one architecture (depth × width) under one setting, decided on the
 * means over training seeds; a <em>paired run</em> is one trained model under one setting, where
 * global and illc compress the same network. In an experiment on loaded models every model is an
 * architecture of its own, with a single "seed": tables have a row per model instead of depth ×
 * width, and a comparison is a paired run.
 */
public final class ExperimentReport {
    private final ExperimentSpec spec;
    private final Dataset data;
    private final List<Measure> measures;
    /** The local measures ({@link Measure#local}); empty when {@code localRows} is 0. */
    private final List<Measure> localMeasures;
    private final Map<Cell, CellResult> byCell = new HashMap<>();
    /** Every cell in run order. */
    private final List<Cell> cells;
    /** The cells grouped per architecture (a loaded model is one), in run order. */
    private final List<Architecture> architectures;
    private final List<ExperimentFigures.Figure> figures;
    private final boolean paired;

    /**
     * @param cells   every cell of the grid (of an experiment on loaded models: every model's, in spec order)
     * @param figures the figures written, embedded by relative path
     */
    public ExperimentReport(ExperimentSpec spec, Dataset data, List<CellResult> cells, List<ExperimentFigures.Figure> figures) {
        this.spec = spec;
        this.data = data;
        this.measures = Measure.of(spec);
        this.localMeasures = Measure.local(spec);
        cells.forEach(c -> byCell.put(c.cell(), c));
        this.figures = List.copyOf(figures);
        this.paired = spec.grid().methods().containsAll(List.of(Method.GLOBAL, Method.ILLC));
        this.cells = spec.grid().trains() ? spec.grid().cells() : cells.stream().map(CellResult::cell).toList();
        for (Cell c : this.cells) {
            if (!byCell.containsKey(c)) {
                throw new IllegalArgumentException("cell " + c.id() + " has no results; the report needs every cell");
            }
        }
        this.architectures = Architecture.of(this.cells);
    }

    /** The report as Markdown. */
    public String markdown() {
        StringBuilder md = new StringBuilder("# Experiment report\n\n");
        setup(md);
        md.append("## Summary\n\n");
        if (!paired) {
            md.append("Only one method was run, so there is nothing to compare.\n\n");
        } else {
            List<Setting> settings = spec.grid().settings();
            for (Measure m : measures) {
                md.append("- ").append(summaryLine(m, settings, false)).append('\n');
                if (settings.size() > 1 && m.direction() != Direction.NONE) {
                    for (Setting s : settings) {
                        md.append("  - ").append(s.describe()).append(": ").append(summaryLine(m, List.of(s), true)).append('\n');
                    }
                }
            }
            for (Measure m : localMeasures) {
                md.append("- ").append(summaryLine(m, spec.grid().localSettings(), false)).append('\n');
            }
            md.append('\n');
        }
        md.append(new ExperimentGoals(spec, cells.stream().map(byCell::get).toList()).markdown());
        table1(md);
        if (paired) {
            pairedTables(md);
        }
        table2(md);
        models(md);
        timings(md);
        figures(md);
        return md.toString();
    }

    /** One line per measure stating, over all settings, how often ILLC beat global. Empty with one method. */
    public List<String> summary() {
        if (!paired) {
            return List.of("only one method was run, so there is nothing to compare");
        }
        List<String> out = new ArrayList<>(measures.stream().map(m -> summaryLine(m, spec.grid().settings(), false)).toList());
        localMeasures.forEach(m -> out.add(summaryLine(m, spec.grid().localSettings(), false)));
        return out;
    }

    // ---- sections ----

    private void setup(StringBuilder md) {
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
                    .append(f.structuralWeight()).append(", patience ").append(f.patience()).append(", ")
                    .append(percentOf(f.validation())).append(" of the fitting rows for validation). ");
        }
        if (g.holdout() > 0) {
            md.append("A seeded ").append(percentOf(g.holdout())).append(" of the ").append(data.rows())
                    .append(" rows is held out: clustering, merging and fine-tuning use the others, the metrics are"
                            + " measured on the held-out rows and, marked `(in-sample)`, on the fitting rows.\n\n");
        } else {
            md.append("Clustering, merging, fine-tuning and every metric use all ").append(data.rows()).append(" rows.\n\n");
        }
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

    private void table1(StringBuilder md) {
        md.append(spec.grid().trains() ? "## Table 1: mean ± sample standard deviation over training seeds\n\n"
                : "## Table 1: every loaded model\n\n");
        if (spec.grid().trains()) {
            md.append("n = ").append(spec.grid().trainingSeeds().size()).append(" training seed")
                    .append(spec.grid().trainingSeeds().size() == 1 ? " (a single seed has no standard deviation: `(n=1)`)" : "s")
                    .append("; the standard deviation divides by n − 1. ");
        } else {
            md.append("One row per loaded model; each value is that model's (n = 1, so no standard deviation: `(n=1)`). ");
        }
        if (paired) {
            md.append("**Bold**: the better method of the pair (global vs illc at the same "
                    + (spec.grid().trains() ? "depth, width" : "model") + ", metric and"
                    + " setting), by the means; ties and unranked measures are not bold.");
        }
        md.append("\n\n");
        table(md, measures, spec.grid().settings());
    }

    /**
     * Table 2: the local metrics' means over the explained rows, laid out as Table 1, for the
     * settings explained locally; or why there is none.
     */
    private void table2(StringBuilder md) {
        md.append(spec.grid().trains() ? "## Table 2: local metrics, mean ± sample standard deviation over training seeds\n\n"
                : "## Table 2: local metrics of every loaded model\n\n");
        List<Setting> settings = spec.grid().localSettings();
        if (spec.grid().localRows() == 0) {
            md.append("Not run: `localRows` is 0.\n\n");
            return;
        }
        if (settings.isEmpty()) {
            md.append("Not run: no aggregation of the grid is the `average` plugin, and only the global and illc"
                    + " compressions with it are explained locally.\n\n");
            return;
        }
        md.append("Each model explains locally the first ").append(spec.grid().localRows()).append(spec.grid().trains()
                        ? " rows of its test split (the smallest test row indices; fewer when the split is smaller)"
                        : " rows of the data (a loaded model has no test split; fewer when the data has fewer rows)")
                .append(" with the global and illc"
                        + " compressions of the `average` aggregation (not fine-tuned): the neighbourhood is every data row"
                        + " with the default kernel (standardized distance, w = 0.1·√m), the compression's clustering, the"
                        + " `local` aggregation with its defaults, the same method, cluster counts and seed. A value is the"
                        + " mean over the explained rows" + (spec.grid().trains()
                        ? "; then mean ± sample standard deviation over training seeds as in Table 1" : "")
                        + ". `atInstance`: local-structural-unfaithfulness at the explained row alone.");
        if (paired) {
            md.append(" **Bold**: the better method of the pair, by the means.");
        }
        md.append("\n\n");
        table(md, localMeasures, settings);
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
            md.append("### ").append(s.describe()).append("\n\n| ").append(rowHeading()).append(" | metric | method |");
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

    private void pairedTables(StringBuilder md) {
        if (!spec.grid().trains()) {
            md.append("## Paired comparison per model\n\nEach entry: whether ILLC was better than global on the model"
                    + " (`1/1` or `0/1`, both compressing the same loaded model), and the relative change"
                    + " `(global − illc) / global` (positive: ILLC lower; n/a where global is 0). Unranked measures show"
                    + " `–` instead of `k/n`.\n\n");
        } else {
            md.append("## Paired comparison over training seeds\n\n");
            md.append("Each entry: in how many training seeds ILLC was better than global (`k/n`, both compressing the same"
                    + " trained model), and the mean relative change `(global − illc) / global` over those seeds (positive:"
                    + " ILLC lower; seeds where global is 0 are left out of the mean). Unranked measures show `–` instead of"
                    + " `k/n`.\n\n");
        }
        for (Setting s : spec.grid().settings()) {
            md.append("### ").append(s.describe()).append("\n\n| ").append(architectureHeading()).append(" |");
            measures.forEach(m -> md.append(' ').append(m.name()).append(" |"));
            md.append("\n|---|").append(spec.grid().trains() ? "---|" : "");
            measures.forEach(m -> md.append("---|"));
            md.append('\n');
            for (Architecture a : architectures) {
                md.append("| ").append(architectureCells(a)).append(" |");
                for (Measure m : measures) {
                    Paired p = pairedOf(a, s, m);
                    String wins = m.direction() == Direction.NONE ? "–" : p.illcWins() + "/" + p.n();
                    md.append(' ').append(wins).append(", ").append(Statistics.percent(p.meanRelativeChange())).append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
        }
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

    private void figures(StringBuilder md) {
        md.append("## Figures\n\n");
        if (figures.isEmpty()) {
            md.append("None: the spec measures neither structural-unfaithfulness nor dead-neurons.\n");
            return;
        }
        md.append("Analogues of the paper's Figure 2 for ").append(spec.grid().trains()
                        ? "the model of training seed " + spec.grid().trainingSeeds().get(0) + " of each architecture"
                        : "every loaded model").append(": (2a) structural"
                        + " unfaithfulness per layer (`details.perLayer`; \"out\" is the output layer), (2b) its cumulative sum"
                        + " over the layers, (2c) the share of dead neurons per hidden layer in the original and among each"
                        + " compression's cluster-neurons.\n\n");
        String heading = null;
        for (ExperimentFigures.Figure f : figures) {
            String h = f.cell().isLoaded() ? f.cell().id() + ", " + f.setting().describe()
                    : f.cell().depth() + " × " + f.cell().width() + ", " + f.setting().describe() + ", training seed "
                    + f.cell().trainingSeed();
            if (!h.equals(heading)) {
                md.append("### ").append(h).append("\n\n");
                heading = h;
            }
            md.append("![").append(f.kind().panel()).append(": ").append(f.title()).append("](").append(f.path()).append(")\n\n");
        }
    }

    // ---- numbers ----

    /**
     * How global and ILLC compared on {@code m} over {@code settings}; {@code compact} leaves out
     * the measure's name and the verdict, for the per-setting lines under a measure's line.
     */
    private String summaryLine(Measure m, List<Setting> settings, boolean compact) {
        int comparisons = 0;
        int illcBetter = 0;
        int globalBetter = 0;
        int pairs = 0;
        int illcPairs = 0;
        int globalPairs = 0;
        double relativeSum = 0;
        int relativeCount = 0;
        for (Setting s : settings) {
            for (Architecture a : architectures) {
                Winner w = winnerOfMeans(a, s, m);
                if (w != Winner.UNRANKED || m.direction() == Direction.NONE) {
                    comparisons++;
                }
                if (m.direction() == Direction.NONE) {
                    // Unranked: count where the means differ at all.
                    double g = Statistics.mean(values(a, s, Method.GLOBAL, m));
                    double i = Statistics.mean(values(a, s, Method.ILLC, m));
                    illcBetter += g != i ? 1 : 0;
                } else if (w == Winner.ILLC) {
                    illcBetter++;
                } else if (w == Winner.GLOBAL) {
                    globalBetter++;
                }
                Paired p = pairedOf(a, s, m);
                pairs += p.n();
                illcPairs += p.illcWins();
                globalPairs += p.globalWins();
                if (p.relativeCount() > 0) {
                    relativeSum += p.meanRelativeChange() * p.relativeCount();
                    relativeCount += p.relativeCount();
                }
            }
        }
        double meanRelative = relativeCount == 0 ? Double.NaN : relativeSum / relativeCount;
        if (m.direction() == Direction.NONE) {
            String differed = "global and ILLC differed in " + illcBetter + " of " + comparisons + " comparisons"
                    + (illcBetter == 0 ? "" : " (mean relative change (global − illc)/global " + Statistics.percent(meanRelative) + ")");
            return compact ? differed + "." : m.name() + " (not ranked): " + differed + ". " + capitalise(m.note()) + ".";
        }
        String compared = m.direction() == Direction.LOWER_IS_BETTER ? "lower" : "higher";
        String relative = "mean relative change (global − illc)/global " + Statistics.percent(meanRelative);
        if (compact) {
            return "ILLC " + compared + " in " + illcBetter + " of " + comparisons + " comparisons (global in " + globalBetter
                    + ") and " + illcPairs + " of " + pairs + " paired runs (global in " + globalPairs + "); " + relative + ".";
        }
        return m.name() + " (" + m.direction().text() + "): ILLC had " + compared + " " + m.name() + " than global in "
                + illcBetter + " of " + comparisons + " comparisons (global " + compared + " in " + globalBetter + ", equal in "
                + (comparisons - illcBetter - globalBetter) + ") and in " + illcPairs + " of " + pairs
                + " paired runs (global in " + globalPairs + "); " + relative + " over " + relativeCount
                + " paired runs (positive: ILLC lower). " + (spec.grid().trains()
                ? Statistics.signTestVerdict(illcPairs, globalPairs, spec.grid().trainingSeeds().size())
                : Statistics.signTestVerdict(illcPairs, globalPairs, cells.size() + " loaded model" + (cells.size() == 1 ? "" : "s")));
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

    private Paired pairedOf(Architecture a, Setting s, Measure m) {
        return Statistics.paired(m.direction(), values(a, s, Method.GLOBAL, m), values(a, s, Method.ILLC, m));
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
