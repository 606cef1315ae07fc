package io.illc.experiments;

import io.illc.core.spec.CompressionSpec.Method;
import io.illc.experiments.CellResult.Outcome;
import io.illc.experiments.ExperimentGrid.Budget;
import io.illc.experiments.ExperimentGrid.Cell;
import io.illc.experiments.ExperimentGrid.Variant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The report's comparison of every variant with SpArX at identical cluster counts, and the goals of
 * issue 9 stated against the measured numbers:
 * <ul>
 *   <li>io-unfaithfulness at most {@value #IO_RATIO} × SpArX global's;</li>
 *   <li>structural unfaithfulness (every norm measured) at most {@value #STRUCTURAL_RATIO} × SpArX global's;</li>
 *   <li>agreement at least {@value #AGREEMENT};</li>
 *   <li>sign agreement reported, without a goal.</li>
 * </ul>
 * SpArX is the global compression with the aggregation plugin named {@code average}, not fine-tuned,
 * in the same budget (clustering and shrink); the ratios are taken per paired run (the same trained
 * model) and then averaged. Goals are judged on the main metric values: the held-out rows when the
 * grid holds rows out. Immutable.
 */
final class ExperimentGoals {
    static final double IO_RATIO = 0.1;
    static final double STRUCTURAL_RATIO = 0.8;
    static final double AGREEMENT = 0.995;
    private static final String BASELINE_AGGREGATION = "average";

    private final ExperimentSpec spec;
    private final List<Measure> measures;
    private final Map<Cell, CellResult> byCell = new HashMap<>();
    /** The cells grouped per architecture (a loaded model is one), in run order. */
    private final List<ExperimentGrid.Architecture> architectures;
    /** Every cell, in run order. */
    private final List<Cell> cells;

    ExperimentGoals(ExperimentSpec spec, List<CellResult> cells) {
        this.spec = spec;
        this.measures = Measure.of(spec);
        cells.forEach(c -> byCell.put(c.cell(), c));
        this.cells = spec.grid().trains() ? spec.grid().cells() : cells.stream().map(CellResult::cell).toList();
        this.architectures = ExperimentGrid.Architecture.of(this.cells);
    }

    /** The goal of a metric plugin, or empty when it has none. */
    record Goal(Kind kind, double threshold) {
        enum Kind { RATIO_AT_MOST, AT_LEAST, REPORTED }

        static Optional<Goal> of(String pluginName) {
            return switch (pluginName) {
                case "io-unfaithfulness" -> Optional.of(new Goal(Kind.RATIO_AT_MOST, IO_RATIO));
                case "structural-unfaithfulness" -> Optional.of(new Goal(Kind.RATIO_AT_MOST, STRUCTURAL_RATIO));
                case "agreement" -> Optional.of(new Goal(Kind.AT_LEAST, AGREEMENT));
                case "sign-agreement" -> Optional.of(new Goal(Kind.REPORTED, Double.NaN));
                default -> Optional.empty();
            };
        }

        String describe() {
            return switch (kind) {
                case RATIO_AT_MOST -> "≤ " + Statistics.number(threshold) + " × SpArX";
                case AT_LEAST -> "≥ " + percent(threshold);
                case REPORTED -> "reported";
            };
        }
    }

    /** The baseline of a budget: global with the {@code average} plugin, not fine-tuned; empty when the grid has none. */
    Optional<Variant> baseline(Budget budget) {
        return spec.grid().variants(budget).stream()
                .filter(v -> v.method() == Method.GLOBAL && !v.finetuned()
                        && v.setting().aggregation().name().equals(BASELINE_AGGREGATION))
                .findFirst();
    }

    /** Both sections as Markdown. */
    String markdown() {
        StringBuilder md = new StringBuilder();
        comparison(md);
        goals(md);
        return md.toString();
    }

    private void comparison(StringBuilder md) {
        md.append("## Methods at identical cluster counts\n\nEvery variant of a budget (clustering and shrink) asks"
                + " for the same cluster counts k_l, so all of them have the same complexity Ω = Π k_l. Global"
                + " compressions of a budget share one partition; an ILLC flow's partitions depend on its aggregation"
                + " (each layer is clustered on activations through the merged prefix), so `illc+average` and"
                + " `illc+refit` compare at identical counts, not identical partitions; a fine-tuned variant keeps"
                + " the partitions of the compression it started from. " + (spec.grid().trains()
                ? "Mean ± sample standard deviation over training seeds." : "One table per loaded model."));
        if (spec.grid().holdout() > 0) {
            md.append(" Metrics without a suffix are measured on the ").append(percent(spec.grid().holdout()))
                    .append(" held-out rows; `(in-sample)` on the rows the compression was fitted (clustered, merged,"
                            + " refitted, fine-tuned) on.");
        }
        md.append("\n\n");
        for (Budget budget : spec.grid().budgets()) {
            List<Variant> variants = spec.grid().variants(budget);
            for (ExperimentGrid.Architecture a : architectures) {
                md.append("### ").append(budget.describe()).append(", ").append(a.describe())
                        .append("\n\n| variant | k |");
                measures.forEach(m -> md.append(' ').append(m.name()).append(" |"));
                md.append("\n|---|---|");
                measures.forEach(m -> md.append("---|"));
                md.append('\n');
                for (Variant v : variants) {
                    List<Outcome> outcomes = a.cells().stream().map(c -> byCell.get(c).outcome(v)).toList();
                    md.append("| ").append(v.label()).append(" | ").append(clusters(outcomes)).append(" |");
                    for (Measure m : measures) {
                        md.append(' ').append(Statistics.meanStd(outcomes.stream().mapToDouble(m::of).toArray())).append(" |");
                    }
                    md.append('\n');
                }
                md.append('\n');
            }
        }
    }

    private void goals(StringBuilder md) {
        md.append("## Goals against SpArX\n\nThe goals: io-unfaithfulness at most ").append(Statistics.number(IO_RATIO))
                .append(" × SpArX global's, structural unfaithfulness at most ").append(Statistics.number(STRUCTURAL_RATIO))
                .append(" × SpArX global's, agreement at least ").append(percent(AGREEMENT))
                .append(", sign agreement reported. SpArX is `global` with the `average` aggregation in the same budget;"
                        + " a ratio is taken per paired run (the same " + (spec.grid().trains() ? "trained" : "loaded")
                        + " model, variant ÷ SpArX) and the ratios are"
                        + " averaged. \"Runs meeting\" counts the paired runs in which the goal holds.");
        if (spec.grid().holdout() > 0) {
            md.append(" Judged on the held-out rows.");
        }
        md.append("\n\n");
        List<LabelledChoice> goalMetrics = spec.metrics().stream().filter(m -> Goal.of(m.name()).isPresent()).toList();
        if (goalMetrics.isEmpty()) {
            md.append("None of the goals' metrics (io-unfaithfulness, structural-unfaithfulness, agreement, sign-agreement)"
                    + " was measured.\n\n");
            return;
        }
        for (Budget budget : spec.grid().budgets()) {
            md.append("### ").append(budget.describe()).append("\n\n");
            Optional<Variant> baseline = baseline(budget);
            if (baseline.isEmpty()) {
                md.append("No SpArX baseline in this budget (global with the `average` aggregation), so no ratios.\n\n");
                continue;
            }
            md.append("| variant | metric | goal | measured | runs meeting | verdict |\n|---|---|---|---|---|---|\n");
            for (Variant v : spec.grid().variants(budget)) {
                for (LabelledChoice m : goalMetrics) {
                    Goal goal = Goal.of(m.name()).orElseThrow();
                    if (v.equals(baseline.get()) && goal.kind() == Goal.Kind.RATIO_AT_MOST) {
                        continue;
                    }
                    md.append("| ").append(v.label()).append(" | ").append(m.label()).append(" | ").append(goal.describe())
                            .append(" | ").append(line(goal, m.label(), v, baseline.get())).append(" |\n");
                }
            }
            md.append('\n');
        }
    }

    /** {@code measured | runs meeting | verdict} of one variant on one goal metric. */
    private String line(Goal goal, String label, Variant v, Variant baseline) {
        double[] values = all(v, label);
        return switch (goal.kind()) {
            case RATIO_AT_MOST -> {
                double[] base = all(baseline, label);
                List<Double> ratios = new ArrayList<>();
                for (int i = 0; i < values.length; i++) {
                    if (base[i] > 0 && Double.isFinite(values[i])) {
                        ratios.add(values[i] / base[i]);
                    }
                }
                double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
                if (r.length == 0) {
                    yield "n/a (SpArX is 0 or undefined in every run) | 0/0 | undecided";
                }
                double mean = Statistics.mean(r);
                long meeting = Arrays.stream(r).filter(x -> x <= goal.threshold()).count();
                String measured = "mean ratio " + Statistics.number(mean) + " (worst " + Statistics.number(max(r))
                        + "; mean " + Statistics.number(Statistics.mean(values)) + " vs SpArX "
                        + Statistics.number(Statistics.mean(base)) + ")";
                String verdict = meeting == r.length ? "met in every run"
                        : mean <= goal.threshold() ? "met on average, not in every run"
                        : "not met: the mean ratio is " + String.format(Locale.ROOT, "%.1f", mean / goal.threshold())
                        + " × the goal";
                yield measured + " | " + meeting + "/" + r.length + " | " + verdict;
            }
            case AT_LEAST -> {
                double mean = Statistics.mean(values);
                long meeting = Arrays.stream(values).filter(x -> x >= goal.threshold()).count();
                String verdict = meeting == values.length ? "met in every run"
                        : mean >= goal.threshold() ? "met on average, not in every run"
                        : "not met: " + String.format(Locale.ROOT, "%.2f", 100 * (goal.threshold() - mean))
                        + " percentage points short on average";
                yield "mean " + percent(mean) + " (lowest " + percent(min(values)) + ") | " + meeting + "/" + values.length
                        + " | " + verdict;
            }
            case REPORTED -> "mean " + percent(Statistics.mean(values)) + " (lowest " + percent(min(values)) + ") | – | –";
        };
    }

    /** The value of {@code label} in every cell of the grid, in cell order. */
    private double[] all(Variant v, String label) {
        return cells.stream().mapToDouble(c -> byCell.get(c).outcome(v).metric(label).value()).toArray();
    }

    /** The cluster counts, {@code 20×5} when every layer and seed has the same count. */
    private static String clusters(List<Outcome> outcomes) {
        List<List<Integer>> distinct = outcomes.stream().map(Outcome::clusters).distinct().toList();
        if (distinct.size() == 1) {
            List<Integer> k = distinct.get(0);
            return k.stream().distinct().count() == 1 ? k.get(0) + "×" + k.size() : k.toString();
        }
        return "varies";
    }

    private static double max(double[] x) {
        return Arrays.stream(x).max().orElse(Double.NaN);
    }

    private static double min(double[] x) {
        return Arrays.stream(x).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }
}
