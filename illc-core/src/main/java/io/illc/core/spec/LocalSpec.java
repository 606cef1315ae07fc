package io.illc.core.spec;

import io.illc.core.catalog.PluginChoice;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Local explanations (Definition 10).
 *
 * @param instances   0-based rows of the data file to explain; {@code null} when {@code all} or {@code newRows}
 * @param all         explain every row
 * @param newRows     a CSV of rows not in the data set to explain, or {@code null}
 * @param width       the kernel width w, or {@code null} for the preset's ({@link Preset#widthFactor()} · √m)
 * @param distance    standardized or raw feature distances
 * @param aggregation the aggregation plugin (default: the preset's)
 * @param clustering  the clustering plugin (default: the compression's)
 * @param renderAll   with {@code all}: also write every row's QBAF and clusters
 * @param neighbourhood which data rows are every explained row's neighbourhood, or {@code null} for the
 *                    default by data size ({@link Neighbourhood#byDefault(int)}), resolved when the data is read
 * @param preset      the defaults of the kernel width and the aggregation
 * @param limeRidge   compare with a LIME surrogate fitted with this ridge, or {@code null} for no baseline
 * @param analysis    attributions and contestability of every rendered local QBAF ({@link AnalysisSpec#NONE} for neither)
 */
public record LocalSpec(List<Integer> instances, boolean all, Path newRows, Double width, Distance distance,
                        PluginChoice aggregation, PluginChoice clustering, boolean renderAll,
                        Neighbourhood neighbourhood, Preset preset, Double limeRidge,
                        AnalysisSpec analysis) {
    /** The LIME baseline's default ridge, LIME's: scikit-learn's {@code Ridge(alpha=1.0)}. */
    public static final double DEFAULT_LIME_RIDGE = 1.0;

    /**
     * Named defaults for what a {@code local} section leaves out: the kernel width and the aggregation.
     * Fields the section gives override them.
     */
    public enum Preset {
        /**
         * The default: LIME's and SpArX's width {@code 0.75 · √m} with the weighted {@code refit}
         * aggregation, so the neighbourhood holds many rows' worth of weight and the merge stays stable
         * on deep networks.
         */
        WIDE_REFIT("wide-refit", 0.75, "refit"),
        /**
         * The paper's Definition 10 exactly: width {@code 0.1 · √m} and the {@code local} aggregation
         * (the explained row carries almost all the weight).
         */
        DEFINITION_10("definition-10", 0.1, "local");

        private final String jsonName;
        private final double widthFactor;
        private final String aggregation;

        Preset(String jsonName, double widthFactor, String aggregation) {
            this.jsonName = jsonName;
            this.widthFactor = widthFactor;
            this.aggregation = aggregation;
        }

        /** The preset's name in a spec. */
        public String jsonName() {
            return jsonName;
        }

        /** The default width is this factor times √m. */
        public double widthFactor() {
            return widthFactor;
        }

        /** The default aggregation plugin's name. */
        public String aggregation() {
            return aggregation;
        }

        /** The preset named {@code name}, or {@code null}. */
        public static Preset byName(String name) {
            for (Preset p : values()) {
                if (p.jsonName.equals(name)) {
                    return p;
                }
            }
            return null;
        }
    }

    /**
     * The data rows every explained row is compared with: all of them, or a seeded sample of {@code sample}
     * rows drawn without replacement (the explained row is always added with its own weight).
     *
     * @param all     every data row
     * @param sample  M ≥ 1 with a sample, 0 with {@code all} or perturbations
     * @param perturb M ≥ 1 Gaussian perturbations of each explained row instead of data rows, else 0
     * @param scale   the perturbations' standard deviation in units of each feature's, with
     *                {@code perturb}; else 0
     */
    public record Neighbourhood(boolean all, int sample, int perturb, double scale) {
        /** Up to this many data rows the default neighbourhood is every row; above, a sample of this many. */
        public static final int DEFAULT_LIMIT = 10_000;
        /** Every data row: exactly the explanation of Definition 10. */
        public static final Neighbourhood ALL = new Neighbourhood(true, 0);

        /** The default scale of perturbations: one standard deviation of each feature. */
        public static final double DEFAULT_SCALE = 1.0;

        public Neighbourhood {
            boolean perturbed = perturb != 0;
            boolean ok = perturbed ? !all && sample == 0 && perturb > 0 && scale > 0 && Double.isFinite(scale)
                    : scale == 0 && (all ? sample == 0 : sample >= 1);
            if (!ok) {
                throw new IllegalArgumentException("a neighbourhood is all rows, a sample of at least one row or at"
                        + " least one perturbation with a positive scale, got all=" + all + ", sample=" + sample
                        + ", perturb=" + perturb + ", scale=" + scale);
            }
        }

        /** Every data row ({@code all}) or a sample of them. */
        public Neighbourhood(boolean all, int sample) {
            this(all, sample, 0, 0);
        }

        /** A seeded sample of {@code m} ≥ 1 data rows. */
        public static Neighbourhood sample(int m) {
            return new Neighbourhood(false, m);
        }

        /** {@code samples} ≥ 1 seeded Gaussian perturbations of each explained row, {@code scale} σ wide. */
        public static Neighbourhood perturb(int samples, double scale) {
            return new Neighbourhood(false, 0, samples, scale);
        }

        /** Whether the neighbourhood is perturbations of the explained row rather than data rows. */
        public boolean perturbed() {
            return perturb != 0;
        }

        /** The default for {@code rows} data rows: {@link #byDefault(int, int)} with {@link #DEFAULT_LIMIT}. */
        public static Neighbourhood byDefault(int rows) {
            return byDefault(rows, DEFAULT_LIMIT);
        }

        /** Every row when there are at most {@code limit}, otherwise a sample of {@code limit} rows. */
        public static Neighbourhood byDefault(int rows, int limit) {
            return rows <= limit ? ALL : sample(limit);
        }
    }

    /** How distances between rows are measured. */
    public enum Distance {
        STANDARDIZED, RAW;

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public LocalSpec {
        instances = instances == null ? null : List.copyOf(instances);
        Objects.requireNonNull(distance, "distance");
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(clustering, "clustering");
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(analysis, "analysis");
    }

    /** The kernel width for m features: the given one, or the preset's factor times √m. */
    public double widthFor(int features) {
        return width != null ? width : preset.widthFactor() * Math.sqrt(features);
    }

    /** The same section with the given neighbourhood (the default resolved, for the effective spec). */
    public LocalSpec withNeighbourhood(Neighbourhood n) {
        return new LocalSpec(instances, all, newRows, width, distance, aggregation, clustering, renderAll, n, preset,
                limeRidge, analysis);
    }
}
