package io.illc.cli;

import io.illc.api.ClusterAssignment;
import io.illc.api.MetricResult;
import io.illc.core.run.RunResult;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The few lines {@code illc run} prints at the end: where the results are, and what they say. */
final class RunSummary {
    private RunSummary() {
    }

    /**
     * <pre>
     * results in /home/me/illc-out/demo
     * hidden layers (neurons -> cluster-neurons): 12 -> 6, 10 -> 5, 8 -> 4
     * metrics:
     *   io-unfaithfulness  0.0123457
     * </pre>
     */
    static void print(RunResult result, PrintWriter out) {
        out.println("results in " + result.spec().output());
        List<String> layers = new ArrayList<>();
        for (ClusterAssignment p : result.compression().partitions()) {
            layers.add(p.neurons() + " -> " + p.clusterCount());
        }
        out.println("hidden layers (neurons -> cluster-neurons): " + String.join(", ", layers));
        if (!result.metrics().isEmpty()) {
            out.println("metrics:");
            int width = result.metrics().keySet().stream().mapToInt(String::length).max().orElse(0);
            for (Map.Entry<String, MetricResult> m : result.metrics().entrySet()) {
                out.println("  " + pad(m.getKey(), width) + "  " + number(m.getValue().value()));
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
