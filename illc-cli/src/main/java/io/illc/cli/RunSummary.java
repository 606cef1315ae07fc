package io.illc.cli;

import io.illc.api.ClusterAssignment;
import io.illc.api.Matrix;
import io.illc.api.MetricFactory;
import io.illc.api.MetricResult;
import io.illc.api.PluginKind;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.data.DataChecks;
import io.illc.core.data.Dataset;
import io.illc.core.pipeline.EvaluateStage;
import io.illc.core.run.Progress;
import io.illc.core.run.RunResult;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The few lines {@code illc run} prints at the end: where the results are, and what they say. Each
 * metric is shown with which way is better and what it measures, both from the metric's own
 * declaration; warnings go to the progress notes (stderr).
 */
final class RunSummary {
    /** Below this agreement with the original network, the summary warns. */
    static final double LOW_AGREEMENT = 0.95;
    /** Above this share of the original outputs' variance, io-unfaithfulness is called large. */
    static final double LARGE_IO_SHARE = 0.1;

    private RunSummary() {
    }

    /**
     * <pre>
     * results in /home/me/illc-out/demo
     * hidden layers (neurons -> cluster-neurons): 12 -> 6, 10 -> 5, 8 -> 4
     * metrics:
     *   io-unfaithfulness  0.0123457  lower is better  Definition 6: mean over rows of ...
     * </pre>
     */
    static void print(RunResult result, PluginCatalog catalog, PrintWriter out, Progress notes) {
        out.println("results in " + result.spec().output());
        List<String> layers = new ArrayList<>();
        for (ClusterAssignment p : result.compression().partitions()) {
            layers.add(p.neurons() + " -> " + p.clusterCount());
        }
        out.println("hidden layers (neurons -> cluster-neurons): " + String.join(", ", layers));
        if (!result.metrics().isEmpty()) {
            out.println("metrics:");
            int width = result.metrics().keySet().stream().mapToInt(String::length).max().orElse(0);
            List<String> values = result.metrics().values().stream().map(m -> number(m.value())).toList();
            int valueWidth = values.stream().mapToInt(String::length).max().orElse(0);
            int i = 0;
            for (Map.Entry<String, MetricResult> m : result.metrics().entrySet()) {
                Meaning meaning = meaning(m.getKey(), catalog);
                out.println("  " + pad(m.getKey(), width) + "  " + pad(values.get(i++), valueWidth) + "  "
                        + pad(meaning.direction(), 16) + "  " + meaning.what());
            }
        }
        if (!result.local().isEmpty()) {
            int rows = result.local().size();
            out.println("local explanations: " + rows + (rows == 1 ? " row" : " rows") + " (local/summary.csv)");
        }
        if (result.spec().renderers().stream().anyMatch(r -> r.name().equals("html"))) {
            out.println("open " + result.spec().output().resolve("qbaf.html").toUri() + " in a browser to explore the QBAF");
        }
        out.flush();
        warnings(result).forEach(w -> notes.note("warning: " + w));
    }

    /** What a metric measures and which way is better, as its factory declares them. */
    record Meaning(String direction, String what) {
    }

    static Meaning meaning(String key, PluginCatalog catalog) {
        String name = key.endsWith(EvaluateStage.IN_SAMPLE) ? key.substring(0, key.length() - EvaluateStage.IN_SAMPLE.length())
                : key;
        String where = name.equals(key) ? "" : " (on the fitting rows)";
        if (name.equals("train-accuracy") || name.equals("test-accuracy")) {
            return new Meaning("higher is better", "share of the " + (name.startsWith("train") ? "training" : "test")
                    + " rows the trained original network classifies correctly");
        }
        return catalog.find(PluginKind.METRIC, name)
                .map(d -> new Meaning(direction(((MetricFactory) d.factory()).direction()), d.factory().description() + where))
                .orElse(new Meaning("", ""));
    }

