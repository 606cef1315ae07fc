package io.illc.plugins.clustering;

import io.illc.api.ClusteringStrategy;
import io.illc.api.ClusteringStrategyFactory;
import io.illc.api.Parameter;
import io.illc.api.Parameters;
import java.util.List;

/** The {@code agglomerative} clustering plugin: see {@link AgglomerativeClustering}. */
public final class AgglomerativeClusteringFactory implements ClusteringStrategyFactory {
    /** The permanent name specs use. */
    public static final String NAME = "agglomerative";

    private static final Parameter LINKAGE = Parameter.choice("linkage", Linkage.WARD.specName(), Linkage.specNames(),
            "ward merges the pair that least increases the within-cluster sum of squares; "
                    + "average (UPGMA) and complete use mean and largest Euclidean distances");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Hierarchical clustering of the neurons (ward, average or complete linkage), as scipy and scikit-learn";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(LINKAGE, ByDirection.PARAMETER);
    }

    @Override
    public ClusteringStrategy create(Parameters parameters) {
        ClusteringStrategy inner = new AgglomerativeClustering(Linkage.fromSpecName(parameters.getString(LINKAGE.name())));
        return ByDirection.when(parameters, inner);
    }
}
