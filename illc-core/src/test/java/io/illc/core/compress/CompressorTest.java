package io.illc.core.compress;

import io.illc.api.Activation;
import io.illc.api.ClusterAssignment;
import io.illc.api.ClusteringStrategy;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.NeuronPoints;
import io.illc.api.Vector;
import io.illc.core.spec.CompressionSpec.Method;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.illc.core.compress.GoldenCompressionTest.assertNetworksClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CompressorTest {

    /**
     * x → relu([1, 3] x) → relu(W2 · h + [0, 1]) → linear([1, 2] · h + 0.25), with W2 = [[1, 2], [2, -1]],
     * rows x = 1 and x = 2, every hidden layer merged into one cluster.
     */
    private static final Mlp HAND = Mlp.unnamed(List.of(
            layer(new double[][]{{1}, {3}}, new double[]{0, 0}, Activation.RELU),
            layer(new double[][]{{1, 2}, {2, -1}}, new double[]{0, 1}, Activation.RELU),
            layer(new double[][]{{1, 2}}, new double[]{0.25}, Activation.LINEAR)));
    private static final Matrix HAND_ROWS = Matrix.of(new double[][]{{1}, {2}});

    @Test
    void illcClustersLayerTwoOnActivationsFedByTheMergedLayerOne() {
        Recording clustering = new Recording(oneCluster());
        new Compressor().compress(CompressionRequest.uniform(HAND, HAND_ROWS, Method.ILLC, new int[]{1, 1},
                clustering, new SumOutgoing(), 0));

        // Merged layer 1: weight mean(1, 3) = 2, so X_1 = 2x; W̃_2 = row sums = [[3], [1]].
        // A_2 = relu([3x·2, 1·2x + 1]) = [6, 3] at x = 1 and [12, 5] at x = 2.
        assertEquals(Matrix.of(new double[][]{{1, 3}, {2, 6}}), clustering.seen.get(0).points());
        assertEquals(Matrix.of(new double[][]{{6, 3}, {12, 5}}), clustering.seen.get(1).points());
    }

    @Test
    void globalClustersEveryLayerOnTheOriginalActivations() {
        Recording clustering = new Recording(oneCluster());
        new Compressor().compress(CompressionRequest.uniform(HAND, HAND_ROWS, Method.GLOBAL, new int[]{1, 1},
                clustering, new SumOutgoing(), 0));

        // A_2 = relu([x + 6x, 2x − 3x + 1]) = [7, 0] at x = 1 and [14, 0] at x = 2.
        assertEquals(Matrix.of(new double[][]{{7, 0}, {14, 0}}), clustering.seen.get(1).points());
    }

    @Test
    void mergesByAveragingIncomingAndSummingOutgoingWeights() {
        CompressionResult result = new Compressor().compress(CompressionRequest.uniform(HAND, HAND_ROWS, Method.ILLC,
                new int[]{1, 1}, oneCluster(), new SumOutgoing(), 0));

        Mlp expected = Mlp.unnamed(List.of(
                layer(new double[][]{{2}}, new double[]{0}, Activation.RELU),
                layer(new double[][]{{2}}, new double[]{0.5}, Activation.RELU),
                layer(new double[][]{{3}}, new double[]{0.25}, Activation.LINEAR)));
        assertNetworksClose(expected, result.compressed());
        assertEquals(List.of(ClusterAssignment.fromLabels(new int[]{0, 0}), ClusterAssignment.fromLabels(new int[]{0, 0})),
                result.partitions());
    }

    @Test
    void noCompressionGivesBackTheOriginalNetwork() {
        Mlp mlp = random(new int[]{4, 7, 6, 5, 3}, 11, Activation.SOFTMAX);
        Matrix rows = randomRows(20, 4, 12);
        for (Method method : Method.values()) {
            CompressionResult result = new Compressor().compress(CompressionRequest.uniform(mlp, rows, method,
                    mlp.hiddenWidths(), (points, k, seed) -> ClusterAssignment.identity(points.neurons()),
                    new SumOutgoing(), 0));
            assertNetworksClose(mlp, result.compressed());
        }
    }

    @Test
    void globalAndIllcGiveTheSameNetworkForTheSamePartitions() {
        Mlp mlp = random(new int[]{5, 8, 8, 6, 2}, 3, Activation.SOFTMAX);
        Matrix rows = randomRows(30, 5, 4);
        ClusteringStrategy fixed = (points, k, seed) -> ClusterAssignment.fromLabels(
                java.util.stream.IntStream.range(0, points.neurons()).map(i -> i % k).toArray());
        int[] k = {3, 4, 2};
        CompressionResult global = new Compressor().compress(CompressionRequest.uniform(mlp, rows, Method.GLOBAL, k, fixed, new SumOutgoing(), 0));
        CompressionResult illc = new Compressor().compress(CompressionRequest.uniform(mlp, rows, Method.ILLC, k, fixed, new SumOutgoing(), 0));

        assertEquals(global.compressed(), illc.compressed());
    }

    @Test
    void globalAndIllcClusterTheFirstLayerOnTheSamePoints() {
        Mlp mlp = random(new int[]{5, 8, 8, 2}, 5, Activation.SIGMOID);
        Matrix rows = randomRows(25, 5, 6);
        Recording global = new Recording(oneCluster());
        Recording illc = new Recording(oneCluster());
        new Compressor().compress(CompressionRequest.uniform(mlp, rows, Method.GLOBAL, new int[]{1, 1}, global, new SumOutgoing(), 0));
        new Compressor().compress(CompressionRequest.uniform(mlp, rows, Method.ILLC, new int[]{1, 1}, illc, new SumOutgoing(), 0));

        assertEquals(global.seen.get(0).points(), illc.seen.get(0).points());
    }

    @Test
    void duplicatedNeuronsMergeWithoutLoss() {
        // Hidden layer 1 holds neurons 0 and 1 twice each; merging the copies must not change the function.
        DenseLayer first = layer(new double[][]{{1, -2}, {0.5, 1}, {1, -2}, {0.5, 1}}, new double[]{0.1, -0.2, 0.1, -0.2}, Activation.RELU);
        DenseLayer out = layer(new double[][]{{1, 2, 3, -1}, {-1, 0.5, 2, 1}}, new double[]{0, 0.3}, Activation.SOFTMAX);
        Mlp mlp = Mlp.unnamed(List.of(first, out));
        Matrix rows = randomRows(15, 2, 8);
        ClusteringStrategy copies = (points, k, seed) -> ClusterAssignment.fromLabels(new int[]{0, 1, 0, 1});

        Mlp compressed = new Compressor().compress(CompressionRequest.uniform(mlp, rows, Method.ILLC, new int[]{2},
                copies, new SumOutgoing(), 0)).compressed();

        for (int r = 0; r < rows.rows(); r++) {
            double[][] a = mlp.forward(rows.row(r));
            double[][] b = compressed.forward(rows.row(r));
            assertArrayEquals(a[2], b[2], 1e-12);
        }
    }

    @Test
    void eachLayerGetsItsOwnReproducibleSeed() {
        List<Long> seeds = new ArrayList<>();
        ClusteringStrategy recordSeeds = (points, k, seed) -> {
            seeds.add(seed);
            return ClusterAssignment.identity(points.neurons());
        };
        new Compressor().compress(CompressionRequest.uniform(HAND, HAND_ROWS, Method.ILLC, new int[]{2, 2}, recordSeeds, new SumOutgoing(), 7));
        assertEquals(List.of(CompressionRequest.layerSeed(7, 1), CompressionRequest.layerSeed(7, 2)), seeds);
        assertEquals(2, seeds.stream().distinct().count());
    }

    /**
     * Layers wider than a block of the forward pass and a tile of the Gram matrices, so that threads
     * share out both: every layer's points, Gram matrix and the network are the same on any number.
     */
    @Test
    void illcOnOneTwoOrFiveThreadsSeesTheSamePointsAndGivesTheSameNetwork() {
        Mlp mlp = random(new int[]{6, 300, 260, 3}, 12, Activation.SOFTMAX);
        Matrix rows = randomRows(40, 6, 13);
        List<Matrix> activations = io.illc.core.linalg.Nd.forwardAll(rows, mlp.layers());
        CompressionRequest request = CompressionRequest.uniform(mlp, rows, Method.ILLC, new int[]{30, 20},
                (points, k, seed) -> ClusterAssignment.fromLabels(
                        java.util.stream.IntStream.range(0, points.neurons()).map(i -> i % k).toArray()),
                new SumOutgoing(), 0);
        Recording one = new Recording(request.clustering());
        CompressionResult expected = new Compressor().compress(withClustering(request, one), activations, 1);
        for (int threads : new int[]{2, 5}) {
            Recording more = new Recording(request.clustering());
            CompressionResult actual = new Compressor().compress(withClustering(request, more), activations, threads);
            assertEquals(expected.compressed(), actual.compressed(), threads + " threads");
            for (int l = 0; l < 2; l++) {
                assertEquals(one.seen.get(l).points(), more.seen.get(l).points());
                assertEquals(one.seen.get(l).gram(), more.seen.get(l).gram());
            }
        }
    }

    private static CompressionRequest withClustering(CompressionRequest r, ClusteringStrategy clustering) {
        return CompressionRequest.uniform(r.original(), r.rows(), r.method(), r.clusterCounts(), clustering,
                r.aggregation(), r.seed());
    }

    /** The average aggregation's outgoing merge: columns summed over each cluster. */
    static final class SumOutgoing implements io.illc.api.AggregationFunction {
        @Override
        public DenseLayer mergeOutgoing(io.illc.api.OutgoingMerge merge) {
            DenseLayer next = merge.next();
            ClusterAssignment p = merge.clusters();
            double[][] w = new double[next.outputs()][p.clusterCount()];
            for (int t = 0; t < next.outputs(); t++) {
                for (int i = 0; i < next.inputs(); i++) {
                    w[t][p.label(i)] += next.weights().get(t, i);
                }
            }
            return new DenseLayer(Matrix.of(w), next.bias(), next.activation());
        }
    }

    private static final class Recording implements ClusteringStrategy {
        final List<NeuronPoints> seen = new ArrayList<>();
        final ClusteringStrategy inner;

        Recording(ClusteringStrategy inner) {
            this.inner = inner;
        }

        @Override
        public ClusterAssignment cluster(NeuronPoints points, int k, long seed) {
            seen.add(points);
            return inner.cluster(points, k, seed);
        }
    }

    private static ClusteringStrategy oneCluster() {
        return (points, k, seed) -> ClusterAssignment.fromLabels(new int[points.neurons()]);
    }

    static DenseLayer layer(double[][] w, double[] b, Activation a) {
        return new DenseLayer(Matrix.of(w), Vector.of(b), a);
    }

    static Mlp random(int[] widths, long seed, Activation output) {
        Random random = new Random(seed);
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 1; l < widths.length; l++) {
            double[][] w = new double[widths[l]][widths[l - 1]];
            double[] b = new double[widths[l]];
            for (int j = 0; j < widths[l]; j++) {
                for (int i = 0; i < widths[l - 1]; i++) {
                    w[j][i] = random.nextGaussian();
                }
                b[j] = random.nextGaussian() * 0.1;
            }
            layers.add(layer(w, b, l == widths.length - 1 ? output : Activation.RELU));
        }
        return Mlp.unnamed(layers);
    }

    static Matrix randomRows(int rows, int cols, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[rows][cols];
        for (double[] row : x) {
            for (int i = 0; i < cols; i++) {
                row[i] = random.nextGaussian();
            }
        }
        return Matrix.of(x);
    }
}
