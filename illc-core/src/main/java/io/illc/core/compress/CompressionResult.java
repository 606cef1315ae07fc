package io.illc.core.compress;

import io.illc.api.ClusterAssignment;
import io.illc.api.Mlp;

import java.util.List;
import java.util.Objects;

/**
 * A compressed network and how it was obtained.
 *
 * @param compressed   the network of cluster-neurons (same depth as the original)
 * @param partitions   P_1..P_d, the partition of each original hidden layer
 * @param timings      seconds spent per stage
 */
public record CompressionResult(Mlp compressed, List<ClusterAssignment> partitions, StageTimings timings) {
    public CompressionResult {
        Objects.requireNonNull(compressed, "compressed");
        partitions = List.copyOf(partitions);
        Objects.requireNonNull(timings, "timings");
    }
}