    private static String direction(MetricFactory.Direction direction) {
        return switch (direction) {
            case LOWER_IS_BETTER -> "lower is better";
            case HIGHER_IS_BETTER -> "higher is better";
            case INFORMATIONAL -> "informational";
            case UNKNOWN -> "direction unknown";
        };
    }

    /**
     * What a reader should not miss: the compressed network disagreeing with the original on many
     * rows, or an io-unfaithfulness that is large next to the spread of the original outputs.
     */
    static List<String> warnings(RunResult result) {
        List<String> out = new ArrayList<>();
        MetricResult agreement = result.metrics().get("agreement");
        if (agreement != null && agreement.value() < LOW_AGREEMENT) {
            out.add(String.format(Locale.ROOT, "the compressed network predicts the original's class on only %.1f %% of"
                    + " the rows (below %.0f %%): compress less (a smaller shrink, more clusters) or refit"
                    + " (\"aggregation\": {\"name\": \"refit\"})", 100 * agreement.value(), 100 * LOW_AGREEMENT));
        }
        MetricResult io = result.metrics().get("io-unfaithfulness");
        double variance = outputVariance(result);
        if (io != null && variance > 0 && io.value() > LARGE_IO_SHARE * variance) {
            out.add(String.format(Locale.ROOT, "io-unfaithfulness %s is %.0f %% of the variance of the original outputs"
                    + " (%s): the compressed network's outputs are far from the original's", number(io.value()),
                    100 * io.value() / variance, number(variance)));
        }
        if (result.finetune() != null) {
            result.finetune().warning().ifPresent(out::add);
        }
        headerOfNumbers(result.data()).ifPresent(out::add);
        return out;
    }

    /** A CSV file whose first row was most likely read as its header ({@link DataChecks#looksLikeARowOfData}). */
    static Optional<String> headerOfNumbers(Dataset data) {
        if (data == null) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(data.featureNames());
        if (data.labelName() != null) {
            names.add(data.labelName());
        }
        return headerOfNumbers(data.name(), names);
    }

    /** {@link #headerOfNumbers(Dataset)} of the file {@code name} whose header has the columns {@code names}. */
    static Optional<String> headerOfNumbers(String name, List<String> names) {
        if (!DataChecks.looksLikeARowOfData(names)) {
            return Optional.empty();
        }
        String shown = String.join(", ", names.subList(0, Math.min(3, names.size()))) + (names.size() > 3 ? ", ..." : "");
        return Optional.of("every column name of " + name + " is a number (" + shown + "): if the file has no"
                + " header row, its first row was taken for one and left out of the data; add a header (numpy:"
                + " savetxt(..., header='f1,f2,...,label', comments=''))");
    }

    /**
     * Σ_o Var(y_o): the spread of the original network's outputs over the fitting rows; 0 when the
     * rows were streamed (no activations are held), so that no warning rests on it.
     */
    private static double outputVariance(RunResult result) {
        List<Matrix> activations = result.compression().originalActivations();
        if (activations.isEmpty()) {
            return 0;
        }
        Matrix outputs = activations.get(activations.size() - 1);
        double total = 0;
        for (int o = 0; o < outputs.cols(); o++) {
            double[] y = outputs.column(o);
            double mean = 0;
            for (double v : y) {
                mean += v / y.length;
            }
            for (double v : y) {
                total += (v - mean) * (v - mean) / y.length;
            }
        }
        return total;
    }

    /**
     * A value for reading, not for copying (metrics.json has every digit): whole numbers as such,
     * others to 6 significant digits without trailing zeros, very small or large ones in
     * scientific notation.
     */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double magnitude = Math.abs(v);
        if (magnitude < 1e-4 || magnitude >= 1e6) {
            return String.format(Locale.ROOT, "%.5e", v).replaceAll("\\.?0+e", "e");
        }
        String fixed = String.format(Locale.ROOT, "%.6g", v);
        return fixed.contains(".") ? fixed.replaceAll("\\.?0+$", "") : fixed;
    }

    static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
