package io.illc.core.local;

import io.illc.api.Mlp;
import io.illc.core.compress.Compressor;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.data.Dataset;
import io.illc.core.spec.CompressionSpec.Method;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Local explanations over perturbations of the row, for data rows and new rows. */
class PerturbedNeighbourhoodTest {
    @Test
    void aRowIsPointZeroOfItsOwnSampleWithWeightOneAndTheSameSeedGivesTheSameExplanation() throws IOException {
        Dataset iris = BuiltinDatasets.load("iris");
        Mlp mlp = LocalExplainerTest.tiny("iris_tiny");
        LocalExplainer explainer = explainer(mlp, iris);
        double[] x = iris.features().row(50);
        for (LocalExplanation e : new LocalExplanation[]{explainer.explain(50), explainer.explainNew(0, x)}) {
            assertEquals(0, e.neighbours()[0], "the row is point 0");
            double[] pi = explainer.settings().kernel().weightsOf(x,
                    PerturbationSample.around(x, explainer.settings().kernel().standardDeviations(), 300, 1.0, 4,
                            e.newRow() ? -1 : 50));
            assertEquals(1.0, pi[0], 0.0);
            assertEquals(Kernel.normalise(pi)[0], e.weights().get(0), 0.0, "its π̂");
            assertEquals(Kernel.effectiveSize(pi), e.effectiveSize(), 0.0);
            double[][] forward = mlp.forward(x);
            assertArrayEquals(forward[forward.length - 1], e.originalOutput().toArray(), 1e-12);
            assertNotNull(e.lime());
        }
        LocalExplanation once = explainer.explain(50);
        LocalExplanation again = explainer(mlp, iris).explain(50);
        assertEquals(once.weights(), again.weights());
        for (String metric : once.metrics().keySet()) {
            assertEquals(once.metrics().get(metric).value(), again.metrics().get(metric).value(), 0.0, metric);
        }
        assertEquals(once.lime().ioUnfaithfulness(), again.lime().ioUnfaithfulness(), 0.0);
    }

    private static LocalExplainer explainer(Mlp mlp, Dataset data) {
        LocalSettings s = LocalGoldenTest.settings(mlp, data, Method.ILLC, LocalGoldenTest.localMetrics(),
                LocalExplainer.NEGLIGIBLE_WEIGHT);
        return new LocalExplainer(new LocalSettings(s.original(), s.data(), new Kernel(data.features(),
                io.illc.core.spec.LocalSpec.Distance.STANDARDIZED, null), s.method(), s.clusterCounts(), s.clustering(),
                s.aggregation(), s.metrics(), 4, s.negligibleWeight(), null, new LocalSettings.Perturbation(300, 1.0),
                1.0), new Compressor());
    }
}
