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
 */
public record LocalSpec(List<Integer> instances, boolean all, Path newRows, Double width, Distance distance,
                        PluginChoice aggregation, PluginChoice clustering, boolean renderAll) {

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
    }
}
