package io.illc.core.local;

import io.illc.api.Activation;
import io.illc.api.AggregationFunction;
import io.illc.api.Matrix;
import io.illc.api.Metric;
import io.illc.api.Mlp;
import io.illc.api.Parameters;
import io.illc.api.PluginKind;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.compress.Compressor;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.data.Dataset;
import io.illc.core.finetune.SmallProblem;
import io.illc.core.spec.CompressionSpec;
import io.illc.core.spec.CompressionSpec.Method;
import io.illc.core.spec.LocalSpec.Distance;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default local settings (LIME's width 0.75·√m with the {@code refit} aggregation) on a deep
 * network: the neighbourhood holds many rows' weight and the local network stays close to the original,
 * where the paper's {@code local} merge at the same width is far off.
 */
class LocalDefaultsTest {
    private static final PluginCatalog CATALOG = PluginCatalog.discover(List.of());
    private static final int[] ROWS = {0, 50, 100};

    @Test
    void theDefaultsKeepSeveralRowsOfWeightAndStayFiniteAndSmallOnADeepNetwork() {
        Dataset cancer = BuiltinDatasets.load("breast-cancer");
        Matrix data = cancer.features();
        // Eight ReLU layers of 32 on standardised breast-cancer features (the standardisation folded into
        // the first layer, as training does): deep enough for the local merge to compound its errors.
        Mlp deep = standardised(SmallProblem.network(18, data.cols(), new int[]{32, 32, 32, 32, 32, 32, 32, 32},
                Activation.RELU, 1, Activation.SIGMOID), data);
        double m = data.cols();
        LocalExplainer defaults = explainer(deep, data, Kernel.defaultWidth(data.cols()), refit());
        LocalExplainer paperMergeWide = explainer(deep, data, Kernel.defaultWidth(data.cols()), LocalGoldenTest.local());
        LocalExplainer paper = explainer(deep, data, Kernel.definition10Width(data.cols()), LocalGoldenTest.local());
        for (int row : ROWS) {
            LocalExplanation d = defaults.explain(row);
            double structural = d.metrics().get("local-structural-unfaithfulness").value();
            double io = d.metrics().get("local-io-unfaithfulness").value();
            double wideLocal = paperMergeWide.explain(row).metrics().get("local-structural-unfaithfulness").value();
            LocalExplanation p = paper.explain(row);
            System.out.printf("row %d (m = %.0f): defaults effective size %.1f, io %.3g, structural %.3g;"
                            + " local merge at the same width structural %.3g; Definition 10 effective size %.2f,"
                            + " io %.3g, structural %.3g%n", row, m, d.effectiveSize(), io, structural, wideLocal,
                    p.effectiveSize(), p.metrics().get("local-io-unfaithfulness").value(),
                    p.metrics().get("local-structural-unfaithfulness").value());
            assertTrue(d.effectiveSize() >= 10, "row " + row + " effective size " + d.effectiveSize());
            assertTrue(Double.isFinite(structural) && structural < 1, "row " + row + " structural " + structural);
            assertTrue(Double.isFinite(io) && io < 0.1, "row " + row + " io " + io);
            assertTrue(structural < wideLocal / 2, "refit " + structural + " against the local merge " + wideLocal);
            assertTrue(p.effectiveSize() < LocalEffectiveSizes.FEW, "Definition 10's neighbourhood is about the row alone");
        }
    }

    private static LocalExplainer explainer(Mlp mlp, Matrix data, double width, AggregationFunction aggregation) {
        int[] k = new int[mlp.hiddenLayerCount()];
        for (int l = 0; l < k.length; l++) {
            k[l] = CompressionSpec.clusterCount(0.8, mlp.hiddenWidths()[l]);
        }
        Map<String, Metric> metrics = LocalGoldenTest.localMetrics();
        return new LocalExplainer(new LocalSettings(mlp, data, new Kernel(data, Distance.STANDARDIZED, width),
                Method.GLOBAL, k, LocalGoldenTest.ward(), aggregation, metrics, 0, LocalExplainer.NEGLIGIBLE_WEIGHT),
                new Compressor());
    }

    /** The network applied to standardised features, as a network of raw features. */
    private static Mlp standardised(Mlp mlp, Matrix data) {
        double[] std = new Kernel(data, Distance.STANDARDIZED, 1.0).standardDeviations();
        double[] mean = new double[data.cols()];
        for (int j = 0; j < mean.length; j++) {
            mean[j] = java.util.Arrays.stream(data.column(j)).average().orElseThrow();
        }
        io.illc.api.DenseLayer first = mlp.layers().get(0);
        double[][] w = new double[first.outputs()][data.cols()];
        double[] b = first.bias().toArray();
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                w[i][j] = first.weights().get(i, j) / std[j];
                b[i] -= w[i][j] * mean[j];
            }
        }
        List<io.illc.api.DenseLayer> layers = new java.util.ArrayList<>(mlp.layers());
        layers.set(0, new io.illc.api.DenseLayer(Matrix.of(w), io.illc.api.Vector.of(b), first.activation()));
        return Mlp.unnamed(layers);
    }

    private static AggregationFunction refit() {
        return CATALOG.require(PluginKind.AGGREGATION, "refit").create(AggregationFunction.class,
                Parameters.of(Map.of("ridge", 0.001, "fitBias", true)));
    }
}
