package io.illc.core.local;

import io.illc.api.Activation;
import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.MetricResult;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LocalSummaryTest {
    private static final Mlp NET = Mlp.unnamed(List.of(
            new DenseLayer(Matrix.of(new double[][]{{1}}), Vector.of(0), Activation.RELU),
            new DenseLayer(Matrix.of(new double[][]{{1}}), Vector.of(0), Activation.SIGMOID)));

    @Test
    void writesOneLinePerRowWithValuesThenNumericDetailsAndQuotesText() {
        Map<String, MetricResult> first = new LinkedHashMap<>();
        first.put("io", MetricResult.of(0.25));
        first.put("structural", MetricResult.of(1e-20, Map.of("atInstance", 0.5, "note", "text")));
        Map<String, MetricResult> second = new LinkedHashMap<>();
        second.put("io", MetricResult.of(2.0));
        second.put("structural", MetricResult.of(3.0));

        String csv = new String(LocalSummary.csv(List.of(
                new ExplainedRow(explanation(7, false, first), "yes, surely", null, true),
                new ExplainedRow(explanation(0, true, second), "no", "say \"no\"", false))), StandardCharsets.UTF_8);

        assertEquals("row,true_label,prediction,io,structural,structural.atInstance,effective-size\n"
                + "7,,\"yes, surely\",0.25,1.0E-20,0.5,1.5\n"
                + "new/0,\"say \"\"no\"\"\",no,2.0,3.0,,1.5\n", csv);
    }

    private static LocalExplanation explanation(int row, boolean newRow, Map<String, MetricResult> metrics) {
        return new LocalExplanation(row, newRow, Vector.of(1.0), new int[]{0}, Vector.of(1.0), NET,
                List.of(ClusterAssignment.identity(1)), Vector.of(0.7), Vector.of(0.7), metrics, 1.5, null);
    }
}
