package io.illc.experiments;

import io.illc.api.MetricResult;
import io.illc.core.pipeline.EvaluateStage;
import io.illc.experiments.CellResult.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * One number per compression that the report compares between global and illc: a metric's value,
 * or a number derived from a metric's details.
 *
 * @param name      the column name in {@code results.csv} and the report (a metric's label)
 * @param direction which way is better, or none
 * @param note      why there is no better direction, or an empty string
 * @param value     the number of one compression; NaN when undefined
 */
public record Measure(String name, Direction direction, String note, ToDoubleFunction<Outcome> value) {
    /** The derived column: the pooled share of dead cluster-neurons of the compressed network. */
    public static final String DEAD_COMPRESSED = "dead-neurons-compressed";

    /** Which way a measure is better. Ties are exact equality. */
    public enum Direction {
        LOWER_IS_BETTER("lower is better"),
        HIGHER_IS_BETTER("higher is better"),
        /** Neither: the measure describes something both methods share, or its meaning is unknown. */
        NONE("not ranked");

        private final String text;

        Direction(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public Measure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(value, "value");
    }

    public double of(Outcome outcome) {
        return value.applyAsDouble(outcome);
    }

    /**
     * The local measures of an experiment, empty when {@code localRows} is 0: the mean over the
     * explained rows of each of {@link Outcome#LOCAL_KEYS}, named {@code "<key> (mean over R rows)"},
     * all unfaithfulness and so better lower; NaN for a variant not explained locally.
     */
    public static List<Measure> local(ExperimentSpec spec) {
        int rows = spec.grid().localRows();
        if (rows == 0) {
            return List.of();
        }
        return Outcome.LOCAL_KEYS.stream().map(key -> new Measure(key + " (mean over " + rows + " rows)",
                Direction.LOWER_IS_BETTER, "", o -> o.localMean(key))).toList();
    }

    /**
     * The measures of a spec's metrics, in order. The directions come from the metric plugin's name:
     * unfaithfulness (any norm) is better lower, agreement and sign agreement higher; cognitive
     * complexity and the original's dead neurons are the same for every method by construction and
     * are not ranked; other metrics are not ranked either, since their meaning is unknown here. After
     * {@code dead-neurons} comes {@value #DEAD_COMPRESSED}, lower is better.
     */
    public static List<Measure> of(List<LabelledChoice> metrics) {
        return of(metrics, false);
    }

    /** The measures of an experiment: its metrics, each with its in-sample twin when rows are held out. */
    public static List<Measure> of(ExperimentSpec spec) {
        return of(spec.metrics(), spec.grid().holdout() > 0);
    }

    /**
     * The same, and with {@code inSample} each measure followed by its in-sample twin: the same
     * number from the metric results stored under the label followed by {@link EvaluateStage#IN_SAMPLE},
     * named likewise.
     */
    public static List<Measure> of(List<LabelledChoice> metrics, boolean inSample) {
        List<Measure> out = new ArrayList<>();
        for (LabelledChoice m : metrics) {
            out.addAll(of(m, ""));
            if (inSample) {
                out.addAll(of(m, EvaluateStage.IN_SAMPLE));
            }
        }
        return out;
    }

    /** The measures of the stored results under {@code label + suffix}, named with the suffix. */
    private static List<Measure> of(LabelledChoice m, String suffix) {
        String label = m.label() + suffix;
        ToDoubleFunction<Outcome> value = o -> o.metric(label).value();
        return switch (m.name()) {
            case "cognitive-complexity" -> List.of(new Measure(label, Direction.NONE,
                    "equal by construction: every method asks for the same cluster counts (it differs only when a"
                            + " clustering returns fewer clusters than asked)", value));
            case "dead-neurons" -> List.of(
                    new Measure(label, Direction.NONE, "measures the original network, which every method shares; "
                            + DEAD_COMPRESSED + " compares the compressed networks", value),
                    new Measure(DEAD_COMPRESSED + suffix, Direction.LOWER_IS_BETTER, "",
                            o -> deadCompressed(o.metric(label), o.clusters())));
            case "agreement", "sign-agreement" -> List.of(new Measure(label, Direction.HIGHER_IS_BETTER, "", value));
            default -> List.of(m.name().contains("unfaithfulness")
                    ? new Measure(label, Direction.LOWER_IS_BETTER, "", value)
                    : new Measure(label, Direction.NONE, "no known better direction", value));
        };
    }

    /**
     * The share of dead cluster-neurons over all hidden layers of the compressed network:
     * {@code Σ_l s_l K_l / Σ_l K_l} with {@code s_l} the dead-neurons metric's
     * {@code details.perLayerCompressed[l]}; NaN when the details are missing.
     */
    static double deadCompressed(MetricResult deadNeurons, List<Integer> clusters) {
        if (!(deadNeurons.details().get("perLayerCompressed") instanceof List<?> shares) || shares.size() != clusters.size()) {
            return Double.NaN;
        }
        double dead = 0;
        int total = 0;
        for (int l = 0; l < clusters.size(); l++) {
            dead += ((Number) shares.get(l)).doubleValue() * clusters.get(l);
            total += clusters.get(l);
        }
        return dead / total;
    }
}
