package io.illc.experiments;

import io.illc.core.pipeline.EvaluateStage;
import io.illc.core.spec.CompressionSpec.Method;
import io.illc.experiments.CellResult.Outcome;
import io.illc.experiments.ExperimentGrid.Architecture;
import io.illc.experiments.ExperimentGrid.Budget;
import io.illc.experiments.ExperimentGrid.Cell;
import io.illc.experiments.ExperimentGrid.Variant;
import io.illc.experiments.RatioStatistics.Interval;
import io.illc.experiments.RatioStatistics.Wilcoxon;
import io.illc.experiments.RatioStatistics.WinsLosses;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Every variant against SpArX global at identical cluster counts, over every model of the grid: the
 * report's headline, its goals and its compact per-architecture tables, and the run's summary lines.
 *
 * <p>SpArX is the global compression with the aggregation plugin named {@code average}, not
 * fine-tuned, in the same budget (clustering and shrink). For io- and structural unfaithfulness
 * (lower is better) a variant is summarised by {@link RatioStatistics#ratioOfMeans the ratio of
 * means} and {@link RatioStatistics#geometricMeanRatio the geometric mean of per-model ratios}, each
 * with a {@link RatioStatistics#bootstrap percentile bootstrap} 95 % interval ({@value
 * RatioStatistics#BOOTSTRAP_RESAMPLES} resamples of the models, seeded by the experiment's seed),
 * the models it won and lost, and a paired Wilcoxon signed-rank p-value; agreement and sign
 * agreement by their mean over the models. Immutable.
 */
final class SparxComparison {
    static final double IO_GOAL = 0.1;
    static final double IO_EVERY_MODEL_GOAL = 0.2;
    static final double STRUCTURAL_GOAL = 0.8;
    static final double AGREEMENT_GOAL = 0.995;
    private static final String BASELINE_AGGREGATION = "average";

    private final ExperimentSpec spec;
    private final Map<Cell, CellResult> byCell = new HashMap<>();
    /** Every model, in run order. */
    private final List<Cell> cells;
    private final List<Architecture> architectures;
    /** The headline's metrics by role; absent when the spec does not measure it. */
    private final Optional<String> io;
    private final Optional<String> structural;
    private final Optional<String> agreement;
    private final Optional<String> signAgreement;

    SparxComparison(ExperimentSpec spec, List<CellResult> results) {
        this.spec = spec;
        results.forEach(c -> byCell.put(c.cell(), c));
        this.cells = spec.grid().trains() ? spec.grid().cells() : results.stream().map(CellResult::cell).toList();
        this.architectures = Architecture.of(cells);
        this.io = label("io-unfaithfulness");
        this.structural = label("structural-unfaithfulness");
        this.agreement = label("agreement");
        this.signAgreement = label("sign-agreement");
    }

    /**
     * One variant against SpArX on one lower-is-better measure, over the models.
     *
     * @param ratioOfMeans    {@code mean(variant) / mean(SpArX)}
     * @param ratioCi         its bootstrap 95 % interval
     * @param geometricMean   {@code exp(mean(ln(variant / SpArX)))} over the models where both are positive
     * @param geometricCi     its bootstrap 95 % interval
     * @param positive        how many models the geometric mean is over
     * @param worstRatio      the largest per-model ratio (over the models where SpArX is positive)
     * @param winsLosses      models where the variant is lower (wins) or higher (losses) than SpArX
     * @param wilcoxon        the paired signed-rank test
     */
    record Ratio(double ratioOfMeans, Interval ratioCi, double geometricMean, Interval geometricCi, int positive,
                 double worstRatio, WinsLosses winsLosses, Wilcoxon wilcoxon) {
        static Ratio of(double[] x, double[] base, long seed) {
            double worst = Double.NaN;
            for (int i = 0; i < x.length; i++) {
                if (base[i] > 0 && !Double.isNaN(x[i])) {
                    worst = Double.isNaN(worst) ? x[i] / base[i] : Math.max(worst, x[i] / base[i]);
                }
            }
            return new Ratio(RatioStatistics.ratioOfMeans(x, base),
                    RatioStatistics.bootstrap(x, base, RatioStatistics::ratioOfMeans, RatioStatistics.BOOTSTRAP_RESAMPLES, seed),
                    RatioStatistics.geometricMeanRatio(x, base),
                    RatioStatistics.bootstrap(x, base, RatioStatistics::geometricMeanRatio, RatioStatistics.BOOTSTRAP_RESAMPLES, seed),
                    RatioStatistics.positivePairs(x, base), worst, RatioStatistics.lowerWins(x, base),
                    RatioStatistics.wilcoxon(x, base));
        }
    }

    /** The baseline of a budget: global with the {@code average} plugin, not fine-tuned; empty when the grid has none. */
    Optional<Variant> baseline(Budget budget) {
        return spec.grid().variants(budget).stream()
                .filter(v -> v.method() == Method.GLOBAL && !v.finetuned()
                        && v.setting().aggregation().name().equals(BASELINE_AGGREGATION))
                .findFirst();
    }

    /** {@code variant} against SpArX on the metric labelled {@code label} over every model; empty without a baseline. */
    Optional<Ratio> ratio(Budget budget, Variant variant, String label) {
        return ratio(budget, variant, o -> o.metric(label).value());
    }

    /** {@code variant} against SpArX on a lower-is-better measure over every model; empty without a baseline. */
    Optional<Ratio> ratio(Budget budget, Variant variant, ToDoubleFunction<Outcome> measure) {
        return baseline(budget).map(b -> Ratio.of(values(cells, variant, measure), values(cells, b, measure), spec.seed()));
    }

    // ---- Markdown ----

    /** The opening paragraph and the headline tables: held-out rows (or all rows), then in-sample rows. */
    String headline() {
        StringBuilder md = new StringBuilder();
        int n = cells.size();
        md.append("Every method against **SpArX global** (global clustering, `average` aggregation) at identical cluster"
                + " counts (the same clustering and shrink: the same Ω = Π k_l), over all ").append(n)
                .append(spec.grid().trains() ? " trained models" : " loaded models").append(". A ratio below 1 means lower")
                .append(" (better) than SpArX. **ratio of means** = mean over models of the method ÷ mean of SpArX;")
                .append(" **geometric mean** = exp(mean ln(method ÷ SpArX)) over the models; [95 % CI]: percentile bootstrap")
                .append(" over models; **W/L**: models where the method is lower / higher than SpArX; **p**: paired Wilcoxon")
                .append(" signed-rank test, two-sided. See [How the statistics are computed](#how-the-statistics-are-computed).")
                .append(" The per-model numbers are in `results.csv`.\n\n");
        if (spec.grid().holdout() > 0) {
            md.append("## Headline: held-out rows\n\nMeasured on the ").append(percent0(spec.grid().holdout()))
                    .append(" of the rows that no compression saw (clustering, merging, refitting and fine-tuning use the"
                            + " others).\n\n");
            headlineTable(md, "");
            md.append("## Headline: in-sample rows\n\nMeasured on the rows the compressions were fitted on.\n\n");
            headlineTable(md, EvaluateStage.IN_SAMPLE);
        } else {
            md.append("## Headline\n\nEvery metric is measured on all rows, the ones the compressions were fitted on.\n\n");
            headlineTable(md, "");
        }
        return md.toString();
    }

    private void headlineTable(StringBuilder md, String suffix) {
        if (io.isEmpty() && structural.isEmpty() && agreement.isEmpty() && signAgreement.isEmpty()) {
            md.append("None of io-unfaithfulness, structural-unfaithfulness, agreement or sign-agreement was measured.\n\n");
            return;
        }
        md.append("| budget | method |");
        io.ifPresent(l -> md.append(" io: ratio of means [95 % CI] | io: geometric mean [95 % CI] | io: W/L, p |"));
        structural.ifPresent(l -> md.append(" structural: ratio of means [95 % CI] | structural: geometric mean [95 % CI] |"
                + " structural: W/L, p |"));
        agreement.ifPresent(l -> md.append(" agreement |"));
        signAgreement.ifPresent(l -> md.append(" sign agreement |"));
        md.append("\n|---|---|");
        io.ifPresent(l -> md.append("---|---|---|"));
        structural.ifPresent(l -> md.append("---|---|---|"));
        agreement.ifPresent(l -> md.append("---|"));
        signAgreement.ifPresent(l -> md.append("---|"));
        md.append('\n');
        for (Budget budget : spec.grid().budgets()) {
            Optional<Variant> baseline = baseline(budget);
            for (Variant v : spec.grid().variants(budget)) {
                boolean isBaseline = baseline.isPresent() && baseline.get().equals(v);
                md.append("| ").append(budget.describe()).append(" | ").append(name(v, isBaseline)).append(" |");
                for (Optional<String> ratioMetric : List.of(io, structural)) {
                    if (ratioMetric.isEmpty()) {
                        continue;
                    }
                    if (isBaseline) {
                        md.append(" 1 | 1 | – |");
                    } else if (baseline.isEmpty()) {
                        md.append(" – | – | – |");
                    } else {
                        Ratio r = ratio(budget, v, ratioMetric.get() + suffix).orElseThrow();
                        md.append(' ').append(withCi(r.ratioOfMeans(), r.ratioCi())).append(" | ")
                                .append(withCi(r.geometricMean(), r.geometricCi()))
                                .append(r.positive() < cells.size() ? " (" + r.positive() + " models)" : "").append(" | ")
                                .append(r.winsLosses().wins()).append('/').append(r.winsLosses().losses()).append(", ")
                                .append(pValue(r.wilcoxon())).append(" |");
                    }
                }
                for (Optional<String> share : List.of(agreement, signAgreement)) {
                    share.ifPresent(l -> md.append(' ').append(percent2(Statistics.mean(values(cells, v, l + suffix)))).append(" |"));
                }
                md.append('\n');
            }
        }
        md.append('\n');
    }

    /**
     * The goals of issue 19 on the held-out rows (all rows without a holdout): io-unfaithfulness at
     * most {@value #IO_GOAL} × SpArX (ratio of means) and below {@value #IO_EVERY_MODEL_GOAL} × in every
     * model, structural unfaithfulness at most {@value #STRUCTURAL_GOAL} × SpArX, agreement at least
     * {@value #AGREEMENT_GOAL}; sign agreement (with the plain average aggregation) is in the headline.
     */
    String goals() {
        StringBuilder md = new StringBuilder("## Goals\n\nAgainst SpArX global in the same budget, on the ")
                .append(spec.grid().holdout() > 0 ? "held-out rows" : "rows measured").append(": io-unfaithfulness ≤ ")
                .append(plain(IO_GOAL)).append(" × (ratio of means) and < ").append(plain(IO_EVERY_MODEL_GOAL))
                .append(" × in every model; structural unfaithfulness ≤ ").append(plain(STRUCTURAL_GOAL))
                .append(" × (ratio of means); agreement ≥ ").append(percent2(AGREEMENT_GOAL))
                .append(" (mean over models). Sign agreement with the plain average aggregation is reported in the"
                        + " headline.\n\n");
        if (io.isEmpty() && structural.isEmpty() && agreement.isEmpty()) {
            return md.append("None of the goals' metrics was measured.\n\n").toString();
        }
        md.append("| budget | method |");
        io.ifPresent(l -> md.append(" io ≤ ").append(plain(IO_GOAL)).append(" × | every model io < ")
                .append(plain(IO_EVERY_MODEL_GOAL)).append(" × |"));
        structural.ifPresent(l -> md.append(" structural ≤ ").append(plain(STRUCTURAL_GOAL)).append(" × |"));
        agreement.ifPresent(l -> md.append(" agreement ≥ ").append(percent2(AGREEMENT_GOAL)).append(" |"));
        md.append("\n|---|---|").append(io.isPresent() ? "---|---|" : "").append(structural.isPresent() ? "---|" : "")
                .append(agreement.isPresent() ? "---|" : "").append('\n');
        for (Budget budget : spec.grid().budgets()) {
            Optional<Variant> baseline = baseline(budget);
            for (Variant v : spec.grid().variants(budget)) {
                if (baseline.isPresent() && baseline.get().equals(v)) {
                    continue;
                }
                md.append("| ").append(budget.describe()).append(" | ").append(v.label()).append(" |");
                io.ifPresent(l -> {
                    Optional<Ratio> r = ratio(budget, v, l);
                    md.append(' ').append(r.map(x -> ratioGoal(x.ratioOfMeans(), IO_GOAL)).orElse("no baseline")).append(" | ")
                            .append(r.map(x -> everyModel(budget, v, l)).orElse("no baseline")).append(" |");
                });
                structural.ifPresent(l -> md.append(' ')
                        .append(ratio(budget, v, l).map(x -> ratioGoal(x.ratioOfMeans(), STRUCTURAL_GOAL)).orElse("no baseline"))
                        .append(" |"));
                agreement.ifPresent(l -> {
                    double mean = Statistics.mean(values(cells, v, l));
                    md.append(' ').append(percent2(mean)).append(": ").append(Double.isNaN(mean) ? "undefined"
                            : mean >= AGREEMENT_GOAL ? "met" : String.format(Locale.ROOT, "%.2f points short",
                            100 * (AGREEMENT_GOAL - mean))).append(" |");
                });
                md.append('\n');
            }
        }
        return md.append('\n').toString();
    }

    /** {@code 0.34: missed, 3.4 × the goal} or {@code 0.08: met}. */
    private static String ratioGoal(double ratio, double goal) {
        if (Double.isNaN(ratio)) {
            return "undefined";
        }
        return Statistics.number(ratio) + ": " + (ratio <= goal ? "met"
                : "missed, " + String.format(Locale.ROOT, "%.1f", ratio / goal) + " × the goal");
    }

    /** {@code 12/27 models (worst 0.61)}: the models whose io ratio is below the every-model goal. */
    private String everyModel(Budget budget, Variant v, String label) {
        double[] x = values(cells, v, label);
        double[] base = values(cells, baseline(budget).orElseThrow(), label);
        int below = 0;
        int defined = 0;
        double worst = Double.NaN;
        for (int i = 0; i < x.length; i++) {
            if (base[i] > 0 && !Double.isNaN(x[i])) {
                double r = x[i] / base[i];
                defined++;
                below += r < IO_EVERY_MODEL_GOAL ? 1 : 0;
                worst = Double.isNaN(worst) ? r : Math.max(worst, r);
            }
        }
        return below + "/" + defined + " models (worst " + Statistics.number(worst) + ")"
                + (defined > 0 && below == defined ? ": met" : "");
    }

    /** One compact table per architecture: mean over its models of the key metrics, and the ratio of means to SpArX. */
    String perArchitecture() {
        StringBuilder md = new StringBuilder("## Per architecture\n\n");
        md.append(spec.grid().trains() ? "Means over the training seeds " + spec.grid().trainingSeeds() : "One loaded model each")
                .append(spec.grid().holdout() > 0 ? ", on the held-out rows" : "")
                .append("; `÷ SpArX`: ratio of means to SpArX global of the same budget over the same models. Every other"
                        + " measure, in-sample values and each model's numbers are in `results.csv`.\n\n");
        for (Architecture a : architectures) {
            md.append("### ").append(a.describe()).append("\n\n| budget | method | k |");
            io.ifPresent(l -> md.append(" io | io ÷ SpArX |"));
            structural.ifPresent(l -> md.append(" structural | structural ÷ SpArX |"));
            agreement.ifPresent(l -> md.append(" agreement |"));
            signAgreement.ifPresent(l -> md.append(" sign agreement |"));
            md.append("\n|---|---|---|").append(io.isPresent() ? "---|---|" : "").append(structural.isPresent() ? "---|---|" : "")
                    .append(agreement.isPresent() ? "---|" : "").append(signAgreement.isPresent() ? "---|" : "").append('\n');
            for (Budget budget : spec.grid().budgets()) {
                Optional<Variant> baseline = baseline(budget);
                for (Variant v : spec.grid().variants(budget)) {
                    md.append("| ").append(budget.describe()).append(" | ")
                            .append(name(v, baseline.isPresent() && baseline.get().equals(v))).append(" | ")
                            .append(clusters(a.cells().stream().map(c -> byCell.get(c).outcome(v)).toList())).append(" |");
                    for (Optional<String> metric : List.of(io, structural)) {
                        metric.ifPresent(l -> {
                            double[] x = values(a.cells(), v, l);
                            md.append(' ').append(Statistics.number(Statistics.mean(x))).append(" | ")
                                    .append(baseline.map(b -> Statistics.number(RatioStatistics.ratioOfMeans(x, values(a.cells(), b, l))))
                                            .orElse("–")).append(" |");
                        });
                    }
                    for (Optional<String> share : List.of(agreement, signAgreement)) {
                        share.ifPresent(l -> md.append(' ').append(percent2(Statistics.mean(values(a.cells(), v, l)))).append(" |"));
                    }
                    md.append('\n');
                }
            }
            md.append('\n');
        }
        return md.toString();
    }

    /**
     * The run's summary: per budget, one line per variant against SpArX on the headline metrics (held-out
     * rows with a holdout); one line saying why when there is nothing to compare.
     */
    List<String> summary() {
        List<String> out = new ArrayList<>();
        for (Budget budget : spec.grid().budgets()) {
            Optional<Variant> baseline = baseline(budget);
            if (baseline.isEmpty()) {
                out.add(budget.describe() + ": no SpArX baseline (global with the average aggregation), so no ratios");
                continue;
            }
            for (Variant v : spec.grid().variants(budget)) {
                if (v.equals(baseline.get())) {
                    continue;
                }
                List<String> parts = new ArrayList<>();
                io.flatMap(l -> ratio(budget, v, l)).ifPresent(r -> parts.add("io " + withCi(r.ratioOfMeans(), r.ratioCi())
                        + " (" + r.winsLosses().wins() + "/" + r.winsLosses().losses() + ", " + pValue(r.wilcoxon()) + ")"));
                structural.flatMap(l -> ratio(budget, v, l)).ifPresent(r -> parts.add("structural "
                        + withCi(r.ratioOfMeans(), r.ratioCi())));
                agreement.ifPresent(l -> parts.add("agreement " + percent2(Statistics.mean(values(cells, v, l)))
                        + " (SpArX " + percent2(Statistics.mean(values(cells, baseline.get(), l))) + ")"));
                out.add(budget.describe() + ", " + v.label() + " vs SpArX global over " + cells.size() + " models"
                        + (spec.grid().holdout() > 0 ? ", held-out rows" : "") + ": "
                        + (parts.isEmpty() ? "no headline metric measured" : String.join("; ", parts)));
            }
        }
        return out;
    }

    // ---- numbers ----

    /** The value of {@code label} for {@code v} in each of {@code of}, in order. */
    double[] values(List<Cell> of, Variant v, String label) {
        return values(of, v, o -> o.metric(label).value());
    }

    private double[] values(List<Cell> of, Variant v, ToDoubleFunction<Outcome> measure) {
        return of.stream().mapToDouble(c -> measure.applyAsDouble(byCell.get(c).outcome(v))).toArray();
    }

    private Optional<String> label(String plugin) {
        return spec.metrics().stream().filter(m -> m.name().equals(plugin)).map(LabelledChoice::label).findFirst();
    }

    private static String name(Variant v, boolean baseline) {
        return baseline ? v.label() + " (SpArX)" : v.label();
    }

    /** {@code 0.3421 [0.3012, 0.3890]}. */
    static String withCi(double value, Interval ci) {
        return Statistics.number(value) + " [" + Statistics.number(ci.low()) + ", " + Statistics.number(ci.high()) + "]";
    }

    /** {@code p = 3.1e-05 (normal)}, {@code p = 0.1875 (exact)}, {@code no model differs}. */
    static String pValue(Wilcoxon w) {
        if (w.n() == 0) {
            return "no model differs";
        }
        return "p = " + String.format(Locale.ROOT, "%.2g", w.p()) + (w.exact() ? " (exact)" : " (normal)");
    }

    /** The cluster counts, {@code 20×5} when every layer and model has the same count. */
    static String clusters(List<Outcome> outcomes) {
        List<List<Integer>> distinct = outcomes.stream().map(Outcome::clusters).distinct().toList();
        if (distinct.size() == 1) {
            List<Integer> k = distinct.get(0);
            return k.stream().distinct().count() == 1 ? k.get(0) + "×" + k.size() : k.toString();
        }
        return "varies";
    }

    /** A goal's threshold as written in the issue: {@code 0.1}, {@code 0.8}. */
    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String percent2(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }

    private static String percent0(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * fraction);
    }

    /** The per-model io of a variant and of SpArX, for the figure. */
    double[][] ioPairs(Budget budget, Variant v) {
        Variant b = baseline(budget).orElseThrow();
        String l = io.orElseThrow();
        return new double[][]{values(cells, v, l), values(cells, b, l)};
    }

    /** The io-unfaithfulness label, when measured. */
    Optional<String> ioLabel() {
        return io;
    }
}
