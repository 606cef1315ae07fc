package io.illc.core.local;

import io.illc.api.MetricResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code local/summary.csv}: a header line, then one line per explained row:
 * <pre>row,true_label,prediction,&lt;metric&gt;...,&lt;metric&gt;.&lt;detail&gt;...,effective-size[,lime-io-unfaithfulness]</pre>
 * with every local metric's value and every numeric detail (such as
 * {@code local-structural-unfaithfulness.atInstance}), in the order the metrics and details first
 * appear, the neighbourhood's effective size {@code (Σπ)² / Σπ²}, and, when the LIME baseline was
 * asked for, its local io-unfaithfulness. {@code row} is the data row, or {@code new/<i>} for row i of the file of new rows. Numbers
 * are written by {@link Double#toString(double)}; an empty field is a missing label or detail. Text
 * with a comma, quote or line break is quoted. Stateless.
 */
public final class LocalSummary {
    /** The column of the neighbourhood's effective size. */
    public static final String EFFECTIVE_SIZE = "effective-size";
    /** The column of the LIME baseline's local io-unfaithfulness. */
    public static final String LIME_IO_UNFAITHFULNESS = "lime-io-unfaithfulness";

    private LocalSummary() {
    }

    /** The file's UTF-8 bytes, {@code \n} line ends. */
    public static byte[] csv(List<ExplainedRow> rows) {
        Set<String> metrics = new LinkedHashSet<>();
        Set<List<String>> details = new LinkedHashSet<>();
        for (ExplainedRow row : rows) {
            for (Map.Entry<String, MetricResult> m : row.explanation().metrics().entrySet()) {
                metrics.add(m.getKey());
                m.getValue().details().forEach((key, value) -> {
                    if (value instanceof Number) {
                        details.add(List.of(m.getKey(), key));
                    }
                });
            }
        }
        List<String> header = new ArrayList<>(List.of("row", "true_label", "prediction"));
        header.addAll(metrics);
        details.forEach(d -> header.add(d.get(0) + "." + d.get(1)));
        header.add(EFFECTIVE_SIZE);
        boolean lime = rows.stream().anyMatch(r -> r.explanation().lime() != null);
        if (lime) {
            header.add(LIME_IO_UNFAITHFULNESS);
        }
        StringBuilder out = new StringBuilder();
        line(out, header);
        for (ExplainedRow row : rows) {
            Map<String, MetricResult> results = row.explanation().metrics();
            List<String> fields = new ArrayList<>(header.size());
            fields.add(row.label());
            fields.add(row.trueLabel() == null ? "" : row.trueLabel());
            fields.add(row.prediction());
            for (String metric : metrics) {
                MetricResult r = results.get(metric);
                fields.add(r == null ? "" : Double.toString(r.value()));
            }
            for (List<String> detail : details) {
                MetricResult r = results.get(detail.get(0));
                Object value = r == null ? null : r.details().get(detail.get(1));
                fields.add(value instanceof Number n ? Double.toString(n.doubleValue()) : "");
            }
            fields.add(Double.toString(row.explanation().effectiveSize()));
            if (lime) {
                LocalExplanation.Lime l = row.explanation().lime();
                fields.add(l == null ? "" : Double.toString(l.ioUnfaithfulness()));
            }
            line(out, fields);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            out.append(i == 0 ? "" : ",").append(quoted(fields.get(i)));
        }
        out.append('\n');
    }

    private static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return "\"" + field.replace("\"", "\"\"") + "\"";
    }
}
