package io.illc.core.compress;

import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.NeuronPoints;
import io.illc.api.OutgoingMerge;
import io.illc.core.linalg.Nd;
import io.illc.core.spec.CompressionSpec.Method;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

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

    /** Compresses {@code request.original()}; the original is not changed. */
    public CompressionResult compress(CompressionRequest request) {
        long start = System.nanoTime();
        INDArray data = Nd.toNd(request.rows());
        return compress(request, data, Nd.forwardAll(data, request.original().layers()), start);
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
        long start = System.nanoTime();
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
        List<INDArray> activations = originalActivations.stream().map(Nd::toNd).toList();
        return compress(request, Nd.toNd(request.rows()), activations, start);
    }

    /** The layer loop, from the data and the original network's outputs over it. */
    private CompressionResult compress(CompressionRequest request, INDArray data, List<INDArray> originalActivations,
                                       long start) {
        StageTimings timings = new StageTimings();
        Mlp original = request.original();
        int d = original.hiddenLayerCount();
        INDArray pointWeights = request.pointWeights() == null ? null
                : Nd.toNd(request.pointWeights()).reshape(request.rows().rows(), 1);
        timings.add("activations", start);

        List<Matrix> originalMatrices = new ArrayList<>(d + 1);
        List<ClusterAssignment> partitions = new ArrayList<>(d);
        List<DenseLayer> merged = new ArrayList<>(d + 1);
        DenseLayer halfMerged = original.layer(1);
        INDArray previous = data;
        int[] k = request.clusterCounts();
        for (int l = 1; l <= d; l++) {
            start = System.nanoTime();
            INDArray activations = request.method() == Method.GLOBAL
                    ? originalActivations.get(l - 1)
                    : Nd.forward(previous, halfMerged);
            INDArray points = pointWeights == null ? activations : activations.mulColumnVector(pointWeights);
            NeuronPoints neuronPoints = new NeuronPoints(l, Nd.toMatrix(points), Nd.centredGram(points));
            timings.add("activations", start);

            start = System.nanoTime();
            ClusterAssignment partition = request.clustering().cluster(neuronPoints, k[l - 1],
                    CompressionRequest.layerSeed(request.seed(), l));
            checkPartition(partition, halfMerged.outputs(), l);
            partitions.add(partition);
            timings.add("clustering.layer" + l, start);

            start = System.nanoTime();
            originalMatrices.add(Nd.toMatrix(originalActivations.get(l - 1)));
            DenseLayer clusterLayer = request.aggregation().mergeIncoming(halfMerged, partition);
            merged.add(clusterLayer);
            INDArray compressedActivations = Nd.forward(previous, clusterLayer);
            halfMerged = request.aggregation().mergeOutgoing(new OutgoingMerge(l, original.layer(l + 1), partition,
                    originalMatrices.get(l - 1), Nd.toMatrix(compressedActivations), request.rowWeights()));
            previous = compressedActivations;
            timings.add("merge", start);
        }
        merged.add(halfMerged);
        originalMatrices.add(Nd.toMatrix(originalActivations.get(d)));
        Mlp compressed = new Mlp(merged, original.inputNames(), original.outputNames());
        return new CompressionResult(compressed, partitions, originalMatrices, timings);
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
