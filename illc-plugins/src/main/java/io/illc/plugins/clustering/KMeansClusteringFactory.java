package io.illc.plugins.clustering;

import io.illc.api.ClusteringStrategy;
import io.illc.api.ClusteringStrategyFactory;
import io.illc.api.Parameter;
import io.illc.api.Parameters;
import java.util.List;

/** The {@code kmeans} clustering plugin: see {@link KMeansClustering}. */
public final class KMeansClusteringFactory implements ClusteringStrategyFactory {
    /** The permanent name specs use. */
    public static final String NAME = "kmeans";

    private static final Parameter MAX_ITERATIONS = Parameter.integer("maxIterations", 300, 1, Integer.MAX_VALUE,
            "the most Lloyd reassignments per restart");
    private static final Parameter TOLERANCE = Parameter.number("tolerance", 1e-4, 0, Double.MAX_VALUE,
            "a restart stops when the inertia falls by at most this fraction of its previous value");
    private static final Parameter RESTARTS = Parameter.integer("restarts", 10, 1, Integer.MAX_VALUE,
            "seeded k-means++ runs; the one with the lowest inertia wins");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "k-means on the neurons: k-means++ seeding, Lloyd iterations, best of several seeded restarts";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(MAX_ITERATIONS, TOLERANCE, RESTARTS, ByDirection.PARAMETER);
    }

    @Override
    public ClusteringStrategy create(Parameters parameters) {
        ClusteringStrategy inner = new KMeansClustering(parameters.getInt(MAX_ITERATIONS.name()),
                parameters.getDouble(TOLERANCE.name()),
                parameters.getInt(RESTARTS.name()));
        return ByDirection.when(parameters, inner);
    }
}
