package io.illc.plugins.aggregation;

import io.illc.api.Activation;
import io.illc.api.AggregationFunction;
import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.OutgoingMerge;
import io.illc.api.Parameter;
import io.illc.api.Parameters;
import io.illc.api.Vector;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/*
 * The objective per neuron t of layer l+1, with X̃ = [X, 1] (X alone when fitBias is false):
 *   Σ_x π̂_x (X̃_x θ_t − Z_{x,t})² + λ ‖θ_t − θ⁰_t‖²,   λ = ridge · trace(X̃ᵀ Π X̃) / p.
 * The helpers below compute it directly from the definition, independently of RefitAggregation.
 */
class RefitAggregationTest {
    private static final double TOLERANCE = 1e-12;

    private static RefitAggregation refit(double ridge, boolean fitBias) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("ridge", ridge);
        values.put("fitBias", fitBias);
        return (RefitAggregation) new RefitAggregationFactory().create(Parameters.of(values));
    }

    private static final AggregationFunction AVERAGE = new AverageAggregationFactory().create(Parameters.empty());

    /**
     * The hand case: layer l has 2 neurons in one cluster (K_l = 1), N = 2 rows with π̂ = (½, ½),
     * layer l+1 has one neuron.
     * <pre>
     * O = [[1, 1], [2, 4]]   X = [[1], [3]] (the cluster means)   W_{l+1} = [[2, −1]]   b = .5
     * Z = O Wᵀ + b = (1.5, .5)        θ⁰ = (W_sum, b) = (2 − 1, .5) = (1, .5)
     * X̃ᵀΠX̃ = ½[[1,1],[1,1]] + ½[[9,3],[3,1]] = [[5, 2], [2, 1]]   trace 6
     * X̃ᵀΠZ = ½(1,1)·1.5 + ½(3,1)·.5 = (1.5, 1)
     * </pre>
     */
    private static OutgoingMerge handCase() {
        return new OutgoingMerge(1, new DenseLayer(Matrix.of(new double[][] {{2, -1}}), Vector.of(0.5), Activation.SIGMOID),
                ClusterAssignment.fromLabels(new int[] {0, 0}),
                Matrix.of(new double[][] {{1, 1}, {2, 4}}), Matrix.of(new double[][] {{1}, {3}}), Vector.of(0.5, 0.5));
    }

    @Test
    void fitsTheHandCaseWithRidgeFromTheNormalEquations() {
        // ridge 1/3 → λ = (1/3)·6/2 = 1: [[6, 2], [2, 2]] θ = (1.5 + 1·1, 1 + 1·.5) = (2.5, 1.5)
        // → θ = [[2, −2], [−2, 6]]/8 · (2.5, 1.5) = (.25, .5).
        DenseLayer fitted = refit(1.0 / 3, true).mergeOutgoing(handCase());
        assertArrayEquals(new double[] {0.25}, fitted.weights().toRowMajor(), TOLERANCE);
        assertArrayEquals(new double[] {0.5}, fitted.bias().toArray(), TOLERANCE);
        assertEquals(Activation.SIGMOID, fitted.activation());
    }

    @Test
    void fitsTheHandCaseWithoutRidgeExactlyWhereTheSummedWeightsMissByFar() {
        // [[5, 2], [2, 1]] θ = (1.5, 1), det 1 → θ = [[1, −2], [−2, 5]] · (1.5, 1) = (−.5, 2):
        // −.5·1 + 2 = 1.5 and −.5·3 + 2 = .5 reproduce Z; θ⁰ = (1, .5) predicts (1.5, 3.5), residual ½·3² = 4.5.
        DenseLayer fitted = refit(0, true).mergeOutgoing(handCase());
        assertArrayEquals(new double[] {-0.5}, fitted.weights().toRowMajor(), TOLERANCE);
        assertArrayEquals(new double[] {2}, fitted.bias().toArray(), TOLERANCE);
        assertEquals(0, residual(handCase(), fitted, true), TOLERANCE);
        assertEquals(4.5, residual(handCase(), AVERAGE.mergeOutgoing(handCase()), true), TOLERANCE);
    }

    @Test
    void fitsTheHandCaseWeightsAloneWhenTheBiasIsKept() {
        // Target Z − b = (1, 0); X̃ᵀΠX̃ = 5, λ = (1/3)·5/1 = 5/3, X̃ᵀΠ(Z − b) = ½·1 + ½·3·0 = .5, θ⁰ = 1:
        // (5 + 5/3) θ = .5 + 5/3 → θ = (13/6)/(20/3) = 13/40.
        DenseLayer fitted = refit(1.0 / 3, false).mergeOutgoing(handCase());
        assertArrayEquals(new double[] {13.0 / 40}, fitted.weights().toRowMajor(), TOLERANCE);
        assertEquals(Vector.of(0.5), fitted.bias());
    }

    @Test
    void reproducesTheNetworkExactlyWithoutCompression() {
        // Identity partitions: X_l = O^M_l, so X̃ θ⁰ = Z exactly and θ⁰ minimises both terms.
        Mlp original = threeLayerNetwork();
        double[][] rows = randomRows(new Random(3), 12, original.inputCount());
        Mlp compressed = AverageAggregationTest.compress(refit(RefitAggregationFactory.DEFAULT_RIDGE, true), original,
                List.of(ClusterAssignment.identity(4), ClusterAssignment.identity(3)), rows, Vector.filled(rows.length, 1.0 / rows.length));
        for (int l = 1; l <= 3; l++) {
            assertArrayEquals(original.layer(l).weights().toRowMajor(), compressed.layer(l).weights().toRowMajor(), 1e-9, "layer " + l);
            assertArrayEquals(original.layer(l).bias().toArray(), compressed.layer(l).bias().toArray(), 1e-9, "layer " + l);
            assertEquals(original.layer(l).activation(), compressed.layer(l).activation());
        }
    }

    @Test
    void leavesClustersOfIdenticalNeuronsAsTheAverageAggregationMergesThem() {
        // Neurons 0 and 1 of layer 1 are identical: the summed weights reproduce Z exactly, so the fit keeps them.
        Mlp original = Mlp.unnamed(List.of(
                new DenseLayer(Matrix.of(new double[][] {{0.5, -1}, {0.5, -1}, {2, 0.25}}), Vector.of(0.1, 0.1, -0.3), Activation.RELU),
                new DenseLayer(Matrix.of(new double[][] {{1.5, -0.5, 2}, {0.3, 0.7, -1.1}}), Vector.of(0.2, 0.4), Activation.RELU),
                new DenseLayer(Matrix.of(new double[][] {{1, -2}, {0.5, 0.5}}), Vector.of(0, 0.1), Activation.SOFTMAX)));
        double[][] rows = {{1, 0}, {-2, -3}, {0.7, 1.9}, {3, -1}, {0, 0}, {-1, 2}};
        List<ClusterAssignment> partitions = List.of(ClusterAssignment.fromLabels(new int[] {0, 0, 1}), ClusterAssignment.identity(2));
        Vector pi = Vector.filled(rows.length, 1.0 / rows.length);
        Mlp refitted = AverageAggregationTest.compress(refit(RefitAggregationFactory.DEFAULT_RIDGE, true), original, partitions, rows, pi);
        Mlp averaged = AverageAggregationTest.compress(AVERAGE, original, partitions, rows, pi);
        for (int l = 1; l <= 3; l++) {
            assertArrayEquals(averaged.layer(l).weights().toRowMajor(), refitted.layer(l).weights().toRowMajor(), 1e-9, "layer " + l);
            assertArrayEquals(averaged.layer(l).bias().toArray(), refitted.layer(l).bias().toArray(), 1e-9, "layer " + l);
        }
        for (double[] row : rows) {
            assertArrayEquals(original.forward(row)[3], refitted.forward(row)[3], 1e-9);
        }
    }

    @Test
    void neverFitsWorseThanTheSummedWeightsOnRandomProblems() {
        Random random = new Random(11);
        for (int trial = 0; trial < 30; trial++) {
            OutgoingMerge merge = randomMerge(random);
            DenseLayer summed = AVERAGE.mergeOutgoing(merge);
            for (boolean fitBias : new boolean[] {true, false}) {
                for (double ridge : new double[] {1e-8, RefitAggregationFactory.DEFAULT_RIDGE, 1.0}) {
                    DenseLayer fitted = refit(ridge, fitBias).mergeOutgoing(merge);
                    double lambda = lambda(merge, ridge, fitBias);
                    // θ⁰ is a candidate of the ridge objective, with penalty 0.
                    double atSummed = residual(merge, summed, fitBias);
                    double atFit = residual(merge, fitted, fitBias) + lambda * distanceSquared(fitted, summed, fitBias);
                    String what = "trial " + trial + ", ridge " + ridge + ", fitBias " + fitBias;
                    assertTrue(atFit <= atSummed + 1e-12 * (1 + atSummed), what + ": objective " + atFit + " > " + atSummed);
                    // The penalty is ≥ 0, so the plain weighted residual cannot be worse either.
                    assertTrue(residual(merge, fitted, fitBias) <= atSummed + 1e-12 * (1 + atSummed), what);
                }
            }
        }
    }

    @Test
    void solvesTheNormalEquationsOnRandomProblems() {
        // The gradient of the objective vanishes at the fit: X̃ᵀΠ(X̃θ_t − Z_t) + λ(θ_t − θ⁰_t) = 0.
        Random random = new Random(5);
        for (int trial = 0; trial < 30; trial++) {
            OutgoingMerge merge = randomMerge(random);
            for (boolean fitBias : new boolean[] {true, false}) {
                double ridge = RefitAggregationFactory.DEFAULT_RIDGE;
                DenseLayer fitted = refit(ridge, fitBias).mergeOutgoing(merge);
                double[][] gradient = gradient(merge, fitted, AVERAGE.mergeOutgoing(merge), lambda(merge, ridge, fitBias), fitBias);
                for (double[] g : gradient) {
                    assertArrayEquals(new double[g.length], g, 1e-9, "trial " + trial + ", fitBias " + fitBias);
                }
            }
        }
    }

    @Test
    void equalRowWeightsGiveTheUnweightedRidgeSolution() {
        // With π̂ = 1/N the objective is (1/N) · [Σ_x (X̃_x θ − Z_x)² + ridge · trace(X̃ᵀX̃)/p · ‖θ − θ⁰‖²],
        // solved here directly by Gaussian elimination on the unweighted normal equations.
        Random random = new Random(23);
        for (int trial = 0; trial < 10; trial++) {
            OutgoingMerge weighted = randomMerge(random);
            int rows = weighted.rowWeights().size();
            OutgoingMerge merge = new OutgoingMerge(weighted.layer(), weighted.next(), weighted.clusters(),
                    weighted.originalActivations(), weighted.compressedActivations(), Vector.filled(rows, 1.0 / rows));
            double ridge = 0.01;
            DenseLayer fitted = refit(ridge, true).mergeOutgoing(merge);
            double[][] design = design(merge, true);
            double[][] z = target(merge, true);
            int p = design[0].length;
            double[][] gram = new double[p][p];
            double trace = 0;
            for (int a = 0; a < p; a++) {
                for (int c = 0; c < p; c++) {
                    for (double[] x : design) {
                        gram[a][c] += x[a] * x[c];
                    }
                }
                trace += gram[a][a];
            }
            double lambda = ridge * trace / p;
            double[][] theta0 = theta(AVERAGE.mergeOutgoing(merge), true);
            for (int t = 0; t < merge.next().outputs(); t++) {
                double[][] system = new double[p][p + 1];
                for (int a = 0; a < p; a++) {
                    System.arraycopy(gram[a], 0, system[a], 0, p);
                    system[a][a] += lambda;
                    for (int x = 0; x < rows; x++) {
                        system[a][p] += design[x][a] * z[x][t];
                    }
                    system[a][p] += lambda * theta0[t][a];
                }
                assertArrayEquals(gaussianElimination(system), theta(fitted, true)[t], 1e-9, "trial " + trial + ", neuron " + t);
            }
        }
    }

    @Test
    void rowsWithoutWeightDoNotCount() {
        OutgoingMerge merge = randomMerge(new Random(2));
        int rows = merge.rowWeights().size();
        int n = merge.clusters().neurons();
        int k = merge.clusters().clusterCount();
        double[] wild = new double[n];
        Arrays.fill(wild, 1e6);
        double[] wildCluster = new double[k];
        Arrays.fill(wildCluster, -3e5);
        double[] pi = Arrays.copyOf(merge.rowWeights().toArray(), rows + 1);
        OutgoingMerge padded = new OutgoingMerge(merge.layer(), merge.next(), merge.clusters(),
                append(merge.originalActivations(), wild), append(merge.compressedActivations(), wildCluster), Vector.of(pi));
        RefitAggregation refit = refit(RefitAggregationFactory.DEFAULT_RIDGE, true);
        assertEquals(refit.mergeOutgoing(merge), refit.mergeOutgoing(padded));
    }

    @Test
    void theRidgeIsRelativeSoRepeatingEveryRowChangesNothing() {
        OutgoingMerge merge = randomMerge(new Random(9));
        double[] pi = merge.rowWeights().toArray();
        double[] halves = new double[2 * pi.length];
        for (int x = 0; x < pi.length; x++) {
            halves[x] = pi[x] / 2;
            halves[pi.length + x] = pi[x] / 2;
        }
        OutgoingMerge twice = new OutgoingMerge(merge.layer(), merge.next(), merge.clusters(),
                stack(merge.originalActivations()), stack(merge.compressedActivations()), Vector.of(halves));
        RefitAggregation refit = refit(0.1, true);
        DenseLayer once = refit.mergeOutgoing(merge);
        DenseLayer repeated = refit.mergeOutgoing(twice);
        assertArrayEquals(once.weights().toRowMajor(), repeated.weights().toRowMajor(), 1e-9);
        assertArrayEquals(once.bias().toArray(), repeated.bias().toArray(), 1e-9);
    }

    @Test
    void aHugeRidgeGivesBackTheSummedWeightsAndTheOriginalBias() {
        Random random = new Random(17);
        for (int trial = 0; trial < 10; trial++) {
            OutgoingMerge merge = randomMerge(random);
            DenseLayer fitted = refit(1e12, true).mergeOutgoing(merge);
            DenseLayer summed = AVERAGE.mergeOutgoing(merge);
            assertArrayEquals(summed.weights().toRowMajor(), fitted.weights().toRowMajor(), 1e-8, "trial " + trial);
            assertArrayEquals(merge.next().bias().toArray(), fitted.bias().toArray(), 1e-8, "trial " + trial);
        }
    }

    @Test
    void keepsTheOriginalBiasWhenTheBiasIsNotFitted() {
        OutgoingMerge merge = randomMerge(new Random(4));
        DenseLayer fitted = refit(RefitAggregationFactory.DEFAULT_RIDGE, false).mergeOutgoing(merge);
        assertEquals(merge.next().bias(), fitted.bias());
        assertFalse(Arrays.equals(AVERAGE.mergeOutgoing(merge).weights().toRowMajor(), fitted.weights().toRowMajor()),
                "the weights are fitted");
    }

    @Test
    void refusesASingularFitWithoutRidgeAndSaysToRaiseIt() {
        // Cluster-neuron 1 is 0 on every row: its column of X̃ᵀΠX̃ is zero.
        OutgoingMerge merge = new OutgoingMerge(2, new DenseLayer(Matrix.of(new double[][] {{1, 1, 1}}), Vector.of(0), Activation.LINEAR),
                ClusterAssignment.fromLabels(new int[] {0, 1, 0}),
                Matrix.of(new double[][] {{1, 0, 2}, {3, 0, 1}, {2, 0, 2}}), Matrix.of(new double[][] {{1.5, 0}, {2, 0}, {2, 0}}),
                Vector.filled(3, 1.0 / 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> refit(0, true).mergeOutgoing(merge));
        assertTrue(e.getMessage().contains("layer 3") && e.getMessage().contains("raise 'ridge'"), e.getMessage());
        // Any ridge > 0 makes it regular.
        assertEquals(2, refit(1e-6, true).mergeOutgoing(merge).weights().cols());
    }

    @Test
    void refusesToFitWeightsAloneToClusterNeuronsThatAreAlwaysOff() {
        OutgoingMerge merge = new OutgoingMerge(1, new DenseLayer(Matrix.of(new double[][] {{1, 1}}), Vector.of(0), Activation.LINEAR),
                ClusterAssignment.fromLabels(new int[] {0, 0}),
                Matrix.of(new double[][] {{0, 0}, {0, 0}}), Matrix.of(new double[][] {{0}, {0}}), Vector.of(0.5, 0.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> refit(1, false).mergeOutgoing(merge));
        assertTrue(e.getMessage().contains("'fitBias'"), e.getMessage());
        // With the bias fitted the constant column keeps the system regular: the fit is θ⁰ (Z = b = 0).
        DenseLayer fitted = refit(1, true).mergeOutgoing(merge);
        assertArrayEquals(new double[] {2}, fitted.weights().toRowMajor(), TOLERANCE);
        assertArrayEquals(new double[] {0}, fitted.bias().toArray(), TOLERANCE);
    }

    @Test
    void declaresRidgeAndFitBiasWithTheirDefaults() {
        List<Parameter> params = new RefitAggregationFactory().parameters();
        assertEquals(List.of("ridge", "fitBias"), params.stream().map(Parameter::name).toList());
        assertEquals(1e-3, params.get(0).defaultValue());
        assertEquals(Parameter.Type.NUMBER, params.get(0).type());
        assertEquals(0.0, params.get(0).min());
        assertEquals(true, params.get(1).defaultValue());
        assertEquals(Parameter.Type.BOOLEAN, params.get(1).type());
        assertEquals("refit", new RefitAggregationFactory().name());
        RefitAggregation created = refit(0.5, false);
        assertEquals(0.5, created.ridge());
        assertFalse(created.fitBias());
        assertThrows(IllegalArgumentException.class, () -> new RefitAggregation(-1e-9, true));
        assertThrows(IllegalArgumentException.class, () -> new RefitAggregation(Double.NaN, true));
        assertThrows(IllegalArgumentException.class, () -> new RefitAggregation(Double.POSITIVE_INFINITY, true));
    }

    @Test
    void keepsTheDefaultMeanIncomingMerge() {
        DenseLayer layer = new DenseLayer(Matrix.of(new double[][] {{1, 2}, {3, 6}, {5, 5}}), Vector.of(1, 2, 3), Activation.RELU);
        DenseLayer merged = refit(RefitAggregationFactory.DEFAULT_RIDGE, true).mergeIncoming(layer, ClusterAssignment.fromLabels(new int[] {0, 1, 0}));
        assertSame(layer.activation(), merged.activation());
        assertEquals(Matrix.of(new double[][] {{3, 3.5}, {3, 6}}), merged.weights());
        assertEquals(Vector.of(2, 2), merged.bias());
    }

    // ---- the definition, computed directly ----

    /** Z (fitBias) or Z − b (bias kept), {@code [N][n_{l+1}]}. */
    private static double[][] target(OutgoingMerge merge, boolean fitBias) {
        double[][] o = merge.originalActivations().toArray();
        double[][] w = merge.next().weights().toArray();
        double[][] z = new double[o.length][w.length];
        for (int x = 0; x < o.length; x++) {
            for (int t = 0; t < w.length; t++) {
                double s = fitBias ? merge.next().bias().get(t) : 0;
                for (int i = 0; i < o[x].length; i++) {
                    s += o[x][i] * w[t][i];
                }
                z[x][t] = s;
            }
        }
        return z;
    }

    /** X̃ = [X, 1] (fitBias) or X, {@code [N][p]}. */
    private static double[][] design(OutgoingMerge merge, boolean fitBias) {
        double[][] x = merge.compressedActivations().toArray();
        double[][] out = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            out[r] = fitBias ? Arrays.copyOf(x[r], x[r].length + 1) : x[r];
            if (fitBias) {
                out[r][x[r].length] = 1;
            }
        }
        return out;
    }

    /** θ_t per neuron t: {@code [n_{l+1}][p]}. */
    private static double[][] theta(DenseLayer layer, boolean fitBias) {
        double[][] w = layer.weights().toArray();
        double[][] out = new double[w.length][];
        for (int t = 0; t < w.length; t++) {
            out[t] = fitBias ? Arrays.copyOf(w[t], w[t].length + 1) : w[t];
            if (fitBias) {
                out[t][w[t].length] = layer.bias().get(t);
            }
        }
        return out;
    }

    private static double lambda(OutgoingMerge merge, double ridge, boolean fitBias) {
        double[][] design = design(merge, fitBias);
        double[] pi = merge.rowWeights().toArray();
        double trace = 0;
        for (int x = 0; x < design.length; x++) {
            for (double v : design[x]) {
                trace += pi[x] * v * v;
            }
        }
        return ridge * trace / design[0].length;
    }

    /** Σ_t Σ_x π̂_x (X̃_x θ_t − Z_{x,t})² for the layer's weights (and bias when fitBias). */
    private static double residual(OutgoingMerge merge, DenseLayer layer, boolean fitBias) {
        double[][] design = design(merge, fitBias);
        double[][] z = target(merge, fitBias);
        double[][] theta = theta(layer, fitBias);
        double[] pi = merge.rowWeights().toArray();
        double s = 0;
        for (int x = 0; x < design.length; x++) {
            for (int t = 0; t < theta.length; t++) {
                double r = dot(design[x], theta[t]) - z[x][t];
                s += pi[x] * r * r;
            }
        }
        return s;
    }

    private static double distanceSquared(DenseLayer a, DenseLayer b, boolean fitBias) {
        double[][] ta = theta(a, fitBias);
        double[][] tb = theta(b, fitBias);
        double s = 0;
        for (int t = 0; t < ta.length; t++) {
            for (int c = 0; c < ta[t].length; c++) {
                s += (ta[t][c] - tb[t][c]) * (ta[t][c] - tb[t][c]);
            }
        }
        return s;
    }

    /** Half the objective's gradient per neuron: X̃ᵀΠ(X̃θ_t − Z_t) + λ(θ_t − θ⁰_t), {@code [n_{l+1}][p]}. */
    private static double[][] gradient(OutgoingMerge merge, DenseLayer fitted, DenseLayer summed, double lambda, boolean fitBias) {
        double[][] design = design(merge, fitBias);
        double[][] z = target(merge, fitBias);
        double[][] theta = theta(fitted, fitBias);
        double[][] theta0 = theta(summed, fitBias);
        double[] pi = merge.rowWeights().toArray();
        double[][] g = new double[theta.length][design[0].length];
        for (int t = 0; t < theta.length; t++) {
            for (int x = 0; x < design.length; x++) {
                double r = dot(design[x], theta[t]) - z[x][t];
                for (int c = 0; c < g[t].length; c++) {
                    g[t][c] += pi[x] * design[x][c] * r;
                }
            }
            for (int c = 0; c < g[t].length; c++) {
                g[t][c] += lambda * (theta[t][c] - theta0[t][c]);
            }
        }
        return g;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The solution of {@code [A | b]} ({@code [p][p+1]}) by Gaussian elimination with partial pivoting. */
    private static double[] gaussianElimination(double[][] augmented) {
        int p = augmented.length;
        double[][] m = new double[p][];
        for (int i = 0; i < p; i++) {
            m[i] = augmented[i].clone();
        }
        for (int col = 0; col < p; col++) {
            int best = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[best][col])) {
                    best = r;
                }
            }
            double[] swap = m[col];
            m[col] = m[best];
            m[best] = swap;
            for (int r = col + 1; r < p; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= p; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] x = new double[p];
        for (int r = p - 1; r >= 0; r--) {
            double s = m[r][p];
            for (int c = r + 1; c < p; c++) {
                s -= m[r][c] * x[c];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }

    // ---- fixtures ----

    /**
     * A random problem: n_l in 2..8 neurons in up to n_l clusters, ReLU-like original outputs (a
     * third of them 0), cluster-neuron outputs = the cluster means plus noise, at least 2p rows,
     * Gaussian weights and biases, positive row weights summing to 1.
     */
    private static OutgoingMerge randomMerge(Random random) {
        int n = 2 + random.nextInt(7);
        int[] labels = new int[n];
        int requested = 1 + random.nextInt(n);
        for (int i = 0; i < n; i++) {
            labels[i] = i < requested ? i : random.nextInt(requested);
        }
        ClusterAssignment clusters = ClusterAssignment.fromLabels(labels);
        int k = clusters.clusterCount();
        int out = 1 + random.nextInt(4);
        int rows = 2 * (k + 1) + random.nextInt(10);
        double[][] o = new double[rows][n];
        double[][] x = new double[rows][k];
        double[] pi = new double[rows];
        double piSum = 0;
        int[] sizes = clusters.sizes();
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                o[r][i] = random.nextInt(3) == 0 ? 0 : 2 * random.nextDouble();
                x[r][clusters.label(i)] += o[r][i] / sizes[clusters.label(i)];
            }
            for (int c = 0; c < k; c++) {
                x[r][c] += 0.3 * random.nextGaussian();
            }
            pi[r] = 0.1 + random.nextDouble();
            piSum += pi[r];
        }
        for (int r = 0; r < rows; r++) {
            pi[r] /= piSum;
        }
        double[][] w = new double[out][n];
        double[] b = new double[out];
        for (int t = 0; t < out; t++) {
            for (int i = 0; i < n; i++) {
                w[t][i] = random.nextGaussian();
            }
            b[t] = random.nextGaussian();
        }
        return new OutgoingMerge(1, new DenseLayer(Matrix.of(w), Vector.of(b), Activation.RELU), clusters,
                Matrix.of(o), Matrix.of(x), Vector.of(pi));
    }

    /** 3 → 4 (relu) → 3 (tanh) → 2 (softmax), with a neuron of layer 1 that is off on most rows. */
    private static Mlp threeLayerNetwork() {
        return Mlp.unnamed(List.of(
                new DenseLayer(Matrix.of(new double[][] {{1, -0.5, 0.2}, {0.3, 0.8, -1.2}, {-0.7, 0.1, 0.4}, {0.2, 0.2, 0.2}}),
                        Vector.of(0.1, -0.2, -1.5, 0.3), Activation.RELU),
                new DenseLayer(Matrix.of(new double[][] {{0.5, -1, 0.25, 2}, {1.5, 0.3, -0.6, -0.4}, {-0.2, 0.9, 1.1, 0.7}}),
                        Vector.of(0.05, -0.3, 0.2), Activation.TANH),
                new DenseLayer(Matrix.of(new double[][] {{1, -2, 0.5}, {-0.5, 1.5, 0.25}}), Vector.of(0.1, -0.1), Activation.SOFTMAX)));
    }

    private static double[][] randomRows(Random random, int rows, int columns) {
        double[][] out = new double[rows][columns];
        for (double[] row : out) {
            for (int c = 0; c < columns; c++) {
                row[c] = random.nextGaussian();
            }
        }
        return out;
    }

    private static Matrix append(Matrix m, double[] row) {
        double[][] rows = Arrays.copyOf(m.toArray(), m.rows() + 1);
        rows[m.rows()] = row;
        return Matrix.of(rows);
    }

    private static Matrix stack(Matrix m) {
        double[][] rows = Arrays.copyOf(m.toArray(), 2 * m.rows());
        System.arraycopy(m.toArray(), 0, rows, m.rows(), m.rows());
        return Matrix.of(rows);
    }
}
