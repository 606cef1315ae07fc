package io.illc.core.local;

import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import io.illc.core.compress.Compressor;
import io.illc.core.spec.CompressionSpec.Method;
import io.illc.core.spec.LocalSpec.Distance;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The LIME baseline: the weighted ridge fit and its local io-unfaithfulness. */
class LimeSurrogateTest {
    /** One feature, three rows at offsets 0, 1, 2 from the explained row, outputs 1, 2, 4. */
    private static final double[] X0 = {0};
    private static final double[] ONE = {1};
    private static final double[] ROWS = {0, 1, 2};
    private static final double[] Y = {1, 2, 4};

    @Test
    void fitsTheHandComputedLeastSquaresLineAndMeasuresItsUnfaithfulness() {
        LimeSurrogate s = LimeSurrogate.fit(X0, ONE, ROWS, Y, new double[]{1, 1, 1}, 0);
        // Slope Σ(z−1)(y−7/3)/Σ(z−1)² = 3/2, intercept 7/3 − 3/2 = 5/6.
        assertEquals(5.0 / 6, s.intercept()[0], 1e-14);
        assertEquals(1.5, s.coefficients()[0], 1e-14);
        // Residuals 1/6, −1/3, 1/6: Σ π̂ r² = (1/36 + 4/36 + 1/36) / 3 = 1/18.
        double third = 1.0 / 3;
        assertEquals(1.0 / 18, LimeSurrogate.ioUnfaithfulness(Y, s.predict(X0, ONE, ROWS),
                new double[]{third, third, third}), 1e-15);
    }

    @Test
    void weighsRowsByTheirKernelWeight() {
        // Normal equations [[2, 3/2], [3/2, 5/2]] (b, β) = (4, 5): b = 10/11, β = 16/11.
        LimeSurrogate s = LimeSurrogate.fit(X0, ONE, ROWS, Y, new double[]{1, 0.5, 0.5}, 0);
        assertEquals(10.0 / 11, s.intercept()[0], 1e-14);
        assertEquals(16.0 / 11, s.coefficients()[0], 1e-14);
    }

    @Test
    void theRidgePenalisesTheSlopeButNotTheIntercept() {
        // [[3, 3], [3, 5 + 1]] (b, β) = (7, 10): β = 1, b = 4/3.
        LimeSurrogate s = LimeSurrogate.fit(X0, ONE, ROWS, Y, new double[]{1, 1, 1}, 1);
        assertEquals(4.0 / 3, s.intercept()[0], 1e-14);
        assertEquals(1.0, s.coefficients()[0], 1e-14);
    }

    @Test
    void measuresFeaturesInStandardDeviationsFromTheExplainedRow() {
        // x = 1, 3, 5 around x0 = 1 with σ = 2 are the offsets 0, 1, 2 of the first case.
        LimeSurrogate s = LimeSurrogate.fit(new double[]{1}, new double[]{2}, new double[]{1, 3, 5}, Y,
                new double[]{1, 1, 1}, 0);
        assertEquals(5.0 / 6, s.intercept()[0], 1e-14);
        assertEquals(1.5, s.coefficients()[0], 1e-14);
    }

    @Test
    void aSingularSystemWithoutRidgeIsAnErrorThatAsksForOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LimeSurrogate.fit(X0, ONE, new double[]{1, 1, 1}, Y, new double[]{1, 1, 1}, 0));
        assertTrue(e.getMessage().contains("set the ridge above 0"), e.getMessage());
    }

    @Test
    void isExactOnANetworkThatIsLinearInTheNeighbourhood() {
        // A linear hidden layer and a linear output: the network is affine, so is the surrogate, and
        // with ridge 0 it reproduces both outputs at every perturbed row up to rounding.
        Mlp linear = Mlp.unnamed(List.of(
                new DenseLayer(Matrix.of(new double[][]{{1, -0.5, 0.2}, {0.3, 0.8, -1}, {-0.7, 0.4, 0.6}}),
                        Vector.of(0.1, -0.2, 0.3), Activation.LINEAR),
                new DenseLayer(Matrix.of(new double[][]{{0.5, -1, 0.7}, {2, 0.1, -0.3}}), Vector.of(0.05, -1),
                        Activation.LINEAR)));
        Random random = new Random(5);
        double[][] data = new double[40][3];
        for (double[] row : data) {
            for (int j = 0; j < 3; j++) {
                row[j] = random.nextGaussian() * (j + 1);
            }
        }
        Matrix rows = Matrix.of(data);
        Kernel kernel = new Kernel(rows, Distance.STANDARDIZED, null);
        LocalExplainer explainer = new LocalExplainer(new LocalSettings(linear, rows, kernel, Method.GLOBAL,
                new int[]{2}, LocalGoldenTest.ward(), LocalGoldenTest.local(), LocalGoldenTest.localMetrics(), 3, 0,
                null, new LocalSettings.Perturbation(200, 1.0), 0.0), new Compressor());
        LocalExplanation e = explainer.explain(7);
        assertTrue(e.lime().ioUnfaithfulness() < 1e-24, "LIME io-unfaithfulness " + e.lime().ioUnfaithfulness());
        // β_o = (W2 W1)[o, :] · σ: the change per standard deviation of each feature.
        double[] sigma = kernel.standardDeviations();
        double[][] w1 = {{1, -0.5, 0.2}, {0.3, 0.8, -1}, {-0.7, 0.4, 0.6}};
        double[][] w2 = {{0.5, -1, 0.7}, {2, 0.1, -0.3}};
        double[] beta = e.lime().surrogate().coefficients();
        for (int o = 0; o < 2; o++) {
            for (int j = 0; j < 3; j++) {
                double w = 0;
                for (int h = 0; h < 3; h++) {
                    w += w2[o][h] * w1[h][j];
                }
                assertEquals(w * sigma[j], beta[o * 3 + j], 1e-10, "β[" + o + ", " + j + "]");
            }
        }
    }
}
