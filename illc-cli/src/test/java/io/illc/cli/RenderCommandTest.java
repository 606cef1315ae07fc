package io.illc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderCommandTest {
    @TempDir
    Path tmp;

    @Test
    void reRendersARunsQbafWithOtherParametersWithoutRecomputing() throws Exception {
        Path out = run();
        byte[] json = Files.readAllBytes(out.resolve("qbaf.json"));

        Cli.Outcome outcome = Cli.illc("render", out.toString(), "--renderer", "dot", "--param", "topK=5");

        assertEquals(0, outcome.code(), outcome.err());
        List<String> dot = Files.readAllLines(out.resolve("qbaf.dot"));
        long drawn = dot.stream().filter(l -> l.contains("->")).count();
        // The 5 strongest edges into each layer, plus those the path to each output adds.
        assertTrue(dot.get(0).startsWith("// illc QBAF: " + drawn + " of "), dot.get(0));
        assertTrue(dot.get(0).contains("(the 5 edges of largest s into each layer, and "), dot.get(0));
        assertTrue(drawn >= 5, "drawn " + drawn);
        assertArrayEquals(json, Files.readAllBytes(out.resolve("qbaf.json")), "the QBAF itself is untouched");
        assertTrue(outcome.out().contains("qbaf.dot"));
    }

    @Test
    void aReRenderedPageKeepsTheFeatureSummariesBesideTheQbaf() throws Exception {
        Path out = run();
        assertTrue(Files.isRegularFile(out.resolve("features.json")), "the run writes features.json");

        assertEquals(0, Cli.illc("render", out.toString(), "--renderer", "html").code());

        String page = Files.readString(out.resolve("qbaf.html"));
        assertTrue(page.contains("\"features\":{\"format\":\"illc-features\""), "features.json is embedded in the page");
    }

    @Test
    void reRenderingTheJsonGivesTheSameDocument() throws Exception {
        Path out = run();
        byte[] before = Files.readAllBytes(out.resolve("qbaf.json"));

        assertEquals(0, Cli.illc("render", out.toString(), "--renderer", "json").code());

        assertArrayEquals(before, Files.readAllBytes(out.resolve("qbaf.json")));
    }

    @Test
    void anUnknownParameterIsBadInputWithASuggestion() throws Exception {
        Path out = run();

        Cli.Outcome outcome = Cli.illc("render", out.toString(), "--renderer", "dot", "--param", "topk=5");

        assertEquals(2, outcome.code());
        assertTrue(outcome.err().contains("did you mean 'topK'?"), outcome.err());
        outcome.assertNoJavaInternalsOnStderr();
    }

    @Test
    void aFolderWithoutAQbafIsBadInput() {
        Cli.Outcome outcome = Cli.illc("render", tmp.toString(), "--renderer", "dot");

        assertEquals(2, outcome.code());
        assertTrue(outcome.err().contains("qbaf.json does not exist"), outcome.err());
        outcome.assertNoJavaInternalsOnStderr();
    }

    @Test
    void theQbafFileInsteadOfItsFolderIsBadInputSayingWhatToGive() throws Exception {
        Path qbaf = Files.writeString(tmp.resolve("qbaf.json"), "{}");

        Cli.Outcome outcome = Cli.illc("render", qbaf.toString(), "--renderer", "dot");

        assertEquals(2, outcome.code());
        assertEquals("illc: " + qbaf + " is a file; give the output folder of a run (the folder holding qbaf.json)\n",
                outcome.err());
    }

    @Test
    void aMissingFolderIsBadInputSayingSo() {
        Path missing = tmp.resolve("no-such-run");

        Cli.Outcome outcome = Cli.illc("render", missing.toString(), "--renderer", "dot");

        assertEquals(2, outcome.code());
        assertEquals("illc: " + missing + " does not exist; give the output folder of a run (the folder holding qbaf.json)\n",
                outcome.err());
    }

    @Test
    void aStoredQbafWhoseStrengthsDoNotFollowFromItsWeightsIsBadInputNamingTheArgument() throws Exception {
        // x = 2 and h = relu(0.5 + 1·x) = 2.5, but the file says 3.
        Files.writeString(tmp.resolve("qbaf.json"), """
                {"format": "illc-qbaf", "version": 1, "activations": ["relu", "linear"],
                 "local": {"row": 0, "featureValues": [2.0], "prediction": "y"},
                 "arguments": [
                  {"id": "x", "layer": 0, "kind": "input", "label": "x", "strength": 2.0},
                  {"id": "C1.0", "layer": 1, "kind": "cluster", "label": "C1.0", "members": [0], "bias": 0.5,
                   "baseScore": 0.5, "strength": 3.0},
                  {"id": "y", "layer": 2, "kind": "output", "label": "y", "bias": 0.0, "baseScore": 0.0, "strength": 3.0}],
                 "edges": [{"source": "x", "target": "C1.0", "weight": 1.0},
                           {"source": "C1.0", "target": "y", "weight": 1.0}]}
                """);

        Cli.Outcome outcome = Cli.illc("render", tmp.toString(), "--renderer", "dot");

        assertEquals(2, outcome.code(), outcome.err());
        assertTrue(outcome.err().contains("the strength of argument 'C1.0' does not follow"), outcome.err());
        outcome.assertNoJavaInternalsOnStderr();
    }

    private Path run() throws Exception {
        String spec = Cli.specFile(tmp, "golden.json", Cli.goldenSpec());
        Path out = tmp.resolve("out");
        Cli.Outcome outcome = Cli.illc("run", spec, "--out", out.toString(), "--quiet");
        assertEquals(0, outcome.code(), outcome.err());
        return out;
    }
}
