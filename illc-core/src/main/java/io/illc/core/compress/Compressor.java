package io.illc.core.compress;

import io.illc.api.AggregationFunction;
import io.illc.api.ClusterAssignment;
import io.illc.api.ClusteringStrategy;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.NeuronPoints;
import io.illc.core.Ticker;
import io.illc.core.linalg.Nd;
import io.illc.core.stream.RowPasses;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The SpArX global compressor and the ILLC compressor (Algorithm 1). Both run the same layer
 * loop and the same merge; they differ only in which activations each layer is clustered on:
 * <ul>
 *   <li>global: {@code A_l} is layer l's output in the original network;</li>
 *   <li>illc: {@code A_l = φ(X_{l-1} · W̃_lᵀ + b_l)}, layer l's original neurons fed by the
 *       already-compressed prefix ({@code X_0} is the data, {@code W̃_l} has its input side merged).</li>
 * </ul>
 * Given identical partitions, both return identical networks. Stateless and thread-safe.
 */
public final class Compressor {
    private final Ticker ticker;

    /** A compressor timing its stages with the JVM's clock. */
    public Compressor() {
        this(Ticker.SYSTEM);
    }

    @Inject
    public Compressor(Ticker ticker) {
        this.ticker = ticker;
    }

    /** Compresses {@code request.original()}; the original is not changed. */
    public CompressionResult compress(CompressionRequest request) {
        long start = ticker.nanos();
        return held(request, Nd.forwardAll(request.rows(), request.original().layers()), 1, start);
    }

    /**
     * The same compression, given the original network's outputs over {@code request.rows()}, e.g.
     * rows of activations computed once over a whole data set: local explanations solve one small
     * problem per explained row, on a few rows each, and would otherwise run the original network
     * forward again every time. With the forward pass of {@code request.rows()} the result is
     * exactly that of {@link #compress(CompressionRequest)}.
     *
     * @param originalActivations layers 1..d+1 of the original network over the request's rows
     *                            (index 0 = layer 1), each {@code [N, n_l]}
     */
    public CompressionResult compress(CompressionRequest request, List<Matrix> originalActivations) {
        return compress(request, originalActivations, 1);
    }

    /**
     * {@link #compress(CompressionRequest, List)} with each layer's products and Gram matrix shared out
     * to {@code threads} threads, in fixed blocks: the same result for any thread count.
     */
    public CompressionResult compress(CompressionRequest request, List<Matrix> originalActivations, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        long start = ticker.nanos();
        List<DenseLayer> layers = request.original().layers();
        if (originalActivations.size() != layers.size()) {
            throw new IllegalArgumentException(originalActivations.size() + " activation matrices for "
                    + layers.size() + " layers");
        }
        for (int l = 0; l < layers.size(); l++) {
            Matrix a = originalActivations.get(l);
            if (a.rows() != request.rows().rows() || a.cols() != layers.get(l).outputs()) {
                throw new IllegalArgumentException("activations of layer " + (l + 1) + " are [" + a.rows() + ", "
                        + a.cols() + "], expected [" + request.rows().rows() + ", " + layers.get(l).outputs() + "]");
            }
        }
        return held(request, originalActivations, threads, start);
    }

    /** The layer loop over rows held in memory, with its products and Gram matrices on {@code threads} threads. */
    private CompressionResult held(CompressionRequest request, List<Matrix> originalActivations, int threads, long start) {
        ExecutorService pool = Nd.pool(threads, "illc-layer");
        try {
            return loop(request.original(), request.clusterCounts(), request.clustering(), request.aggregation(),
                    request.seed(), new HeldLayerRows(request, originalActivations, pool), originalActivations, start);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /**
     * A global or ILLC compression of {@code request.original()} over rows streamed by {@code rows}
     * (uniform row weights, unweighted points): only sums over rows are computed, so memory does not
     * grow with the rows. Given the same rows it returns exactly what {@link #compress(CompressionRequest)}
     * returns: the same partitions and the same network. The result holds no activations
     * ({@link CompressionResult#originalActivations()} is empty).
     *
     * @throws io.illc.core.InputException when the aggregation has no sum-over-rows form
     *                                     ({@link io.illc.api.AggregationFunction#outgoingSums})
     */
    public CompressionResult compress(StreamedCompressionRequest request, RowPasses rows) {
        long start = ticker.nanos();
        if (rows.features() != request.original().inputCount()) {
            throw new IllegalArgumentException("rows have " + rows.features() + " features, the model takes "
                    + request.original().inputCount());
        }
        if (rows.count() < 1) {
            throw new IllegalArgumentException("cannot compress on zero rows");
        }
        StreamedLayerRows layerRows = new StreamedLayerRows(rows, request.original(), request.method(),
                request.aggregation());
        return loop(request.original(), request.clusterCounts(), request.clustering(), request.aggregation(),
                request.seed(), layerRows, List.of(), start);
    }

    /** The layer loop, the one sequence of steps of every compression; {@code rows} is where the sums come from. */
    private CompressionResult loop(Mlp original, int[] k, ClusteringStrategy clustering, AggregationFunction aggregation,
                                   long seed, LayerRows rows, List<Matrix> originalActivations, long start) {
        StageTimings timings = new StageTimings(ticker);
        int d = original.hiddenLayerCount();
        timings.add("activations", start);

        List<ClusterAssignment> partitions = new ArrayList<>(d);
        List<DenseLayer> merged = new ArrayList<>(d + 1);
        DenseLayer halfMerged = original.layer(1);
        for (int l = 1; l <= d; l++) {
            start = ticker.nanos();
            NeuronPoints neuronPoints = rows.points(l, halfMerged, merged);
            timings.add("activations", start);

            start = ticker.nanos();
            ClusterAssignment partition = clustering.cluster(neuronPoints, k[l - 1], CompressionRequest.layerSeed(seed, l));
            checkPartition(partition, halfMerged.outputs(), l);
            partitions.add(partition);
            timings.add("clustering.layer" + l, start);

            start = ticker.nanos();
            merged.add(aggregation.mergeIncoming(halfMerged, partition));
            halfMerged = rows.mergeOutgoing(l, original.layer(l + 1), partition, merged);
            timings.add("merge", start);
        }
        merged.add(halfMerged);
        Mlp compressed = new Mlp(merged, original.inputNames(), original.outputNames());
        return new CompressionResult(compressed, partitions, originalActivations, timings);
    }

    /**
     * A clustering must label every neuron of the layer. It may return fewer clusters than asked
     * (fewer distinct points), and a fixed partition ({@code labels}) decides its own count.
     */
    private static void checkPartition(ClusterAssignment partition, int neurons, int layer) {
        if (partition.neurons() != neurons) {
            throw new IllegalStateException("the clustering returned " + partition.neurons() + " labels for the "
                    + neurons + " neurons of hidden layer " + layer);
        }
    }
}
