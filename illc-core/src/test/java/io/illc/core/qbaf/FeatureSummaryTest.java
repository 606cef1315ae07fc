package io.illc.core.qbaf;

import io.illc.api.Activation;
import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.Edge;
import io.illc.api.LocalContext;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Qbaf;
import io.illc.api.Vector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;

import static io.illc.core.qbaf.QbafEvaluatorTest.cluster;
import static io.illc.core.qbaf.QbafEvaluatorTest.input;
import static io.illc.core.qbaf.QbafEvaluatorTest.output;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FeatureSummaryTest {
    private static final double SIGMA = Math.sqrt(2.0 / 3);
    /** Three rows; both columns have population σ = √(2/3). */
    private static final Matrix ROWS = Matrix.of(new double[][] {{1, 1}, {0, 2}, {-1, 0}});

    /**
     * a, b → C1.0 = relu(2a − b), C1.1 = relu(−1 + a + 3b) → o = 1.5·C1.0 − 2·C1.1 (linear), with the
     * first layer's weights of a divided by {@code aScale}.
     */
    static Qbaf hand(double aScale) {
        return new Qbaf(List.of(input("a"), input("b"), cluster("C1.0", 1, 0, Activation.RELU),
                cluster("C1.1", 1, -1, Activation.RELU), output("o", 2, 0, Activation.LINEAR)),
                List.of(new Edge("a", "C1.0", 2 / aScale), new Edge("b", "C1.0", -1),
                        new Edge("a", "C1.1", 1 / aScale), new Edge("b", "C1.1", 3),
                        new Edge("C1.0", "o", 1.5), new Edge("C1.1", "o", -2)),
                List.of(Activation.RELU, Activation.LINEAR), null);
    }

    @Test
    void globalSummaryIsTheMeanPathSumScaledByEachFeaturesStandardDeviation() {
        FeatureSummary s = FeatureSummary.global(hand(1), ROWS);

        // Layer 1: the weights times σ, whatever the row.
        assertArrayEquals(new double[] {2 * SIGMA, -SIGMA}, s.of("C1.0"), 1e-15);
        assertArrayEquals(new double[] {SIGMA, 3 * SIGMA}, s.of("C1.1"), 1e-15);
        // o: row (1, 1) has both active: 1.5·(2, −1) − 2·(1, 3) = (1, −7.5); row (0, 2) only C1.1:
        // −2·(1, 3) = (−2, −6); row (−1, 0) neither: (0, 0). Mean (−1/3, −4.5), times σ.
        assertArrayEquals(new double[] {-SIGMA / 3, -4.5 * SIGMA}, s.of("o"), 1e-15);
        assertArrayEquals(new double[] {SIGMA, SIGMA}, s.std(), 1e-15);
        assertEquals(List.of("a", "b"), s.features());
        assertEquals(List.of("C1.0", "C1.1", "o"), s.arguments());
        assertEquals(3, s.rows());
        assertEquals(FeatureSummary.Scale.STD, s.scale());
    }

    @Test
    void standardDeviationsArePopulationOnesOfEachColumn() {
        // Column 0: mean 3, squares 4 + 0 + 4 = 8 → √(8/3); column 1: mean 20, 100 + 100 + 400 → √200.
        assertArrayEquals(new double[] {Math.sqrt(8.0 / 3), Math.sqrt(200)},
                FeatureSummary.standardDeviations(Matrix.of(new double[][] {{1, 10}, {3, 10}, {5, 40}})));
    }

    @Test
    void aGlobalSummaryOfAHundredThousandFeaturesHoldsRowsOnlyForTheArgumentsItSummarises() {
        // x_0..x_99999 → C = relu(Σ w_f x_f), w_f = 1 + f mod 2 → o = C. Row (1, …, 1) has C active,
        // row (−1, …, −1) not; σ_f = 1. A row of path sums for every argument, inputs too, was 80 GB.
        int n = 100_000;
        List<io.illc.api.Argument> arguments = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            arguments.add(input("x" + f));
            edges.add(new Edge("x" + f, "C", 1 + f % 2));
        }
        arguments.add(cluster("C", 1, 0, Activation.RELU));
        arguments.add(output("o", 2, 0, Activation.LINEAR));
        edges.add(new Edge("C", "o", 1));
        double[][] rows = new double[2][n];
        Arrays.fill(rows[0], 1);
        Arrays.fill(rows[1], -1);

        FeatureSummary s = FeatureSummary.global(new Qbaf(arguments, edges, List.of(Activation.RELU, Activation.LINEAR),
                null), Matrix.of(rows), 1);

        double[] c = new double[n];
        double[] o = new double[n];
        for (int f = 0; f < n; f++) {
            c[f] = 1 + f % 2; // the weight times σ_f = 1
            o[f] = (1 + f % 2) / 2.0; // the mean of the weight (row 1) and 0 (row 2, C inactive)
        }
        assertArrayEquals(c, s.of("C"));
        assertArrayEquals(o, s.of("o"));
    }

    @Test
    void localSummaryIsThePathSumTimesTheFeatureValueAtTheRow() {
        Qbaf local = local(hand(1), 0, 2);

        FeatureSummary s = FeatureSummary.local(local);

        // At (0, 2) only C1.1 is active: G_o = (−2, −6), times x = (0, 2).
        assertArrayEquals(new double[] {0, -12}, s.of("o"), 1e-15);
        // Layer 1: weight × value, the edges' contributions to the pre-activation.
        assertArrayEquals(new double[] {0, -2}, s.of("C1.0"), 1e-15);
        assertNull(s.std());
        assertEquals(1, s.rows());
        assertEquals(FeatureSummary.Scale.VALUE, s.scale());
    }

    @Test
    void summariesDoNotDependOnAFeaturesUnits() {
        // a in milli-units: its column × 1000 and its first-layer weights / 1000 (what training on
        // standardised data and folding does) computes the very same network.
        Matrix rescaled = Matrix.of(new double[][] {{1000, 1}, {0, 2}, {-1000, 0}});

        FeatureSummary before = FeatureSummary.global(hand(1), ROWS);
        FeatureSummary after = FeatureSummary.global(hand(1000), rescaled);

        for (String id : before.arguments()) {
            assertArrayEquals(before.of(id), after.of(id), 1e-12, id);
        }
        assertArrayEquals(FeatureSummary.local(local(hand(1), 1, 1)).of("o"),
                FeatureSummary.local(local(hand(1000), 1000, 1)).of("o"), 1e-12);
    }

    @Test
    void globalMeanRunsOverAtMostMaxRowsEvenlySpaced() {
        double[][] rows = new double[2500][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = new double[] {r % 2, 1};
        }
        FeatureSummary s = FeatureSummary.global(hand(1), Matrix.of(rows));

        assertEquals(FeatureSummary.MAX_ROWS, s.rows());
    }

    @Test
    void globalPathSumsOfADeepNetworkMatchCentralFiniteDifferencesOverManyRowBlocks() {
        // 3 inputs → tanh 6 → tanh 5 → tanh 4 → 2 linear outputs, 150 rows (more than one block of
        // rows): ∂z_c/∂x_f by central differences of the pre-activation, averaged, times σ_f.
        Random random = new Random(11);
        int[] widths = {3, 6, 5, 4, 2};
        List<DenseLayer> layers = randomLayers(random, widths, Activation.TANH, () -> random.nextGaussian() * 0.8);
        Mlp mlp = Mlp.unnamed(layers);
        double[][] rows = randomRows(random, 150, 3);
        Qbaf qbaf = uncompressed(mlp, widths);

        FeatureSummary s = FeatureSummary.global(qbaf, Matrix.of(rows));

        double[] std = s.std();
        List<String> ids = s.arguments();
        int at = 0;
        for (int l = 1; l < widths.length; l++) {
            for (int j = 0; j < widths[l]; j++, at++) {
                double[] expected = new double[3];
                for (double[] row : rows) {
                    for (int f = 0; f < 3; f++) {
                        double h = 1e-5;
                        double[] up = row.clone();
                        double[] down = row.clone();
                        up[f] += h;
                        down[f] -= h;
                        expected[f] += (preActivation(layers, l, j, up) - preActivation(layers, l, j, down)) / (2 * h)
                                / rows.length * std[f];
                    }
                }
                assertArrayEquals(expected, s.of(ids.get(at)), 1e-8, ids.get(at));
            }
        }
        // The blocks of rows may run on any number of threads: the same bits.
        for (int threads : new int[]{1, 2, 3}) {
            FeatureSummary on = FeatureSummary.global(qbaf, Matrix.of(rows), threads);
            for (String id : ids) {
                assertArrayEquals(s.of(id), on.of(id), 0.0, threads + " threads, " + id);
            }
        }
    }

    /**
     * Layers of the given widths, {@code hidden} on the hidden ones and linear on the output, each
     * neuron's bias drawn from N(0, 0.3²) and then its weights from {@code weight}.
     */
    private static List<DenseLayer> randomLayers(Random random, int[] widths, Activation hidden, DoubleSupplier weight) {
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 1; l < widths.length; l++) {
            double[][] w = new double[widths[l]][widths[l - 1]];
            double[] b = new double[widths[l]];
            for (int j = 0; j < widths[l]; j++) {
                b[j] = random.nextGaussian() * 0.3;
                for (int i = 0; i < widths[l - 1]; i++) {
                    w[j][i] = weight.getAsDouble();
                }
            }
            layers.add(new DenseLayer(Matrix.of(w), Vector.of(b), l == widths.length - 1 ? Activation.LINEAR : hidden));
        }
        return layers;
    }

    /** {@code n} rows of {@code features} standard normal values. */
    private static double[][] randomRows(Random random, int n, int features) {
        double[][] rows = new double[n][features];
        for (double[] row : rows) {
            for (int f = 0; f < features; f++) {
                row[f] = random.nextGaussian();
            }
        }
        return rows;
    }

    /** The global QBAF of {@code mlp} compressed not at all: one cluster per neuron. */
    private static Qbaf uncompressed(Mlp mlp, int[] widths) {
        return QbafBuilder.global(mlp, IntStream.range(1, widths.length - 1)
                .mapToObj(l -> ClusterAssignment.identity(widths[l])).toList());
    }

    /** z of neuron {@code j} of layer {@code l} (1-based) at input {@code x}. */
    private static double preActivation(List<DenseLayer> layers, int l, int j, double[] x) {
        double[] s = x;
        for (int k = 0; k < l; k++) {
            DenseLayer d = layers.get(k);
            double[] z = new double[d.outputs()];
            for (int o = 0; o < z.length; o++) {
                z[o] = d.bias().get(o);
                for (int i = 0; i < s.length; i++) {
                    z[o] += d.weights().get(o, i) * s[i];
                }
            }
            if (k == l - 1) {
                return z[j];
            }
            for (int o = 0; o < z.length; o++) {
                z[o] = d.activation().apply(z[o]);
            }
            s = z;
        }
        throw new IllegalArgumentException("no layer " + l);
    }

    @Test
    void aSummaryReadOffTheNetworkIsBitForBitTheSummaryOfItsQbaf() {
        // 4 inputs → relu 7 → relu 6 → 3 linear outputs, with weights of +0 and −0 (edges the QBAF
        // leaves out), over 140 rows (three blocks of rows).
        Random random = new Random(5);
        int[] widths = {4, 7, 6, 3};
        Mlp mlp = Mlp.unnamed(randomLayers(random, widths, Activation.RELU, () -> {
            int kind = random.nextInt(5);
            return kind == 0 ? 0.0 : kind == 1 ? -0.0 : random.nextGaussian();
        }));
        double[][] rows = randomRows(random, 140, 4);
        Qbaf qbaf = uncompressed(mlp, widths);

        FeatureSummary fromEdges = FeatureSummary.global(qbaf, Matrix.of(rows), 2);
        FeatureSummary fromNetwork = FeatureSummary.global(qbaf, mlp, Matrix.of(rows), 2);

        assertEquals(fromEdges.arguments(), fromNetwork.arguments());
        assertEquals(fromEdges.features(), fromNetwork.features());
        assertEquals(fromEdges.rows(), fromNetwork.rows());
        assertArrayEquals(fromEdges.std(), fromNetwork.std(), 0.0);
        for (String id : fromEdges.arguments()) {
            double[] expected = fromEdges.of(id);
            double[] actual = fromNetwork.of(id);
            for (int f = 0; f < expected.length; f++) { // the same bits, the sign of a zero included
                assertEquals(Double.doubleToRawLongBits(expected[f]), Double.doubleToRawLongBits(actual[f]), id + " " + f);
            }
        }
    }

    @Test
    void refusesANetworkTheQbafWasNotReadOff() {
        Mlp other = Mlp.unnamed(List.of(
                new DenseLayer(Matrix.of(new double[][] {{1, 1}, {1, 1}, {1, 1}}), Vector.of(0, 0, 0),
                        Activation.RELU),
                new DenseLayer(Matrix.of(new double[][] {{1, 1, 1}}), Vector.of(0), Activation.LINEAR)));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureSummary.global(hand(1), other, ROWS, 1));

        assertEquals("the QBAF has 5 arguments in 2 layers, but the network has 6 neurons in 2 layers;"
                + " give the QBAF read off this network", e.getMessage());
        // As many neurons in as many layers, in other places: 2 → 1 → 2 against the QBAF's 2 → 2 → 1.
        Mlp shifted = Mlp.unnamed(List.of(
                new DenseLayer(Matrix.of(new double[][] {{1, 1}}), Vector.of(0), Activation.RELU),
                new DenseLayer(Matrix.of(new double[][] {{1}, {1}}), Vector.of(0, 0), Activation.LINEAR)));
        IllegalArgumentException placed = assertThrows(IllegalArgumentException.class,
                () -> FeatureSummary.global(hand(1), shifted, ROWS, 1));
        assertEquals("argument 'C1.1' is of layer 1, but the network's neuron in its place is of layer 2", placed.getMessage());
    }

    @Test
    void refusesALocalSummaryOfAGlobalQbaf() {
        assertThrows(IllegalArgumentException.class, () -> FeatureSummary.local(hand(1)));
    }

    static Qbaf local(Qbaf global, double a, double b) {
        return new Qbaf(global.arguments(), global.edges(), global.activations(),
                new LocalContext(0, List.of(a, b), "o", null));
    }
}
