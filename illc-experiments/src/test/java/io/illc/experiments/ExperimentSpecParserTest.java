package io.illc.experiments;

import io.illc.api.Activation;
import io.illc.core.InputException;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.spec.CompressionSpec.Method;
import io.illc.core.spec.DataSpec;
import io.illc.core.spec.FinetuneSpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperimentSpecParserTest {
    private static final PluginCatalog CATALOG = PluginCatalog.discover(List.of());
    private static final Path BASE = Path.of("").toAbsolutePath().resolve("experiments-folder").normalize();
    private final ExperimentSpecParser parser = new ExperimentSpecParser(CATALOG);

    private ExperimentSpec parse(String json) {
        return parser.parse(json, BASE, "tiny.json");
    }

    private List<String> problems(String json) {
        return assertThrows(InputException.class, () -> parse(json)).problems();
    }

    @Test
    void theBriefsExampleParsesWithEveryValue() {
        ExperimentSpec spec = parse("""
                {"experimentVersion": 1, "seed": 0, "data": {"builtin": "breast-cancer"},
                 "grid": {"depths": [5, 10, 20], "widths": [100, 200, 500], "activation": "relu",
                          "trainingSeeds": [0, 1, 2], "shrinks": [0.8], "methods": ["global", "illc"],
                          "clusterings": [{"name": "kmeans"}, {"name": "agglomerative", "params": {"linkage": "ward"}}],
                          "aggregations": [{"name": "average"}],
                          "train": {"epochs": 100, "batchSize": 64, "learningRate": 0.001, "testFraction": 0.2},
                          "localRows": 0},
                 "output": "illc-out/paper"}""");

        ExperimentGrid g = spec.grid();
        assertEquals(new DataSpec.Builtin("breast-cancer"), spec.data());
        assertEquals(List.of(5, 10, 20), g.depths());
        assertEquals(List.of(100, 200, 500), g.widths());
        assertEquals(List.of(0L, 1L, 2L), g.trainingSeeds());
        assertEquals(List.of(Method.GLOBAL, Method.ILLC), g.methods());
        // Ward is agglomerative's default linkage, so the derived label is the bare name.
        assertEquals(List.of("kmeans", "agglomerative"), g.clusterings().stream().map(LabelledChoice::label).toList());
        assertEquals("ward", g.clusterings().get(1).plugin().params().getString("linkage"));
        assertEquals(BASE.resolve("illc-out/paper"), spec.output());
    }

    @Test
    void defaultsMeasureEveryGlobalMetricPlusTheSquaredStructuralUnfaithfulness() {
        ExperimentSpec spec = parse("{\"experimentVersion\": 1, \"grid\": {\"depths\": [2], \"widths\": [8]}}");

        assertEquals(List.of("agreement", "cognitive-complexity", "dead-neurons", "io-unfaithfulness", "sign-agreement",
                        "structural-unfaithfulness", "structural-unfaithfulness(norm=squared)"),
                spec.metrics().stream().map(LabelledChoice::label).toList());
        assertEquals("squared", spec.metrics().get(6).plugin().params().getString("norm"));
        assertEquals(List.of(0L), spec.grid().trainingSeeds());
        assertEquals(List.of(0.8), spec.grid().shrinks());
        assertEquals(Activation.RELU, spec.grid().activation());
        assertEquals(ExperimentGrid.Training.defaults(), spec.grid().training());
        assertEquals(BASE.resolve("illc-out/tiny"), spec.output());
    }

    @Test
    void theEffectiveSpecReadsBackIntoTheSameSpec() {
        ExperimentSpec paper = ExperimentSpecs.paper(CATALOG);
        byte[] written = ExperimentSpecWriter.write(paper);

        ExperimentSpec again = parser.parse(new String(written, StandardCharsets.UTF_8), BASE, "experiment.json");

        assertEquals(paper.grid(), again.grid());
        assertEquals(paper.metrics(), again.metrics());
        assertArrayEquals(written, ExperimentSpecWriter.write(again));
    }

    @Test
    void executionThreadsDefaultToEveryProcessorAreCheckedAndStayOutOfTheEffectiveSpec() {
        ExperimentSpec two = parse("""
                {"experimentVersion": 1, "grid": {"depths": [2], "widths": [8]}, "execution": {"threads": 2}}""");
        ExperimentSpec byDefault = parse("{\"experimentVersion\": 1, \"grid\": {\"depths\": [2], \"widths\": [8]}}");

        assertEquals(2, two.execution().threadCount());
        assertEquals(io.illc.core.Workers.available(), byDefault.execution().threadCount());
        assertEquals(new String(ExperimentSpecWriter.write(byDefault), StandardCharsets.UTF_8),
                new String(ExperimentSpecWriter.write(two), StandardCharsets.UTF_8), "threads change no result");
        List<String> p = problems("""
                {"experimentVersion": 1, "grid": {"depths": [2], "widths": [8]}, "execution": {"threads": 0, "x": 1}}""");
        assertEquals(2, p.size(), p::toString);
        assertTrue(p.stream().anyMatch(m -> m.startsWith("$.execution.threads")), p::toString);
        assertTrue(p.stream().anyMatch(m -> m.startsWith("$.execution.x: unknown field")), p::toString);
    }

    @Test
    void unknownFieldsAreReportedWithTheirJsonPathsAllAtOnce() {
        List<String> p = problems("""
                {"experimentVersion": 1, "sed": 1,
                 "grid": {"depths": [2], "widths": [8], "width": 3, "train": {"epoch": 2},
                          "clusterings": [{"name": "kmeans", "parms": {}}]}}""");

        assertEquals(4, p.size(), p::toString);
        assertTrue(p.get(0).startsWith("$.sed: unknown field 'sed'"), p.get(0));
        assertTrue(p.get(0).contains("did you mean 'seed'?"), p.get(0));
        assertTrue(p.stream().anyMatch(s -> s.startsWith("$.grid.width: unknown field")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("$.grid.train.epoch: unknown field") && s.contains("'epochs'")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("$.grid.clusterings[0].parms: unknown field")), p::toString);
    }

    @Test
    void theLocalNeighbourhoodIsReadAsAPipelineSpecsButWithoutPerturbations() {
        String grid = """
                {"experimentVersion": 1, "grid": {"depths": [2], "widths": [8], "localRows": 2, "localNeighbourhood": %s}}""";

        assertEquals(List.of("$.grid.localNeighbourhood.sample: must be at least 1, got 0"),
                problems(grid.formatted("{\"sample\": 0}")));
        assertEquals(List.of("$.grid.localNeighbourhood: unknown neighbourhood 'al'; allowed: \"all\" or {\"sample\": M};"
                + " did you mean 'all'?"), problems(grid.formatted("\"al\"")));
        List<String> perturb = problems(grid.formatted("{\"perturb\": {\"samples\": 50}}"));
        assertTrue(perturb.get(0).startsWith("$.grid.localNeighbourhood.perturb: unknown field 'perturb'"), perturb::toString);
    }

    @Test
    void badGridValuesNameTheirElement() {
        List<String> p = problems("""
                {"experimentVersion": 1,
                 "grid": {"depths": [2, 0], "widths": [8, 8], "shrinks": [1.0], "methods": ["ilc"],
                          "trainingSeeds": "0", "activation": "softmax"}}""");

        assertEquals(List.of(
                "$.grid.depths[1]: must be at least 1, got 0",
                "$.grid.widths[1]: 8 is listed twice (also at $.grid.widths[0]); list it once",
                "$.grid.activation: unknown activation 'softmax'; allowed: relu, tanh, sigmoid, leaky-relu, elu, softplus, silu, gelu, gelu-tanh",
                "$.grid.trainingSeeds: expected an array of training seeds, got \"0\"",
                "$.grid.shrinks[0]: must be in [0, 1), got 1",
                "$.grid.methods[0]: unknown method 'ilc'; allowed: global, illc; did you mean 'illc'?"), p);
    }

    @Test
    void pluginsAreResolvedAgainstTheCatalogWithTheirParameters() {
        List<String> p = problems("""
                {"experimentVersion": 1,
                 "grid": {"depths": [2], "widths": [8],
                          "clusterings": [{"name": "kmean"}, {"name": "agglomerative", "params": {"linkage": "wrd"}}],
                          "aggregations": [{"name": "average", "label": "a b"}]},
                 "metrics": [{"name": "local-io-unfaithfulness"}]}""");

        assertEquals(4, p.size(), p::toString);
        assertTrue(p.get(0).startsWith("$.grid.clusterings[0].name: unknown clustering 'kmean'"), p.get(0));
        assertTrue(p.get(1).startsWith("$.grid.clusterings[1].params.linkage:"), p.get(1));
        assertTrue(p.get(2).startsWith("$.grid.aggregations[0].label: expected a label"), p.get(2));
        assertTrue(p.get(3).startsWith("$.metrics[0].name: 'local-io-unfaithfulness' is a local metric"), p.get(3));
    }

    @Test
    void twoChoicesWithOneLabelAreRejected() {
        List<String> p = problems("""
                {"experimentVersion": 1, "grid": {"depths": [2], "widths": [8],
                  "clusterings": [{"name": "kmeans"}, {"name": "kmeans", "params": {"restarts": 1}, "label": "kmeans"}]}}""");

        assertEquals(1, p.size(), p::toString);
        assertTrue(p.get(0).startsWith("$.grid.clusterings[1]: the label 'kmeans' is used twice (also at $.grid.clusterings[0])"),
                p.get(0));
    }

    @Test
    void nonDefaultParametersNameTheDerivedLabel() {
        ExperimentSpec spec = parse("""
                {"experimentVersion": 1, "grid": {"depths": [2], "widths": [8],
                  "clusterings": [{"name": "kmeans"}, {"name": "kmeans", "params": {"restarts": 1}}]}}""");

        assertEquals(List.of("kmeans", "kmeans(restarts=1)"), spec.grid().clusterings().stream().map(LabelledChoice::label).toList());
    }

    @Test
    void missingPartsAndPipelineSpecsAreExplained() {
        List<String> p = problems("{\"specVersion\": 1, \"grid\": {\"widths\": [8]}}");

        assertTrue(p.contains("$.specVersion: unknown field 'specVersion'; allowed: $schema, experimentVersion, seed, data,"
                + " model, grid, metrics, execution, output"), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("$.experimentVersion: missing") && s.contains("illc run")), p::toString);
        assertTrue(p.contains("$.grid.depths: missing; give a list of hidden layer counts, e.g. [5, 10, 20]"), p::toString);
    }

    @Test
    void localRowsIsAcceptedAsANonNegativeInteger() {
        ExperimentSpec spec = parse("{\"experimentVersion\": 1, \"grid\": {\"depths\": [2], \"widths\": [8], \"localRows\": 5}}");

        assertEquals(5, spec.grid().localRows());
    }

    @Test
    void aNegativeOrFractionalLocalRowsIsRefusedWithItsPath() {
        List<String> negative = problems("{\"experimentVersion\": 1, \"grid\": {\"depths\": [2], \"widths\": [8], \"localRows\": -1}}");
        List<String> fractional = problems("{\"experimentVersion\": 1, \"grid\": {\"depths\": [2], \"widths\": [8], \"localRows\": 1.5}}");

        assertEquals(List.of("$.grid.localRows: must be at least 0, got -1"), negative);
        assertEquals(List.of("$.grid.localRows: expected an integer, got 1.5"), fractional);
    }

    @Test
    void malformedJsonSaysWhere() {
        InputException e = assertThrows(InputException.class, () -> parse("{\"experimentVersion\": 1,}"));

        assertTrue(e.getMessage().startsWith("tiny.json: malformed JSON at line 1"), e.getMessage());
    }

    @Test
    void holdoutAndFinetuneAreOffUnlessGivenAndFinetuneDefaultsToEveryMethodAndAggregation() {
        ExperimentSpec plain = parse("{\"experimentVersion\": 1, \"grid\": {\"depths\": [2], \"widths\": [8]}}");
        assertEquals(0.0, plain.grid().holdout());
        assertEquals(null, plain.grid().finetune());
        assertEquals(false, new String(ExperimentSpecWriter.write(plain)).contains("finetune"));

        ExperimentSpec tuned = parse("""
                {"experimentVersion": 1, "grid": {"depths": [2], "widths": [8], "holdout": 0.25, "finetune": {}}}""");
        assertEquals(0.25, tuned.grid().holdout());
        assertEquals(List.of(Method.GLOBAL, Method.ILLC), tuned.grid().finetune().methods());
        assertEquals(List.of("average"), tuned.grid().finetune().aggregations());
        assertEquals(FinetuneSpec.DEFAULTS, tuned.grid().finetune().params());
        assertEquals(4, tuned.grid().variants().size());
        ExperimentSpec again = parser.parse(new String(ExperimentSpecWriter.write(tuned)), BASE, "again.json");
        assertEquals(tuned.grid(), again.grid());
    }

    @Test
    void finetuneMayOnlyNameTheGridsMethodsAndAggregations() {
        assertEquals(List.of(
                "$.grid.holdout: must be in [0, 1), got 1",
                "$.grid.finetune.methods[0]: 'illc' is not one of the grid's methods (global)",
                "$.grid.finetune.aggregations[0]: expected the label of one of the grid's aggregations (average), got"
                        + " \"refit\"",
                "$.grid.finetune.params.patience: must be at least 1, got 0"),
                problems("""
                        {"experimentVersion": 1, "grid": {"depths": [2], "widths": [8], "methods": ["global"], "holdout": 1,
                         "finetune": {"methods": ["illc"], "aggregations": ["refit"], "params": {"patience": 0}}}}"""));
    }
}
