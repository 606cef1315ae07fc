package io.illc.core.local;

import io.illc.api.ClusterAssignment;
import io.illc.api.MetricResult;
import io.illc.api.Mlp;
import io.illc.api.Vector;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The local explanation of one row.
 *
 * @param row              the explained row: its index in the data, or in the file of new rows
 * @param newRow           true when the row is not one of the data rows
 * @param features         the row's feature values, in input order
 * @param neighbours       the data rows the problem was solved on (π̂ at least the negligible
 *                         weight), ascending; with a perturbation neighbourhood the positions in the
 *                         row's synthetic sample (0 the row itself)
 * @param weights          π̂ of each neighbour, in the order of {@code neighbours}; normalised over
 *                         all data rows, so they sum to at most 1
 * @param compressed       the local network; {@code null} in a {@linkplain #summary() summary}
 * @param partitions       P_1..P_d of the original hidden layers; empty in a summary
 * @param originalOutput   the original network's output at the row
 * @param compressedOutput the local network's output at the row
 * @param metrics          every local metric, by name, in settings order
 * @param effectiveSize    the neighbourhood's effective number of rows {@code (Σπ)² / Σπ²} over all its
 *                         rows ({@link Kernel#effectiveSize}), ≥ 1
 * @param lime             the LIME baseline on the same rows and weights, or {@code null} when not asked for
 */
public record LocalExplanation(int row, boolean newRow, Vector features, int[] neighbours, Vector weights,
                               Mlp compressed, List<ClusterAssignment> partitions, Vector originalOutput,
                               Vector compressedOutput, Map<String, MetricResult> metrics, double effectiveSize,
                               Lime lime) {
    /**
     * The LIME baseline of one row.
     *
     * @param surrogate        the fitted linear surrogate
     * @param ioUnfaithfulness its local io-unfaithfulness, the {@code local-io-unfaithfulness} formula
     */
    public record Lime(LimeSurrogate surrogate, double ioUnfaithfulness) {
        public Lime {
            Objects.requireNonNull(surrogate, "surrogate");
        }
    }

    public LocalExplanation {
        Objects.requireNonNull(features, "features");
        neighbours = neighbours.clone();
        Objects.requireNonNull(weights, "weights");
        partitions = List.copyOf(partitions);
        if (compressed == null && (neighbours.length > 0 || !partitions.isEmpty())) {
            throw new IllegalArgumentException("an explanation without its local network is a summary: it keeps no"
                    + " neighbours and no partitions");
        }
        Objects.requireNonNull(originalOutput, "originalOutput");
        Objects.requireNonNull(compressedOutput, "compressedOutput");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        if (!(effectiveSize >= 1 - 1e-9)) {
            throw new IllegalArgumentException("the effective neighbourhood size must be at least 1, got " + effectiveSize);
        }
        if (neighbours.length != weights.size()) {
            throw new IllegalArgumentException(neighbours.length + " neighbours but " + weights.size() + " weights");
        }
    }

    /**
     * What a run keeps of a row it does not render: everything but the local network, its partitions
     * and the neighbourhood (about 150 kB on a 5 × 100 model with 5 000 neighbours), so that every row
     * of a large data set can be explained in little memory.
     */
    public LocalExplanation summary() {
        return new LocalExplanation(row, newRow, features, new int[0], Vector.of(), null, List.of(), originalOutput,
                compressedOutput, metrics, effectiveSize, lime);
    }

    /** False for a {@linkplain #summary() summary}, which has no local network to render. */
    public boolean hasNetwork() {
        return compressed != null;
    }

    @Override
    public int[] neighbours() {
        return neighbours.clone();
    }
}
