package io.illc.core.spec;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecWriterTest {
    private static final Path BASE = SpecParserTest.BASE;

    private final SpecParser parser = new SpecParser(FakePlugins.catalog());
    private final SpecWriter writer = new SpecWriter();

    /** Specs that cover every form of every field. */
    static final List<String> VARIED_SPECS = List.of(
            "{}",
            """
            {"seed": -7, "data": {"csv": "rows.csv", "label": "diagnosis"},
             "model": {"load": "m.json", "format": "dl4j"},
             "compression": {"method": "global", "clusters": [3, 1],
                             "clustering": {"name": "agglomerative", "params": {"linkage": "average"}},
                             "rows": {"holdout": 0.25}},
             "metrics": [{"name": "structural-unfaithfulness", "params": {"norm": "squared"}}],
             "local": {"instances": [0, 17], "kernel": {"width": 0.55, "distance": "raw"},
                       "neighbourhood": {"sample": 50}},
             "renderers": [{"name": "json"}], "output": "out/demo"}
            """,
            """
            {"data": {"csv": "../rows.csv", "label": null}, "model": {"load": "m.json"},
             "compression": {"shrink": 0, "clustering": {"name": "labels", "params": {"file": "c.json"}}},
             "local": {"csv": "new.csv", "clustering": {"name": "kmeans", "params": {"tolerance": 0.001}},
                       "aggregation": {"name": "local", "params": {"zeroActivation": "skip"}}},
             "metrics": [], "renderers": []}
            """,
            """
            {"compression": {"complexity": 12.5, "finetune": {"structuralWeight": 0.5}, "rows": {"holdout": 0.2}}}
            """,
            """
            {"data": {"csv": "rows.csv"}, "model": {"train": {"hidden": [3], "activation": "sigmoid",
             "learningRate": 0.1, "testFraction": 0, "output": "sigmoid"}},
             "local": {"instances": "all", "renderAll": true, "neighbourhood": "all"}}
            """);

    private String text(PipelineSpec spec) {
        byte[] bytes = writer.write(spec);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String quoted(String text) {
        return TextNode.valueOf(text).toString();
    }

    /** The same spec as if read from {@code base}. */
    static PipelineSpec withBase(PipelineSpec s, Path base) {
        return new PipelineSpec(s.specVersion(), s.seed(), s.data(), s.model(), s.compression(), s.metrics(), s.local(),
                s.renderers(), ExecutionSpec.DEFAULT, s.output(), base, s.analysis());
    }

    @Test
    void writesTheFullyDefaultedSpecInTheDocumentedFieldOrder() {
        String expected = """
                {
                  "specVersion": 1,
                  "seed": 0,
                  "data": {
                    "builtin": "breast-cancer"
                  },
                  "model": {
                    "train": {
                      "hidden": [
                        100,
                        100,
                        100,
                        100,
                        100
                      ],
                      "activation": "relu",
                      "epochs": 100,
                      "batchSize": 64,
                      "learningRate": 0.001,
                      "testFraction": 0.2,
                      "output": "softmax"
                    }
                  },
                  "compression": {
                    "method": "illc",
                    "shrink": 0.8,
                    "clustering": {
                      "name": "kmeans",
                      "params": {
                        "maxIterations": 300,
                        "tolerance": 1.0E-4,
                        "restarts": 10
                      }
                    },
                    "aggregation": {
                      "name": "average",
                      "params": {}
                    },
                    "rows": "all"
                  },
                  "metrics": [
                    {
                      "name": "io-unfaithfulness",
                      "params": {}
                    },
                    {
                      "name": "structural-unfaithfulness",
                      "params": {
                        "norm": "l1"
                      }
                    }
                  ],
                  "renderers": [
                    {
                      "name": "dot",
                      "params": {}
                    },
                    {
                      "name": "json",
                      "params": {}
                    }
                  ],
                  "output": OUTPUT
                }
                """.replace("OUTPUT", quoted("."));
        assertEquals(expected, text(parser.parse("{}", BASE, "demo.json")));
    }

    @Test
    void writesLocalExplanationsWithEveryFieldAndPathsRelativeToTheRunFolder() {
        PipelineSpec s = parser.parse("""
                {"data": {"csv": "rows.csv", "label": null}, "compression": {"clusters": [2]},
                 "local": {"csv": "new.csv"}}
                """, BASE, "x");
        String t = text(s);
        assertTrue(t.contains("\"data\": {\n    \"csv\": " + quoted("../../rows.csv") + ",\n    \"label\": null\n  }"), t);
        assertTrue(t.contains("\"clusters\": [\n      2\n    ],"), t);
        assertFalse(t.contains("\"shrink\""), "shrink is left out when clusters are given");
        assertTrue(t.contains("""
                  "local": {
                    "csv": NEW,
                    "preset": "wide-refit",
                    "kernel": {
                      "width": null,
                      "distance": "standardized"
                    },
                    "aggregation": {
                      "name": "refit",
                      "params": {
                        "ridge": 0.001,
                        "fitBias": true
                      }
                    },
                    "clustering": {
                      "name": "kmeans",
                """.replace("NEW", quoted("../../new.csv"))), t);
        assertTrue(t.contains("\"renderAll\": false\n  },\n  \"renderers\""), t);
    }

    @Test
    void writesTheNeighbourhoodAsAllOrASampleAndLeavesItOutUntilTheDataSettlesTheDefault() {
        String sample = text(parser.parse("{\"local\": {\"instances\": [1], \"neighbourhood\": {\"sample\": 300}}}", BASE, "x"));
        assertTrue(sample.contains("\"renderAll\": false,\n    \"neighbourhood\": {\n      \"sample\": 300\n    }\n  }"), sample);
        String all = text(parser.parse("{\"local\": {\"instances\": [1], \"neighbourhood\": \"all\"}}", BASE, "x"));
        assertTrue(all.contains("\"renderAll\": false,\n    \"neighbourhood\": \"all\"\n  }"), all);
        // The run writes the default it chose (see PipelineRunnerTest); an unresolved spec has none yet.
        assertFalse(text(parser.parse("{\"local\": {\"instances\": [1]}}", BASE, "x")).contains("neighbourhood"));
    }

    @Test
    void aCsvLabelMeaningTheLastColumnIsLeftOut() {
        String t = text(parser.parse("{\"data\": {\"csv\": \"rows.csv\"}}", BASE, "x"));
        assertTrue(t.contains("\"data\": {\n    \"csv\": " + quoted("../../rows.csv") + "\n  }"), t);
    }

    @Test
    void aLoadedModelWithoutFormatWritesFormatNull() {
        String t = text(parser.parse("{\"model\": {\"load\": \"m.json\"}}", BASE, "x"));
        assertTrue(t.contains("\"model\": {\n    \"load\": " + quoted("../../m.json") + ",\n    \"format\": null\n  }"), t);
    }

    @Test
    void aTrainingActivationWithAParameterIsWrittenAsAnObjectAndReadsBack() {
        PipelineSpec spec = parser.parse("{\"model\": {\"train\": {\"activation\": {\"name\": \"leaky-relu\", \"slope\": 0.2}}}}", BASE, "x");
        String t = text(spec);
        assertTrue(t.contains("\"activation\": {\n        \"name\": \"leaky-relu\",\n        \"slope\": 0.2\n      }"), t);
        assertEquals(t, text(parser.parse(t, BASE, "x")));
        assertTrue(text(parser.parse("{\"model\": {\"train\": {\"activation\": \"elu\"}}}", BASE, "x"))
                .contains("\"activation\": \"elu\""));
    }

    @Test
    void aHoldoutIsWrittenAsARowsObject() {
        String t = text(parser.parse("{\"compression\": {\"rows\": {\"holdout\": 0.3}}}", BASE, "x"));
        assertTrue(t.contains("\"rows\": {\n      \"holdout\": 0.3\n    }"), t);
    }

    @Test
    void pathParametersAreWrittenRelativeToTheRunFolder() {
        String t = text(parser.parse("{\"compression\": {\"clustering\": {\"name\": \"labels\", \"params\": {\"file\": \"c.json\"}}}}",
                BASE, "x"));
        assertTrue(t.contains("\"file\": " + quoted("../../c.json")), t);
    }

    @Test
    void parsingTheWrittenSpecGivesAnEqualSpec() {
        for (String json : VARIED_SPECS) {
            PipelineSpec spec = parser.parse(json, BASE, "demo.json");
            String written = text(spec);
            // spec.json sits in the output folder, and its paths are relative to it.
            PipelineSpec again = parser.parse(written, spec.output(), "other");
            assertEquals(withBase(spec, spec.output()), again, written);
            // A run folder moved together with its inputs still names them, and writes to itself.
            Path elsewhere = BASE.resolveSibling("elsewhere").resolve("run");
            PipelineSpec moved = parser.parse(written, elsewhere, "other");
            assertEquals(elsewhere, moved.output());
            assertEquals(written, text(moved));
            assertEquals(written, text(again), "writing is a fixed point");
        }
    }

    @Test
    void equalSpecsGiveEqualBytesEndingInANewline() {
        for (String json : VARIED_SPECS) {
            byte[] a = writer.write(parser.parse(json, BASE, "demo"));
            byte[] b = writer.write(parser.parse(json, BASE, "demo"));
            assertArrayEquals(a, b);
            assertEquals('\n', a[a.length - 1]);
            assertFalse(new String(a, StandardCharsets.UTF_8).contains("\r"));
        }
    }

    @Test
    void finetuneIsWrittenOnlyWhenOnAndThenWithEveryField() {
        assertFalse(text(parser.parse("{}", BASE, "x")).contains("finetune"));
        String t = text(parser.parse("{\"compression\": {\"finetune\": {}}}", BASE, "x"));
        assertTrue(t.contains("    \"finetune\": {\n      \"epochs\": 200,\n      \"learningRate\": 0.001,\n"
                + "      \"structuralWeight\": 1.0,\n      \"batchSize\": 64,\n      \"patience\": 20,\n"
                + "      \"validation\": 0.2,\n      \"transfer\": {\n        \"noise\": 0.3,\n        \"mixup\": 0.4,\n"
                + "        \"samples\": 5000\n      },\n      \"outputLoss\": \"cross-entropy\"\n    }\n  },"), t);
        assertTrue(text(parser.parse("{\"compression\": {\"finetune\": {\"transfer\": null}}}", BASE, "x"))
                .contains("      \"transfer\": null,\n"));
    }

    @Test
    void complexityReplacesShrinkInTheEffectiveSpec() {
        String t = text(parser.parse("{\"compression\": {\"complexity\": 3200000}}", BASE, "x"));
        assertTrue(t.contains("\"complexity\": 3200000.0"), t);
        assertFalse(t.contains("shrink"), t);
    }
}
