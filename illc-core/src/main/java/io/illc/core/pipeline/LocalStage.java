package io.illc.core.pipeline;

import io.illc.api.AggregationFunction;
import io.illc.api.ClusteringStrategy;
import io.illc.api.Matrix;
import io.illc.api.Metric;
import io.illc.api.Mlp;
import io.illc.core.compress.Compressor;
import io.illc.core.local.Kernel;
import io.illc.core.local.LocalExplainer;
import io.illc.core.local.LocalSettings;
import io.illc.core.spec.CompressionSpec;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * The explain-locally stage: an explainer (Definition 10) whose neighbourhood is the given data rows,
 * with the compression's method and cluster counts. Stateless and thread-safe; the explainer it
 * returns explains one row per call.
 */
public final class LocalStage {
    private final Compressor compressor;

    @Inject
    public LocalStage(Compressor compressor) {
        this.compressor = compressor;
    }

    /**
     * @param neighbourhood the data rows every explained row is compared with, {@code [N, m]}
     * @param kernel        the kernel over {@code neighbourhood}
     * @param clusterCounts the cluster count of every hidden layer
     * @param metrics       name → local metric, each reported for every explained row
     */
    public LocalExplainer explainer(Mlp original, Matrix neighbourhood, Kernel kernel, CompressionSpec.Method method,
                                    int[] clusterCounts, ClusteringStrategy clustering, AggregationFunction aggregation,
                                    Map<String, Metric> metrics, long seed) {
        return explainer(original, neighbourhood, kernel, method, clusterCounts, clustering, aggregation, metrics, seed,
                null, null, null);
    }

    /**
     * @param sample the rows of {@code neighbourhood} every explained row is compared with, ascending
     *               ({@link io.illc.core.local.NeighbourhoodSample#rows}), or {@code null} for all of them
     */
    public LocalExplainer explainer(Mlp original, Matrix neighbourhood, Kernel kernel, CompressionSpec.Method method,
                                    int[] clusterCounts, ClusteringStrategy clustering, AggregationFunction aggregation,
                                    Map<String, Metric> metrics, long seed, int[] sample) {
        return explainer(original, neighbourhood, kernel, method, clusterCounts, clustering, aggregation, metrics, seed,
                sample, null, null);
    }

    /**
     * @param sample       the rows of {@code neighbourhood} every explained row is compared with, ascending
     *                     ({@link io.illc.core.local.NeighbourhoodSample#rows}), or {@code null} for all of them
     * @param perturbation perturbations of each explained row as its neighbourhood instead, or {@code null}
     * @param limeRidge    fit the LIME baseline with this ridge, or {@code null} for none
     */
    public LocalExplainer explainer(Mlp original, Matrix neighbourhood, Kernel kernel, CompressionSpec.Method method,
                                    int[] clusterCounts, ClusteringStrategy clustering, AggregationFunction aggregation,
                                    Map<String, Metric> metrics, long seed, int[] sample,
                                    LocalSettings.Perturbation perturbation, Double limeRidge) {
        return new LocalExplainer(new LocalSettings(original, neighbourhood, kernel, method, clusterCounts, clustering,
                aggregation, metrics, seed, LocalExplainer.NEGLIGIBLE_WEIGHT, sample, perturbation, limeRidge),
                compressor);
    }
}
