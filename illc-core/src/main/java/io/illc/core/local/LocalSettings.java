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
 * @param perturbation     a synthetic neighbourhood around each explained row instead of data rows
 *                         ({@link PerturbationSample}), or {@code null}; with it {@code sample} must be
 *                         {@code null}
 * @param limeRidge        fit the {@link LimeSurrogate} baseline with this ridge (≥ 0) on every row's
 *                         neighbourhood, or {@code null} for no baseline
 */
public record LocalSettings(Mlp original, Matrix data, Kernel kernel, Method method, int[] clusterCounts,
                            ClusteringStrategy clustering, AggregationFunction aggregation,
                            Map<String, Metric> metrics, long seed, double negligibleWeight, int[] sample,
                            Perturbation perturbation, Double limeRidge) {
    /**
     * M Gaussian perturbations of the explained row with standard deviation {@code scale · σ_j}.
     *
     * @param samples M ≥ 1
     * @param scale   s &gt; 0, in units of each feature's standard deviation
     */
    public record Perturbation(int samples, double scale) {
        public Perturbation {
            if (samples < 1 || !(scale > 0) || !Double.isFinite(scale)) {
                throw new IllegalArgumentException("a perturbation needs at least one sample and a positive scale,"
                        + " got " + samples + " and " + scale);
            }
        }
    }

    /** A neighbourhood of data rows, without a baseline. */
    public LocalSettings(Mlp original, Matrix data, Kernel kernel, Method method, int[] clusterCounts,
                         ClusteringStrategy clustering, AggregationFunction aggregation,
                         Map<String, Metric> metrics, long seed, double negligibleWeight, int[] sample) {
        this(original, data, kernel, method, clusterCounts, clustering, aggregation, metrics, seed, negligibleWeight,
                sample, null, null);
    }

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
        if (sample != null && perturbation != null) {
            throw new IllegalArgumentException("a neighbourhood is a sample of data rows or perturbations, not both");
        }
        if (limeRidge != null && (!(limeRidge >= 0) || !Double.isFinite(limeRidge))) {
            throw new IllegalArgumentException("the LIME ridge must be a number ≥ 0, got " + limeRidge);
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
