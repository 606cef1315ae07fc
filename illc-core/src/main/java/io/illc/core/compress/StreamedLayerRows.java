package io.illc.core.compress;

import io.illc.api.AggregationFunction;
import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.NeuronPoints;
import io.illc.api.OutgoingMerge;
import io.illc.api.OutgoingSums;
import io.illc.api.Vector;
import io.illc.core.InputException;
import io.illc.core.linalg.Nd;
import io.illc.core.spec.CompressionSpec.Method;
import io.illc.core.stream.ChunkFold;
import io.illc.core.stream.RowChunk;
import io.illc.core.stream.RowPasses;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows streamed through {@link RowPasses}: nothing of size N is held, only sums over rows. A global
 * compression computes the centred Gram matrices of every hidden layer in one pass; ILLC makes one
 * pass per layer through the compressed prefix; an aggregation that reads rows ({@code refit})
 * adds one pass per layer for its {@link OutgoingSums}. Memory is O(Σ n_l² + chunk).
 *
 * <p>The folds are static and capture only serializable values (layers, sums), so an engine can
 * ship them to other machines.
 */
final class StreamedLayerRows implements LayerRows {
    private final RowPasses rows;
    private final Mlp original;
    private final Method method;
    private final AggregationFunction aggregation;
    /** The global compression's Gram matrices of hidden layers 1..d, from the first call on. */
    private double[][] originalGrams;

    StreamedLayerRows(RowPasses rows, Mlp original, Method method, AggregationFunction aggregation) {
        this.rows = rows;
        this.original = original;
        this.method = method;
        this.aggregation = aggregation;
    }

    @Override
    public NeuronPoints points(int layer, DenseLayer halfMerged, List<DenseLayer> prefix) {
        int n = halfMerged.outputs();
        double[] gram;
        if (method == Method.GLOBAL) {
            if (originalGrams == null) {
                originalGrams = originalGrams(rows, original.layers().subList(0, original.hiddenLayerCount()));
            }
            gram = originalGrams[layer - 1];
        } else {
            List<DenseLayer> through = new ArrayList<>(prefix);
            through.add(halfMerged);
            gram = rows.aggregate(() -> new double[n * n], gramOfLast(List.copyOf(through)), StreamedLayerRows::add);
        }
        return NeuronPoints.ofGram(layer, Matrix.ofRowMajor(n, n, gram));
    }

    @Override
    public DenseLayer mergeOutgoing(int layer, DenseLayer next, ClusterAssignment partition, List<DenseLayer> prefix) {
        OutgoingSums<?> sums = aggregation.outgoingSums(layer, next, partition).orElseThrow(() -> new InputException(
                "the aggregation needs every row at once (it has no sum-over-rows form), so it cannot run on"
                        + " streamed data; use 'average' or 'refit', or hold the rows in memory"));
        return merge(sums, layer, next, partition, List.copyOf(original.layers().subList(0, layer)), List.copyOf(prefix));
    }

    private <A extends Serializable> DenseLayer merge(OutgoingSums<A> sums, int layer, DenseLayer next,
                                                     ClusterAssignment partition, List<DenseLayer> originalPrefix,
                                                     List<DenseLayer> compressedPrefix) {
        if (!sums.readsRows()) {
            return sums.merge(sums.zero());
        }
        double weight = 1.0 / rows.count();
        A total = rows.aggregate(sums::zero, (acc, chunk) -> {
            double[] o = forward(chunk, originalPrefix);
            double[] h = forward(chunk, compressedPrefix);
            int n = originalPrefix.get(originalPrefix.size() - 1).outputs();
            int k = compressedPrefix.get(compressedPrefix.size() - 1).outputs();
            return sums.add(acc, new OutgoingMerge(layer, next, partition, Matrix.ofRowMajor(chunk.rows(), n, o),
                    Matrix.ofRowMajor(chunk.rows(), k, h), Vector.filled(chunk.rows(), weight)));
        }, sums::combine);
        return sums.merge(total);
    }

    /** The centred Gram matrices of every layer's outputs, {@code [n_l, n_l]} row-major each, in one pass. */
    private static double[][] originalGrams(RowPasses rows, List<DenseLayer> hidden) {
        List<DenseLayer> layers = List.copyOf(hidden);
        return rows.aggregate(() -> {
            double[][] zero = new double[layers.size()][];
            for (int l = 0; l < zero.length; l++) {
                zero[l] = new double[layers.get(l).outputs() * layers.get(l).outputs()];
            }
            return zero;
        }, (acc, chunk) -> {
            double[] x = chunk.values();
            for (int l = 0; l < layers.size(); l++) {
                x = Nd.forward(x, chunk.rows(), layers.get(l));
                Nd.addTo(acc[l], Nd.centredGram(x, chunk.rows(), layers.get(l).outputs()));
            }
            return acc;
        }, (left, right) -> {
            for (int l = 0; l < left.length; l++) {
                Nd.addTo(left[l], right[l]);
            }
            return left;
        });
    }

    /** Adds the centred Gram matrix of the last layer's outputs, the rows run through {@code layers}. */
    private static ChunkFold<double[]> gramOfLast(List<DenseLayer> layers) {
        int n = layers.get(layers.size() - 1).outputs();
        return (acc, chunk) -> Nd.addTo(acc, Nd.centredGram(forward(chunk, layers), chunk.rows(), n));
    }

    private static double[] forward(RowChunk chunk, List<DenseLayer> layers) {
        double[] x = chunk.values();
        for (DenseLayer layer : layers) {
            x = Nd.forward(x, chunk.rows(), layer);
        }
        return x;
    }

    private static double[] add(double[] left, double[] right) {
        return Nd.addTo(left, right);
    }
}
