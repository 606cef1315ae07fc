package io.illc.core.qbaf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.illc.api.Matrix;
import io.illc.core.io.JsonOutput;
import io.illc.core.run.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code features.json}, written as a stream: the bytes of the document layout of its tree. */
class FeaturesJsonTest {
    private static final Matrix ROWS = Matrix.of(new double[][] {{1, 1}, {0, 2}, {-1, 0}});

    @Test
    void aGlobalAndALocalSummaryHaveTheBytesOfTheirTreesInTheDocumentLayout() {
        FeatureSummary global = FeatureSummary.global(FeatureSummaryTest.hand(3), ROWS);
        assertArrayEquals(JsonOutput.document(tree(global)), Json.features(global));
        FeatureSummary local = FeatureSummary.local(FeatureSummaryTest.local(FeatureSummaryTest.hand(1), 0, 2));
        assertArrayEquals(JsonOutput.document(tree(local)), Json.features(local));
        String text = new String(Json.features(global), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\n  \"format\" : \"illc-features\",\n  \"version\" : 1,\n  \"scale\" : \"std\",\n"), text);
        assertTrue(text.endsWith("}\n}\n"), text);
    }

    @Test
    void aNumberThatIsNotFiniteIsWrittenAsNull() {
        // Feature a's standard deviation overflows to ∞, and so do the summaries it scales.
        Matrix huge = Matrix.of(new double[][] {{1e308, 1}, {-1e308, 2}, {0, 0}});
        FeatureSummary s = FeatureSummary.global(FeatureSummaryTest.hand(1), huge);
        String text = new String(Json.features(s), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"a\" : null"), text);
        assertArrayEquals(JsonOutput.document(tree(s)), Json.features(s));
    }

    /** The document as a tree, as it was built before it was streamed. */
    private static ObjectNode tree(FeatureSummary summary) {
        ObjectNode root = JsonOutput.object();
        root.put("format", "illc-features");
        root.put("version", 1);
        root.put("scale", summary.scale().jsonName());
        root.put("rows", summary.rows());
        List<String> features = summary.features();
        double[] std = summary.std();
        if (std != null) {
            put(root.putObject("std"), features, std);
        }
        ObjectNode arguments = root.putObject("arguments");
        for (String id : summary.arguments()) {
            put(arguments.putObject(id), features, summary.of(id));
        }
        return root;
    }

    private static void put(ObjectNode node, List<String> names, double[] values) {
        for (int i = 0; i < names.size(); i++) {
            if (Double.isFinite(values[i])) {
                node.put(names.get(i), values[i]);
            } else {
                node.putNull(names.get(i));
            }
        }
    }
}
