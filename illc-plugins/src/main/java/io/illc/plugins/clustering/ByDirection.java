package io.illc.plugins.clustering;

import io.illc.api.ClusterAssignment;
import io.illc.api.ClusteringStrategy;
import io.illc.api.Matrix;
import io.illc.api.NeuronPoints;
import io.illc.api.Parameter;
import io.illc.api.Parameters;

/**
 * Clusters the neurons by the direction of their activation vectors: each neuron's vector over the
 * rows scaled to unit length (a neuron that is 0 on every row stays 0), then clustered by another
 * strategy. Refit-aware: the {@code refit} aggregation fits the outgoing weights, which absorbs
 * each member's scale, so two neurons whose activations are proportional merge without loss
 * however far apart their vectors are.
 */
final class ByDirection implements ClusteringStrategy {
    /** The parameter of the clusterings that offer it; off by default. */
    static final Parameter PARAMETER = Parameter.bool("directions", false,
            "cluster the neurons' activation vectors scaled to unit length (for refit, which absorbs each member's scale)");

    private final ClusteringStrategy inner;

    /** {@code inner}, by direction when the parameters turn {@link #PARAMETER} on. */
    static ClusteringStrategy when(Parameters parameters, ClusteringStrategy inner) {
        return parameters.has(PARAMETER.name()) && parameters.getBoolean(PARAMETER.name()) ? new ByDirection(inner) : inner;
    }

    ByDirection(ClusteringStrategy inner) {
        this.inner = inner;
    }

    @Override
    public ClusterAssignment cluster(NeuronPoints points, int k, long seed) {
        if (!points.hasPoints()) {
            throw new IllegalArgumentException("layer " + points.layer() + ": 'directions' needs the activations held,"
                    + " not only their Gram matrix; run with the rows held (execution.data 'memory')");
        }
        double[][] a = points.points().toArray();
        int n = points.neurons();
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (double[] row : a) {
                norm += row[i] * row[i];
            }
            norm = Math.sqrt(norm);
            if (norm > 0) {
                for (double[] row : a) {
                    row[i] /= norm;
                }
            }
        }
        return inner.cluster(NeuronPoints.of(points.layer(), Matrix.of(a)), k, seed);
    }
}
