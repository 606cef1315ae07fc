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
 * @param width       the kernel width w, or {@code null} for the default {@code 0.1 * sqrt(m)}
 * @param distance    standardized or raw feature distances
 * @param aggregation the aggregation plugin (default {@code local})
 * @param clustering  the clustering plugin (default: the compression's)
 * @param renderAll   with {@code all}: also write every row's QBAF and clusters
 * @param neighbourhood which data rows are every explained row's neighbourhood, or {@code null} for the
 *                    default by data size ({@link Neighbourhood#byDefault(int)}), resolved when the data is read
 * @param analysis    attributions and contestability of every rendered local QBAF ({@link AnalysisSpec#NONE} for neither)
 */
public record LocalSpec(List<Integer> instances, boolean all, Path newRows, Double width, Distance distance,
                        PluginChoice aggregation, PluginChoice clustering, boolean renderAll,
                        Neighbourhood neighbourhood, AnalysisSpec analysis) {

    /**
     * The data rows every explained row is compared with: all of them, or a seeded sample of {@code sample}
     * rows drawn without replacement (the explained row is always added with its own weight).
     *
     * @param all    every data row
     * @param sample M ≥ 1 with a sample, 0 with {@code all}
     */
    public record Neighbourhood(boolean all, int sample) {
        /** Up to this many data rows the default neighbourhood is every row; above, a sample of this many. */
        public static final int DEFAULT_LIMIT = 10_000;
        /** Every data row: exactly the explanation of Definition 10. */
        public static final Neighbourhood ALL = new Neighbourhood(true, 0);

        public Neighbourhood {
            if (all ? sample != 0 : sample < 1) {
                throw new IllegalArgumentException("a neighbourhood is all rows (sample 0) or a sample of at least"
                        + " one row, got all=" + all + ", sample=" + sample);
            }
        }

        /** A seeded sample of {@code m} ≥ 1 data rows. */
        public static Neighbourhood sample(int m) {
            return new Neighbourhood(false, m);
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
        Objects.requireNonNull(analysis, "analysis");
        instances = instances == null ? null : List.copyOf(instances);
        Objects.requireNonNull(distance, "distance");
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(clustering, "clustering");
    }

    /** A section without attributions or contestability. */
    public LocalSpec(List<Integer> instances, boolean all, Path newRows, Double width, Distance distance,
                     PluginChoice aggregation, PluginChoice clustering, boolean renderAll, Neighbourhood neighbourhood) {
        this(instances, all, newRows, width, distance, aggregation, clustering, renderAll, neighbourhood, AnalysisSpec.NONE);
    }

    /** The same section with the given neighbourhood (the default resolved, for the effective spec). */
    public LocalSpec withNeighbourhood(Neighbourhood n) {
        return new LocalSpec(instances, all, newRows, width, distance, aggregation, clustering, renderAll, n, analysis);
    }
}
