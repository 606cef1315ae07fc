package io.illc.examples.sortednorm;

import io.illc.api.ClusterAssignment;
import io.illc.api.ClusteringStrategy;
import io.illc.api.Matrix;
import io.illc.api.NeuronPoints;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Ranks the neurons of a layer by {@code ‖p_i − p̄‖²}, their squared distance to the mean neuron,
 * and cuts the ranking into {@code k} consecutive groups: the neuron at rank {@code r} (0-based, of
 * {@code n}) joins group {@code floor(r · k / n)}, so groups hold {@code floor(n/k)} or
 * {@code ceil(n/k)} neurons and there are exactly {@code k} of them. Neurons the same distance
 * from the mean keep their index order, so the result is deterministic and ignores the seed.
 *
 * <p>The distance needs no pass over the data: {@link NeuronPoints#gram()} holds the inner
 * products of the <em>centred</em> points {@code p_i − p̄}, so its diagonal entry {@code gram[i][i]}
 * is exactly {@code ‖p_i − p̄‖²}.
 *
 * <p>A cheap baseline rather than a good clustering: two neurons on opposite sides of the mean at
 * the same distance share a group. Immutable and thread-safe.
 */
public final class SortedNormClustering implements ClusteringStrategy {

    @Override
    public ClusterAssignment cluster(NeuronPoints points, int k, long seed) {
        int n = points.neurons();
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("cannot cut " + n + " neurons into " + k + " groups; k must be in 1.." + n);
        }
        Matrix gram = points.gram();
        double[] squaredNorm = new double[n];
        for (int i = 0; i < n; i++) {
            squaredNorm[i] = gram.get(i, i);
        }
        // A stable sort keeps equal distances in index order.
        int[] byDistance = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingDouble(i -> squaredNorm[i]))
                .mapToInt(Integer::intValue)
                .toArray();
        int[] group = new int[n];
        for (int rank = 0; rank < n; rank++) {
            group[byDistance[rank]] = (int) ((long) rank * k / n);
        }
        return ClusterAssignment.fromLabels(group);
    }
}
