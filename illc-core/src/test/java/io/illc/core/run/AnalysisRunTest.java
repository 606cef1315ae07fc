package io.illc.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.illc.core.Illc;
import io.illc.core.InputException;
import io.illc.core.spec.PipelineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attributions and contestability through a whole run (breast-cancer, the golden 12-10-8 model). */
class AnalysisRunTest {
    private static final Illc ILLC = Illc.withPlugins(List.of());
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden").toAbsolutePath();

    private static PipelineSpec spec(Path out, String analysis, String localAnalysis) {
        return ILLC.parse("""
                {"data": {"builtin": "breast-cancer"}, "model": {"load": "bc_tiny.model.json"},
                 "metrics": [], "renderers": [{"name": "json"}, {"name": "bag"}],
                 "compression": {"shrink": 0.5}, %s
                 "local": {"instances": [0, 3], %s "neighbourhood": {"sample": 50}},
                 "output": "%s"}""".formatted(analysis, localAnalysis, out.toString().replace("\\", "/")), GOLDEN, "test");
    }

    @Test
    void aRunWritesAttributionsChartsAndContestabilityNextToEveryQbafAndTwiceTheSameBytes(@TempDir Path tmp)
            throws IOException {
        String global = "\"attribution\": {}, \"contest\": {\"what\": \"bias\"},";
        String local = "\"attribution\": {\"methods\": [\"removal\", \"gradient\"]}, \"contest\": {\"scope\": \"all\"},";
        ILLC.run(spec(tmp.resolve("a"), global, local), false, Progress.SILENT);
        ILLC.run(spec(tmp.resolve("b"), global, local), false, Progress.SILENT);

        List<String> files = List.of("attribution.json", "attribution-gradient.png", "attribution-removal.png",
                "attribution-shapley.png", "contestability.json", "qbaf.bag", "local/0/attribution.json",
                "local/0/attribution-gradient.png", "local/3/contestability.json", "spec.json");
        for (String f : files) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
        }
        assertFalse(Files.exists(tmp.resolve("a/local/0/attribution-shapley.png")));

        ObjectMapper json = new ObjectMapper();
        JsonNode attribution = json.readTree(tmp.resolve("a/attribution.json").toFile());
        assertEquals(List.of("target", "methods", "shapley", "relations"), names(attribution));
        assertEquals("1", attribution.get("target").textValue(), "the model names its output 1");
        assertEquals(List.of("gradient", "removal", "shapley"), names(attribution.get("methods")));
        // 30 features + the cluster-neurons of three hidden layers, every one attributed.
        JsonNode qbaf = json.readTree(tmp.resolve("a/qbaf.json").toFile());
        assertEquals(qbaf.get("arguments").size() - 1, attribution.get("methods").get("removal").size());
        assertEquals(qbaf.get("edges").size(), attribution.get("relations").get("removal").size());
        assertTrue(attribution.get("shapley").get("samples").isInt(), "30 inputs are sampled");

        JsonNode row = json.readTree(tmp.resolve("a/local/0/attribution.json").toFile());
        // Methods come in a fixed order, whatever the spec's.
        assertEquals(List.of("gradient", "removal"), names(row.get("methods")));
        assertFalse(row.has("shapley"));

        JsonNode contest = json.readTree(tmp.resolve("a/contestability.json").toFile());
        assertTrue(contest.get("found").booleanValue());
        assertTrue(contest.get("exact").booleanValue());
        assertEquals("bias", contest.get("what").textValue());
        // A one-output network's other class has the data's name, as the run's predictions do.
        JsonNode rowQbaf = json.readTree(tmp.resolve("a/local/3/qbaf.json").toFile());
        JsonNode rowContest = json.readTree(tmp.resolve("a/local/3/contestability.json").toFile());
        assertEquals(rowQbaf.get("local").get("prediction").textValue(), rowContest.get("predicted").textValue());
        assertFalse(contest.get("predicted").textValue().startsWith("not "));

        JsonNode effective = json.readTree(tmp.resolve("a/spec.json").toFile());
        assertEquals("{\"methods\":[\"gradient\",\"removal\",\"shapley\"],\"target\":\"predicted\",\"samples\":1000}",
                effective.get("attribution").toString());
        assertEquals("{\"scope\":\"all\",\"what\":\"weights\"}", effective.get("local").get("contest").toString());
    }

    @Test
    void anAttributionTargetThatIsNotAnOutputIsReportedAtItsPathBeforeAnythingIsWritten(@TempDir Path tmp) {
        PipelineSpec spec = spec(tmp.resolve("out"), "\"attribution\": {\"target\": \"benign\"},",
                "\"contest\": {\"scope\": \"layer\", \"layer\": 9},");

        InputException e = assertThrows(InputException.class, () -> ILLC.run(spec, false, Progress.SILENT));

        assertEquals("$.attribution.target: 'benign' is not an output; the outputs are 1 (or \"predicted\")\n"
                + "$.local.contest.layer: the QBAF has layers 1..4 (4 = the outputs), got 9", e.getMessage());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void attributionAndContestNeedTheRowsHeldSoTheyAreNeverStreamed(@TempDir Path tmp) {
        PipelineSpec spec = spec(tmp.resolve("out"), "\"attribution\": {}, \"contest\": {},", "");

        assertTrue(StreamedRun.needsRowsHeld(spec).containsAll(List.of("attribution", "contest")));
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
