package io.illc.plugins.metric;

import io.illc.api.MetricInput;

/** Shape checks that {@link MetricInput} cannot make on its own because they concern the pairing of M and μ. */
final class Shapes {
    private Shapes() {
    }

    /** The compressed network must have the original's outputs, to compare them one by one. */
    static void requireSameOutputs(MetricInput in) {
        if (in.compressed().outputCount() != in.original().outputCount()) {
            throw new IllegalArgumentException("the compressed network has " + in.compressed().outputCount()
                    + " outputs, the original " + in.original().outputCount());
        }
    }

    /** Hidden layer l of μ must have one cluster-neuron per cluster of P_l, numbered by cluster label. */
    static void requireOneNeuronPerCluster(MetricInput in) {
        for (int l = 1; l <= in.hiddenLayerCount(); l++) {
            int k = in.clusters().get(l - 1).clusterCount();
            int width = in.compressed().layer(l).outputs();
            if (k != width) {
                throw new IllegalArgumentException("hidden layer " + l + " of the compressed network has " + width
                        + " neurons but its partition has " + k + " clusters");
            }
        }
    }
}
