package io.illc.core.run;

import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Qbaf;
import io.illc.core.InputException;
import io.illc.core.attribution.AnalysisJson;
import io.illc.core.attribution.AttributionCharts;
import io.illc.core.attribution.AttributionSettings;
import io.illc.core.attribution.AttributionSettings.Method;
import io.illc.core.attribution.Attributions;
import io.illc.core.attribution.ContestSettings;
import io.illc.core.attribution.Contestability;
import io.illc.core.spec.AnalysisSpec;
import io.illc.core.spec.PipelineSpec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the attributions ({@code attribution.json} and one {@code attribution-<method>.png} per
 * method) and the contestability search ({@code contestability.json}) of one QBAF into its folder,
 * as the spec's {@link AnalysisSpec} asks. A local QBAF is analysed at its explained row; the global
 * QBAF at the mean of every data row (see {@code docs/attribution.md}). Stateless.
 */
final class AnalysisWriter {
    private AnalysisWriter() {
    }

    /**
     * The problems of the spec's attribution targets and contest layers with a compressed network of
     * {@code compressed}'s outputs and depth, at their JSON paths; empty when they fit.
     */
    static List<String> problems(PipelineSpec spec, Mlp compressed) {
        List<String> problems = new ArrayList<>();
        check(spec.analysis(), "$", compressed, problems);
        if (spec.local() != null) {
            check(spec.local().analysis(), "$.local", compressed, problems);
        }
        return problems;
    }

    /** @throws InputException when {@link #problems} finds any */
    static void check(PipelineSpec spec, Mlp compressed) {
        List<String> problems = problems(spec, compressed);
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
    }

    private static void check(AnalysisSpec analysis, String path, Mlp mlp, List<String> problems) {
        if (analysis.attribution() != null) {
            try {
                analysis.attribution().target().resolve(mlp.outputNames(), 0);
            } catch (IllegalArgumentException e) {
                problems.add(path + ".attribution.target: " + e.getMessage());
            }
        }
        ContestSettings contest = analysis.contest();
        int outputLayer = mlp.hiddenLayerCount() + 1;
        if (contest != null && contest.scope() == ContestSettings.Scope.LAYER && contest.layer() > outputLayer) {
            problems.add(path + ".contest.layer: the QBAF has layers 1.." + outputLayer + " (" + outputLayer
                    + " = the outputs), got " + contest.layer());
        }
    }

    /** The column means of {@code features}, summed row by row in file order: the point of the global QBAF. */
    static double[] meanRow(Matrix features) {
        double[] mean = new double[features.cols()];
        for (int r = 0; r < features.rows(); r++) {
            for (int c = 0; c < mean.length; c++) {
                mean[c] += features.get(r, c);
            }
        }
        for (int c = 0; c < mean.length; c++) {
            mean[c] /= features.rows();
        }
        return mean;
    }

    /**
     * Writes the files {@code analysis} asks for into {@code dir} (empty or ending in {@code /}).
     *
     * @param seed       the seed of this explanation's Shapley permutations
     * @param classNames the data's class names (they name the other class of a one-output network)
     */
    static void write(Qbaf qbaf, double[] point, AnalysisSpec analysis, long seed, List<String> classNames, String dir,
                      OutputFolder folder) {
        AttributionSettings attribution = analysis.attribution();
        if (attribution != null) {
            Attributions.Result r = Attributions.compute(qbaf, point, attribution, seed);
            folder.write(dir + "attribution.json", AnalysisJson.attribution(r));
            for (Method m : r.methods().keySet()) {
                folder.write(dir + AttributionCharts.fileName(m), AttributionCharts.png(r, m));
            }
        }
        if (analysis.contest() != null) {
            folder.write(dir + "contestability.json",
                    AnalysisJson.contest(Contestability.compute(qbaf, point, analysis.contest(), classNames),
                            analysis.contest()));
        }
    }

    /** The Shapley seed of the explanation in {@code dir}: the run's seed mixed with the folder's name. */
    static long seed(long runSeed, String dir) {
        long h = runSeed;
        for (byte b : dir.getBytes(StandardCharsets.UTF_8)) {
            h = h * 0x100000001B3L ^ b;
        }
        return h;
    }
}
