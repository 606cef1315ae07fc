package io.illc.plugins.clustering;

import io.illc.api.ClusteringStrategy;
import io.illc.api.ClusteringStrategyFactory;
import io.illc.api.Parameter;
import io.illc.api.Parameters;
import java.util.List;

/** The {@code labels} clustering plugin: see {@link LabelsFileClustering}. */
public final class LabelsFileClusteringFactory implements ClusteringStrategyFactory {
    /** The permanent name specs use. */
    public static final String NAME = "labels";

    private static final Parameter FILE = Parameter.requiredPath("file",
            "a clusters.json file {\"layers\": [[labels of hidden layer 1], ...]}; the file decides the cluster count");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "A fixed partition of every hidden layer, read from a clusters.json file";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(FILE);
    }

    /** Reads and checks the file now, so that a broken file is reported before the run. */
    /** The file decides the partition; {@code k} is ignored. */
    @Override
    public boolean decidesClusterCount() {
        return true;
    }

    @Override
    public ClusteringStrategy create(Parameters parameters) {
        return LabelsFileClustering.read(parameters.getPath(FILE.name()));
    }
}
