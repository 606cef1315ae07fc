package io.illc.core.qbaf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.illc.api.Activation;
import io.illc.api.Argument;
import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.LocalContext;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Qbaf;
import io.illc.api.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The round-trip property: evaluating the QBAF of a compressed network on a row gives the network's
 * own activations on that row, to 1e-12.
 */
class QbafRoundTripTest {
    private static final double TOLERANCE = 1e-12;

    static Stream<Arguments> activations() {
        List<Arguments> out = new ArrayList<>();
        for (Activation hidden : List.of(Activation.RELU, Activation.TANH, Activation.SIGMOID, Activation.leakyRelu(0.2),
                Activation.elu(0.5), Activation.SOFTPLUS, Activation.SILU, Activation.GELU, Activation.GELU_TANH)) {
            for (Activation output : List.of(Activation.SOFTMAX, Activation.SIGMOID)) {
                out.add(Arguments.of(hidden, output));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} hidden layers, {1} output")
    @MethodSource("activations")
    void evaluatingTheQbafReproducesTheCompressedNetwork(Activation hidden, Activation output) {
        Random random = new Random(31L * hidden.kind().ordinal() + output.kind().ordinal());
        for (int trial = 0; trial < 20; trial++) {
            int d = 1 + random.nextInt(3);
            List<ClusterAssignment> partitions = new ArrayList<>();
            List<DenseLayer> layers = new ArrayList<>();
            int previous = 1 + random.nextInt(5);
            for (int l = 1; l <= d; l++) {
                int clusters = 1 + random.nextInt(4);
                partitions.add(randomPartition(clusters + random.nextInt(4), clusters, random));
                layers.add(randomLayer(clusters, previous, hidden, random));
                previous = clusters;
            }
            layers.add(randomLayer(output == Activation.SOFTMAX ? 2 + random.nextInt(3) : 1 + random.nextInt(2),
                    previous, output, random));
            Mlp compressed = Mlp.unnamed(layers);

            Qbaf qbaf = QbafBuilder.global(compressed, partitions);
            assertEquals(countNonZeroWeights(compressed), qbaf.edges().size());
            QbafEvaluator evaluator = new QbafEvaluator(qbaf);
            for (int r = 0; r < 10; r++) {
                double[] row = random.doubles(compressed.inputCount(), -3, 3).toArray();
                assertMatchesForwardPass(compressed, evaluator.strengths(row), row);
            }
        }
    }

    @Test
    void evaluatingTheGoldenBreastCancerQbafReproducesTheCompressedNetworkOnEveryRow() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode model = json.readTree(resource("/golden/bc_tiny.global.ward.shrink0.5.compressed-model.json"));
        JsonNode clusters = json.readTree(resource("/golden/bc_tiny.global.ward.shrink0.5.clusters.json"));
        List<String[]> csv = readCsv("/io/illc/core/data/breast_cancer.csv");
        List<String> header = Arrays.asList(csv.get(0));
        List<String> features = header.subList(0, header.size() - 1);

        List<DenseLayer> layers = new ArrayList<>();
        for (JsonNode layer : model.get("layers")) {
            double[][] w = json.convertValue(layer.get("weights"), double[][].class);
            double[] b = json.convertValue(layer.get("bias"), double[].class);
            layers.add(new DenseLayer(Matrix.of(w), Vector.of(b), io.illc.core.io.ActivationJson.parse(layer.get("activation"))));
        }
        Mlp compressed = new Mlp(layers, features, List.of("malignant"));
        List<ClusterAssignment> partitions = new ArrayList<>();
        for (JsonNode labels : clusters.get("layers")) {
            partitions.add(ClusterAssignment.fromLabels(json.convertValue(labels, int[].class)));
        }

        Qbaf qbaf = QbafBuilder.global(compressed, partitions);
        // 30 features, 6 + 5 + 4 cluster-neurons, 1 output; layer-1 labels are [0,1,2,1,3,4,2,3,3,5,0,5].
        assertEquals(46, qbaf.arguments().size());
        Argument c13 = qbaf.arguments().get(30 + 3);
        assertEquals("C1.3", c13.id());
        assertEquals("C1.3 (3 neurons)", c13.label());
        assertEquals(List.of(4, 7, 8), c13.members());
        assertEquals(countNonZeroWeights(compressed), qbaf.edges().size());

        QbafEvaluator evaluator = new QbafEvaluator(qbaf);
        for (String[] line : csv.subList(1, csv.size())) {
            double[] row = Arrays.stream(line, 0, features.size()).mapToDouble(Double::parseDouble).toArray();
            assertMatchesForwardPass(compressed, evaluator.strengths(row), row);
        }

        double[] first = Arrays.stream(csv.get(1), 0, features.size()).mapToDouble(Double::parseDouble).toArray();
        LocalContext local = new LocalContext(0, Arrays.stream(first).boxed().toList(), "malignant", "malignant");
        Qbaf explained = QbafBuilder.local(compressed, partitions, local);
        double[] strengths = explained.arguments().stream().mapToDouble(Argument::strength).toArray();
        assertMatchesForwardPass(compressed, strengths, first);
    }

    /** Strengths in argument order must equal the forward pass layer by layer (inputs, hidden, outputs). */
    private static void assertMatchesForwardPass(Mlp mlp, double[] strengths, double[] row) {
        double[][] forward = mlp.forward(row);
        double[] flat = Arrays.stream(forward).flatMapToDouble(Arrays::stream).toArray();
        assertArrayEquals(flat, strengths, TOLERANCE);
    }

    private static DenseLayer randomLayer(int out, int in, Activation activation, Random random) {
        double[][] w = new double[out][in];
        for (double[] r : w) {
            for (int i = 0; i < in; i++) {
                // About a third of the weights are zero, so some neurons have no edge to them.
                r[i] = random.nextInt(3) == 0 ? 0 : random.nextGaussian();
            }
        }
        return new DenseLayer(Matrix.of(w), Vector.of(random.doubles(out, -1, 1).toArray()), activation);
    }

    /** A random partition of {@code neurons} neurons into exactly {@code clusters} non-empty clusters. */
    private static ClusterAssignment randomPartition(int neurons, int clusters, Random random) {
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < neurons; i++) {
            labels.add(i < clusters ? i : random.nextInt(clusters));
        }
        java.util.Collections.shuffle(labels, random);
        ClusterAssignment p = ClusterAssignment.fromLabels(labels.stream().mapToInt(Integer::intValue).toArray());
        assertEquals(clusters, p.clusterCount());
        return p;
    }

    private static int countNonZeroWeights(Mlp mlp) {
        int count = 0;
        for (DenseLayer layer : mlp.layers()) {
            for (double w : layer.weights().toRowMajor()) {
                count += w != 0 ? 1 : 0;
            }
        }
        return count;
    }

    private static InputStream resource(String name) {
        InputStream in = QbafRoundTripTest.class.getResourceAsStream(name);
        assertNotNull(in, "missing test resource " + name);
        return in;
    }

    private static List<String[]> readCsv(String name) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource(name), StandardCharsets.UTF_8))) {
            return reader.lines().filter(l -> !l.isBlank()).map(l -> l.split(",")).toList();
        }
    }
}
