package io.illc.examples.sortednorm;

import io.illc.api.ClusteringStrategy;
import io.illc.api.ClusteringStrategyFactory;
import io.illc.api.Parameters;

/**
 * Creates the {@code sorted-norm} clustering. {@link java.util.ServiceLoader} finds this class
 * through {@code META-INF/services/io.illc.api.ClusteringStrategyFactory} and needs the public
 * no-argument constructor. Stateless.
 */
public final class SortedNormClusteringFactory implements ClusteringStrategyFactory {

    /** The permanent name specs use: {@code "clustering": {"name": "sorted-norm"}}. */
    public static final String NAME = "sorted-norm";

    public SortedNormClusteringFactory() {
        // ServiceLoader's entry point; the factory holds no state.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "sorts neurons by squared distance to the mean neuron and cuts the order into k groups of equal size";
    }

    // parameters() keeps the default, an empty list: the catalog then rejects any "params" key.

    @Override
    public ClusteringStrategy create(Parameters parameters) {
        return new SortedNormClustering();
    }
}
