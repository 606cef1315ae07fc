package io.illc.core.compress;

import io.illc.api.AggregationFunction;
import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.NeuronPoints;
import io.illc.api.OutgoingMerge;
import io.illc.api.OutgoingSums;
import io.illc.api.Vector;
import io.illc.core.linalg.Nd;
import io.illc.core.spec.CompressionSpec.Method;
import io.illc.core.stream.LocalRowPasses;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The rows of a {@link CompressionRequest} and the original network's outputs over them, held in
 * memory. Keeps the compressed prefix's outputs between calls, so each layer is run forward once.
 * It works on row-major arrays and hands the plugins {@link Matrix} values; since a {@code Matrix}
 * copies in and out, each one is made once and shared.
 */
final class HeldLayerRows implements LayerRows {
    private final Method method;
    private final AggregationFunction aggregation;
    private final int rows;
    private final List<Matrix> originalActivations;
    private final Vector rowWeights;
    private final double[] pointWeights;
    /** The data rows, read where they are (a large table is not copied). */
    private final Matrix data;
    /** The compressed prefix's outputs, {@code [rows, K]}; null before the first layer is merged. */
    private double[] previous;
    /** Where the blocks of each product and the tiles of each Gram matrix run, or null for here. */
    private final ExecutorService pool;

    /** @param pool the threads for the products and Gram matrices (the same bits without), or null */
    HeldLayerRows(CompressionRequest request, List<Matrix> originalActivations, ExecutorService pool) {
        this.pool = pool;
        this.method = request.method();
        this.aggregation = request.aggregation();
        this.rows = request.rows().rows();
        this.originalActivations = originalActivations;
        this.rowWeights = request.rowWeights();
        this.pointWeights = request.pointWeights() == null ? null : request.pointWeights().toArray();
        this.data = request.rows();
    }

    @Override
    public NeuronPoints points(int layer, DenseLayer halfMerged, List<DenseLayer> prefix) {
        int n = halfMerged.outputs();
        boolean global = method == Method.GLOBAL;
        double[] points = global ? originalActivations.get(layer - 1).toRowMajor() : forwardPrevious(halfMerged);
        if (pointWeights != null) {
            for (int r = 0; r < rows; r++) {
                for (int j = r * n; j < (r + 1) * n; j++) {
                    points[j] *= pointWeights[r];
                }
            }
        }
        // points and the Gram matrix are this call's own arrays, only read from here on: wrapped, not copied.
        Matrix pointMatrix = global && pointWeights == null ? originalActivations.get(layer - 1)
                : Matrix.wrap(rows, n, points);
        return new NeuronPoints(layer, pointMatrix, Matrix.wrap(n, n, Nd.centredGramInBlocks(points, rows, n, pool)));
    }

    /** {@code layer} applied to the compressed prefix's outputs, or to the data rows before the first merge. */
    private double[] forwardPrevious(DenseLayer layer) {
        return previous != null ? Nd.forward(previous, rows, layer, pool) : Nd.forward(data, layer, pool);
    }

    @Override
    public DenseLayer mergeOutgoing(int layer, DenseLayer next, ClusterAssignment partition, List<DenseLayer> prefix) {
        DenseLayer clusterLayer = prefix.get(prefix.size() - 1);
        double[] compressed = forwardPrevious(clusterLayer);
        previous = compressed; // only read, as the next layer's input: it can be wrapped
        Matrix original = originalActivations.get(layer - 1);
        Matrix compressedMatrix = Matrix.wrap(rows, clusterLayer.outputs(), compressed);
        Optional<OutgoingSums<?>> sums = aggregation.outgoingSums(layer, next, partition);
        if (sums.isEmpty()) {
            return aggregation.mergeOutgoing(new OutgoingMerge(layer, next, partition, original, compressedMatrix, rowWeights));
        }
        return inBlocks(sums.get(), layer, next, partition, original, compressedMatrix);
    }

    /** The merge as the streamed path makes it: each block's sums from a fresh zero, combined in row order. */
    private <A extends Serializable> DenseLayer inBlocks(OutgoingSums<A> sums, int layer, DenseLayer next,
                                                        ClusterAssignment partition, Matrix original, Matrix compressed) {
        if (!sums.readsRows()) {
            return sums.merge(sums.zero());
        }
        if (rows <= LocalRowPasses.CHUNK_ROWS) {
            return sums.merge(sums.add(sums.zero(),
                    new OutgoingMerge(layer, next, partition, original, compressed, rowWeights)));
        }
        double[] o = original.toRowMajor();
        double[] h = compressed.toRowMajor();
        double[] w = rowWeights.toArray();
        int n = original.cols();
        int k = compressed.cols();
        A total = null;
        for (int from = 0; from < rows; from += LocalRowPasses.CHUNK_ROWS) {
            int to = Math.min(rows, from + LocalRowPasses.CHUNK_ROWS);
            OutgoingMerge block = new OutgoingMerge(layer, next, partition,
                    Matrix.ofRowMajor(to - from, n, Arrays.copyOfRange(o, from * n, to * n)),
                    Matrix.ofRowMajor(to - from, k, Arrays.copyOfRange(h, from * k, to * k)),
                    Vector.of(Arrays.copyOfRange(w, from, to)));
            A part = sums.add(sums.zero(), block);
            total = total == null ? part : sums.combine(total, part);
        }
        return sums.merge(total);
    }
}
