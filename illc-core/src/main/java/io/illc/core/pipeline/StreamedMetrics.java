package io.illc.core.pipeline;

import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.MetricInput;
import io.illc.api.MetricResult;
import io.illc.api.MetricSums;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import io.illc.core.InputException;
import io.illc.core.linalg.Nd;
import io.illc.core.pipeline.EvaluateStage.LabelledMetric;
import io.illc.core.stream.ChunkFold;
import io.illc.core.stream.RowChunk;
import io.illc.core.stream.RowPasses;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Global metrics over streamed rows, all in one pass: each metric's {@link MetricSums}, each chunk's
 * rows weighted 1/N. Memory is one chunk's activations plus the metrics' sums, whatever N.
 */
final class StreamedMetrics {
    private StreamedMetrics() {
    }

    /**
     * @return label → result, in the order of {@code metrics}
     * @throws InputException naming the first metric that needs every row at once
     */
    static Map<String, MetricResult> evaluate(Mlp original, Mlp compressed, List<ClusterAssignment> partitions,
                                              RowPasses rows, List<LabelledMetric> metrics) {
        List<MetricSums<?>> sums = new ArrayList<>(metrics.size());
        for (LabelledMetric m : metrics) {
            sums.add(m.metric().sums(original, compressed, partitions).orElseThrow(() -> new InputException(
                    "the metric '" + m.label() + "' needs every row at once, so it cannot run on streamed data;"
                            + " leave it out of 'metrics' or hold the rows in memory")));
        }
        List<MetricSums<?>> reading = sums.stream().filter(MetricSums::readsRows).toList();
        Object[] totals = reading.isEmpty() ? new Object[0]
                : rows.aggregate(new Zeros(reading), new Fold(original, compressed, List.copyOf(partitions), reading,
                rows.count()), new Combines(reading));
        Map<String, MetricResult> out = new LinkedHashMap<>();
        int next = 0;
        for (int i = 0; i < metrics.size(); i++) {
            MetricSums<?> s = sums.get(i);
            out.put(metrics.get(i).label(), s.readsRows() ? result(s, totals[next++]) : result(s, s.zero()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <A extends Serializable> MetricResult result(MetricSums<A> sums, Object total) {
        return sums.result((A) total);
    }

    @SuppressWarnings("unchecked")
    private static <A extends Serializable> Object add(MetricSums<A> sums, Object acc, MetricInput rows) {
        return sums.add((A) acc, rows);
    }

    @SuppressWarnings("unchecked")
    private static <A extends Serializable> Object combine(MetricSums<A> sums, Object left, Object right) {
        return sums.combine((A) left, (A) right);
    }

    /** One fresh accumulator per metric. */
    private record Zeros(List<MetricSums<?>> sums) implements RowPasses.Zero<Object[]> {
        @Override
        public Object[] get() {
            Object[] zero = new Object[sums.size()];
            for (int i = 0; i < zero.length; i++) {
                zero[i] = sums.get(i).zero();
            }
            return zero;
        }
    }

    /** Both networks forward over the chunk, then every metric's sums. */
    private record Fold(Mlp original, Mlp compressed, List<ClusterAssignment> partitions, List<MetricSums<?>> sums,
                        long count) implements ChunkFold<Object[]> {
        @Override
        public Object[] fold(Object[] acc, RowChunk chunk) {
            MetricInput input = new MetricInput(original, compressed, partitions, forwardAll(chunk, original),
                    forwardAll(chunk, compressed), Vector.filled(chunk.rows(), 1.0 / count), -1);
            for (int i = 0; i < acc.length; i++) {
                acc[i] = add(sums.get(i), acc[i], input);
            }
            return acc;
        }

        private static List<Matrix> forwardAll(RowChunk chunk, Mlp network) {
            List<Matrix> out = new ArrayList<>(network.layers().size());
            double[] x = chunk.values();
            for (DenseLayer layer : network.layers()) {
                x = Nd.forward(x, chunk.rows(), layer);
                out.add(Matrix.ofRowMajor(chunk.rows(), layer.outputs(), x));
            }
            return out;
        }
    }

    private record Combines(List<MetricSums<?>> sums) implements RowPasses.Combine<Object[]> {
        @Override
        public Object[] apply(Object[] left, Object[] right) {
            for (int i = 0; i < left.length; i++) {
                left[i] = combine(sums.get(i), left[i], right[i]);
            }
            return left;
        }
    }
}
