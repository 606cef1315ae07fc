package io.illc.core.compress;

import io.illc.api.ClusterAssignment;
import io.illc.api.Matrix;
import io.illc.api.Mlp;

import java.util.List;
import java.util.Objects;

/**
 * A compressed network and how it was obtained.
 *
 * @param compressed   the network of cluster-neurons (same depth as the original)
 * @param partitions   P_1..P_d, the partition of each original hidden layer
 * @param originalActivations the original network's outputs of layers 1..d+1 over the rows it was
 *                     compressed on (index 0 = layer 1), so metrics on the same rows need not recompute them
 * @param timings      seconds spent per stage
 */
public record CompressionResult(Mlp compressed, List<ClusterAssignment> partitions, List<Matrix> originalActivations,
                                StageTimings timings) {
    public CompressionResult {
        Objects.requireNonNull(compressed, "compressed");
        partitions = List.copyOf(partitions);
        originalActivations = List.copyOf(originalActivations);
        Objects.requireNonNull(timings, "timings");
    }
}
