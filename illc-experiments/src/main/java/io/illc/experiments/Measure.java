package io.illc.experiments;

import io.illc.api.DetailKey;
import io.illc.api.MetricFactory;
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
    /** The metric {@value #DEAD_COMPRESSED} is derived from. */
    private static final String DEAD_NEURONS = "dead-neurons";
    private static final String COGNITIVE_COMPLEXITY = "cognitive-complexity";

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
     * ranked the way its metric declares ({@link ExperimentSpec#metricDirections()}; a detail such
     * as {@code atInstance} the way its metric is); NaN for a variant not explained locally.
     */
    public static List<Measure> local(ExperimentSpec spec) {
        int rows = spec.grid().localRows();
        if (rows == 0) {
            return List.of();
        }
        return Outcome.LOCAL_KEYS.stream().map(key -> {
            String metric = key.split("\\.", 2)[0];
            MetricFactory.Direction declared = spec.direction(metric);
            return new Measure(key + " (mean over " + rows + " rows)", direction(declared), note(metric, declared),
                    o -> o.localMean(key));
        }).toList();
    }

    /**
     * The measures of an experiment: its metrics in order, each with its in-sample twin when rows
     * are held out.
     */
    public static List<Measure> of(ExperimentSpec spec) {
        return of(spec, spec.grid().holdout() > 0);
    }

    /**
     * The measures of a spec's metrics, in order, ranked the way each metric's factory declares
     * ({@link MetricFactory#direction()}): lower or higher is better, or not ranked for an
     * informational metric or one that declares no direction. After {@code dead-neurons} comes
     * {@value #DEAD_COMPRESSED}, lower is better. With {@code inSample} each measure is followed by
     * its in-sample twin: the same number from the metric results stored under the label followed
     * by {@link EvaluateStage#IN_SAMPLE}, named likewise.
     */
    public static List<Measure> of(ExperimentSpec spec, boolean inSample) {
        List<Measure> out = new ArrayList<>();
        for (LabelledChoice m : spec.metrics()) {
            MetricFactory.Direction declared = spec.direction(m.name());
            out.addAll(of(m, declared, ""));
            if (inSample) {
                out.addAll(of(m, declared, EvaluateStage.IN_SAMPLE));
            }
        }
        return out;
    }

    /** The measures of the stored results under {@code label + suffix}, named with the suffix. */
    private static List<Measure> of(LabelledChoice m, MetricFactory.Direction declared, String suffix) {
        String label = m.label() + suffix;
        Measure measure = new Measure(label, direction(declared), note(m.name(), declared), o -> o.metric(label).value());
        if (!m.name().equals(DEAD_NEURONS)) {
            return List.of(measure);
        }
        return List.of(measure, new Measure(DEAD_COMPRESSED + suffix, Direction.LOWER_IS_BETTER, "",
                o -> deadCompressed(o.metric(label), o.clusters())));
    }

    private static Direction direction(MetricFactory.Direction declared) {
        return switch (declared) {
            case LOWER_IS_BETTER -> Direction.LOWER_IS_BETTER;
            case HIGHER_IS_BETTER -> Direction.HIGHER_IS_BETTER;
            case INFORMATIONAL, UNKNOWN -> Direction.NONE;
        };
    }

    /**
     * Why a measure is not ranked, empty when it is. The report's readers get the reason this
     * experiment knows for the two informational built-in metrics.
     */
    private static String note(String metric, MetricFactory.Direction declared) {
        return switch (declared) {
            case LOWER_IS_BETTER, HIGHER_IS_BETTER -> "";
            case UNKNOWN -> "no known better direction";
            case INFORMATIONAL -> switch (metric) {
                case COGNITIVE_COMPLEXITY -> "equal by construction: every method asks for the same cluster counts (it"
                        + " differs only when a clustering returns fewer clusters than asked)";
                case DEAD_NEURONS -> "measures the original network, which every method shares; "
                        + DEAD_COMPRESSED + " compares the compressed networks";
                default -> "informational: it describes the setting, not how well the compression fits";
            };
        };
    }

    /**
     * The share of dead cluster-neurons over all hidden layers of the compressed network:
     * {@code Σ_l s_l K_l / Σ_l K_l} with {@code s_l} the dead-neurons metric's
     * {@code details.perLayerCompressed[l]}; NaN when the details are missing.
     */
    static double deadCompressed(MetricResult deadNeurons, List<Integer> clusters) {
        if (!(deadNeurons.details().get(DetailKey.PER_LAYER_COMPRESSED.name()) instanceof List<?> shares) || shares.size() != clusters.size()) {
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
