package io.illc.spark;

import io.illc.api.ClusterAssignment;
import io.illc.api.MetricResult;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import io.illc.core.local.ExplainedRow;
import io.illc.core.local.LimeSurrogate;
import io.illc.core.local.LocalExplanation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link ExplainedRow} in a form Spark can send from an executor to the driver: plain arrays,
 * the serializable api values, and each metric as its value and details (numbers, strings, booleans,
 * lists of numbers), and the LIME baseline as its arrays. {@link #toExplainedRow()} gives back the equal row.
 */
record RowOutcome(int position, int row, double[] features, int[] neighbours, double[] weights, Mlp compressed,
                  List<ClusterAssignment> partitions, double[] originalOutput, double[] compressedOutput,
                  List<String> metricNames, double[] metricValues, List<LinkedHashMap<String, Object>> metricDetails,
                  String prediction, String trueLabel, boolean render, double effectiveSize, double[] limeIntercept,
                  double[] limeCoefficients, double limeIoUnfaithfulness) implements Serializable {

    /** @param position the row's place among the rows asked for */
    static RowOutcome of(int position, ExplainedRow explained) {
        LocalExplanation e = explained.explanation();
        List<String> names = new ArrayList<>();
        double[] values = new double[e.metrics().size()];
        List<LinkedHashMap<String, Object>> details = new ArrayList<>();
        for (Map.Entry<String, MetricResult> m : e.metrics().entrySet()) {
            values[names.size()] = m.getValue().value();
            names.add(m.getKey());
            details.add(new LinkedHashMap<>(m.getValue().details()));
        }
        return new RowOutcome(position, e.row(), e.features().toArray(), e.neighbours(), e.weights().toArray(),
                e.compressed(), new ArrayList<>(e.partitions()), e.originalOutput().toArray(),
                e.compressedOutput().toArray(), names, values, details, explained.prediction(), explained.trueLabel(),
                explained.render(), e.effectiveSize(), e.lime() == null ? null : e.lime().surrogate().intercept(),
                e.lime() == null ? null : e.lime().surrogate().coefficients(),
                e.lime() == null ? Double.NaN : e.lime().ioUnfaithfulness());
    }

    /** The row's line of the Parquet summary: row, labels, the {@code metrics}' values, effective size (and LIME's). */
    Row summaryRow(List<String> metrics, boolean lime) {
        List<Object> values = new ArrayList<>();
        values.add(row);
        values.add(trueLabel);
        values.add(prediction);
        for (String metric : metrics) {
            int at = metricNames.indexOf(metric);
            values.add(at < 0 ? null : metricValues[at]);
        }
        values.add(effectiveSize);
        if (lime) {
            values.add(limeIntercept == null ? null : limeIoUnfaithfulness);
        }
        return RowFactory.create(values.toArray());
    }

    ExplainedRow toExplainedRow() {
        Map<String, MetricResult> metrics = new LinkedHashMap<>();
        for (int i = 0; i < metricNames.size(); i++) {
            metrics.put(metricNames.get(i), MetricResult.of(metricValues[i], metricDetails.get(i)));
        }
        return new ExplainedRow(new LocalExplanation(row, false, Vector.of(features), neighbours, Vector.of(weights),
                compressed, partitions, Vector.of(originalOutput), Vector.of(compressedOutput), metrics, effectiveSize,
                limeIntercept == null ? null : new LocalExplanation.Lime(new LimeSurrogate(limeIntercept, limeCoefficients),
                        limeIoUnfaithfulness)), prediction, trueLabel, render);
    }
}
