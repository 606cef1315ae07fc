package io.illc.core.local;

import io.illc.api.AggregationFunction;
import io.illc.api.ClusteringStrategy;
import io.illc.api.Matrix;
import io.illc.api.Metric;
import io.illc.api.Mlp;
import io.illc.core.spec.CompressionSpec.Method;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every input of a series of local explanations that does not depend on the explained row.
 *
 * @param original         the network to explain
 * @param data             the neighbourhood: the data set's rows, {@code [N, inputs]}
 * @param kernel           the kernel over {@code data}
 * @param method           global (SpArX) or illc, as the global compression
 * @param clusterCounts    k_l per hidden layer, as the global compression
 * @param clustering       the clustering of each layer's kernel-weighted activations
 * @param aggregation      the merge; Definition 10 uses {@code local}
 * @param metrics          name → local metric, in report order
 * @param seed             the run seed; the compressor derives each layer's seed from it
 * @param negligibleWeight rows whose π̂ is below this are left out of a row's problem
 *                         (see {@link LocalExplainer#NEGLIGIBLE_WEIGHT}); 0 keeps every row
 * @param sample           the neighbourhood as distinct data row indices in ascending order
 *                         ({@link NeighbourhoodSample#rows}), or {@code null} for every data row; the
 *                         explained data row is added to it when it is not among them
 */
public record LocalSettings(Mlp original, Matrix data, Kernel kernel, Method method, int[] clusterCounts,
                            ClusteringStrategy clustering, AggregationFunction aggregation,
                            Map<String, Metric> metrics, long seed, double negligibleWeight, int[] sample) {
    /** Every data row is the neighbourhood. */
    public LocalSettings(Mlp original, Matrix data, Kernel kernel, Method method, int[] clusterCounts,
                         ClusteringStrategy clustering, AggregationFunction aggregation,
                         Map<String, Metric> metrics, long seed, double negligibleWeight) {
        this(original, data, kernel, method, clusterCounts, clustering, aggregation, metrics, seed, negligibleWeight,
                null);
    }

    public LocalSettings {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(method, "method");
        clusterCounts = clusterCounts.clone();
        Objects.requireNonNull(clustering, "clustering");
        Objects.requireNonNull(aggregation, "aggregation");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        if (kernel.rows() != data.rows()) {
            throw new IllegalArgumentException("the kernel has " + kernel.rows() + " rows, the data " + data.rows());
        }
        if (data.cols() != original.inputCount()) {
            throw new IllegalArgumentException("the data has " + data.cols() + " features, the model takes "
                    + original.inputCount());
        }
        if (!(negligibleWeight >= 0) || negligibleWeight >= 1) {
            throw new IllegalArgumentException("the negligible weight must be in [0, 1), got " + negligibleWeight);
        }
        if (sample != null) {
            sample = sample.clone();
            if (sample.length == 0) {
                throw new IllegalArgumentException("the neighbourhood sample is empty");
            }
            for (int i = 0; i < sample.length; i++) {
                if (sample[i] < 0 || sample[i] >= data.rows() || (i > 0 && sample[i] <= sample[i - 1])) {
                    throw new IllegalArgumentException("the neighbourhood sample must be distinct rows of 0.."
                            + (data.rows() - 1) + " in ascending order; position " + i + " holds " + sample[i]);
                }
            }
        }
    }

    /** The neighbourhood's rows, ascending, or {@code null} for every data row. */
    @Override
    public int[] sample() {
        return sample == null ? null : sample.clone();
    }

    @Override
    public int[] clusterCounts() {
        return clusterCounts.clone();
    }
}
