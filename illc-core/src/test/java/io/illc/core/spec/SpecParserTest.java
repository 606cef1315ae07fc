package io.illc.core.spec;

import io.illc.api.Activation;
import io.illc.api.Parameters;
import io.illc.api.PluginKind;
import io.illc.core.InputException;
import io.illc.core.catalog.PluginChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecParserTest {
    /** A folder that is never created: parsing only computes paths. */
    static final Path BASE = Path.of("").toAbsolutePath().resolve("specs-folder").normalize();

    private final SpecParser parser = new SpecParser(FakePlugins.catalog());

    private PipelineSpec parse(String json) {
        return parser.parse(json, BASE, "demo.json");
    }

    /** The problems of a spec that must fail. */
    private List<String> problems(String json) {
        return problems(parser, json);
    }

    private static List<String> problems(SpecParser parser, String json) {
        return assertThrows(InputException.class, () -> parser.parse(json, BASE, "demo.json")).problems();
    }

    /** The one problem of a spec that has exactly one. */
    private String problem(String json) {
        List<String> p = problems(json);
        assertEquals(1, p.size(), () -> "expected one problem, got " + p);
        return p.get(0);
    }

    private static Parameters params(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Parameters.of(m);
    }

    // ---- defaults ----

    @Test
    void fillsEveryDefaultIntoAnEmptySpec() {
        PipelineSpec s = parse("{}");
        assertEquals(1, s.specVersion());
        assertEquals(0L, s.seed());
        assertEquals(new DataSpec.Builtin("breast-cancer"), s.data());
        assertEquals(new ModelSpec.Train(new TrainSpec(List.of(100, 100, 100, 100, 100), Activation.RELU, 100, 64,
                0.001, 0.2, Activation.SOFTMAX)), s.model());
        PluginChoice kmeans = new PluginChoice(PluginKind.CLUSTERING, "kmeans",
                params("maxIterations", 300, "tolerance", 1e-4, "restarts", 10));
        assertEquals(new CompressionSpec(CompressionSpec.Method.ILLC, 0.8, null, kmeans,
                new PluginChoice(PluginKind.AGGREGATION, "average", Parameters.empty()), 0.0), s.compression());
        assertEquals(List.of(new PluginChoice(PluginKind.METRIC, "io-unfaithfulness", Parameters.empty()),
                new PluginChoice(PluginKind.METRIC, "structural-unfaithfulness", params("norm", "l1"))), s.metrics());
        assertNull(s.local());
        assertEquals(List.of(new PluginChoice(PluginKind.RENDERER, "dot", Parameters.empty()),
                new PluginChoice(PluginKind.RENDERER, "json", Parameters.empty())), s.renderers());
        assertEquals(BASE.resolve("illc-out").resolve("demo"), s.output());
        assertEquals(BASE, s.baseDir());
    }

    @Test
    void defaultMetricsAreTheInstalledGlobalOnesOnly() {
        List<String> names = parse("{}").metrics().stream().map(PluginChoice::name).toList();
        assertFalse(names.contains("local-io-unfaithfulness"));
        assertEquals(List.of("io-unfaithfulness", "structural-unfaithfulness"), names);
    }

    @Test
    void defaultRenderersAreThoseOfDotAndJsonThatAreInstalled() {
        PipelineSpec s = new SpecParser(FakePlugins.catalogWithout("dot")).parse("{}", BASE, "x");
        assertEquals(List.of("json"), s.renderers().stream().map(PluginChoice::name).toList());
    }

    @Test
    void aMissingDefaultPluginIsAProblemNamingTheInstalledOnes() {
        assertEquals("$.compression.clustering: no clustering given and the default 'kmeans' is not installed;"
                + " name one of: agglomerative, labels", problem(new SpecParser(FakePlugins.catalogWithout("kmeans")), "{}"));
    }

    private static String problem(SpecParser parser, String json) {
        List<String> p = problems(parser, json);
        assertEquals(1, p.size(), () -> "expected one problem, got " + p);
        return p.get(0);
    }

    @Test
    void emptyTrainObjectMeansAllTrainingDefaults() {
        assertEquals(new ModelSpec.Train(TrainSpec.defaults()), parse("{\"model\": {\"train\": {}}}").model());
    }

    @Test
    void pluginParamsLeftOutTakeTheirDefaults() {
        PipelineSpec s = parse("{\"compression\": {\"clustering\": {\"name\": \"kmeans\", \"params\": {\"restarts\": 3}}}}");
        assertEquals(params("maxIterations", 300, "tolerance", 1e-4, "restarts", 3), s.compression().clustering().params());
    }

    @Test
    void readsEveryFieldOfAFullSpec() {
        PipelineSpec s = parse("""
                {
                  "specVersion": 1,
                  "seed": -42,
                  "data": {"csv": "rows.csv", "label": "diagnosis"},
                  "model": {"train": {"hidden": [8, 4], "activation": "tanh", "epochs": 5, "batchSize": 16,
                                      "learningRate": 0.01, "testFraction": 0, "output": "sigmoid"}},
                  "compression": {
                    "method": "global",
                    "clusters": [3, 2],
                    "clustering": {"name": "agglomerative", "params": {"linkage": "average"}},
                    "aggregation": {"name": "average", "params": {}},
                    "rows": {"holdout": 0.25}
                  },
                  "metrics": [{"name": "structural-unfaithfulness", "params": {"norm": "squared"}}],
                  "local": {"instances": [0, 17], "kernel": {"width": 0.55, "distance": "raw"},
                            "aggregation": {"name": "local", "params": {"zeroActivation": "skip"}},
                            "clustering": {"name": "kmeans"}, "renderAll": false},
                  "renderers": [{"name": "json"}],
                  "output": "out/demo"
                }
                """);
        assertEquals(-42L, s.seed());
        assertEquals(new DataSpec.Csv(BASE.resolve("rows.csv"), "diagnosis", true), s.data());
        assertEquals(new ModelSpec.Train(new TrainSpec(List.of(8, 4), Activation.TANH, 5, 16, 0.01, 0.0,
                Activation.SIGMOID)), s.model());
        assertEquals(CompressionSpec.Method.GLOBAL, s.compression().method());
        assertEquals(List.of(3, 2), s.compression().clusters());
        assertEquals(new PluginChoice(PluginKind.CLUSTERING, "agglomerative",
                params("linkage", "average", "distance", "euclidean")), s.compression().clustering());
        assertEquals(0.25, s.compression().holdout());
        assertEquals(List.of(new PluginChoice(PluginKind.METRIC, "structural-unfaithfulness", params("norm", "squared"))),
                s.metrics());
        LocalSpec l = s.local();
        assertEquals(List.of(0, 17), l.instances());
        assertFalse(l.all());
        assertNull(l.newRows());
        assertEquals(0.55, l.width());
        assertEquals(LocalSpec.Distance.RAW, l.distance());
        assertEquals(new PluginChoice(PluginKind.AGGREGATION, "local", params("zeroActivation", "skip")), l.aggregation());
        assertEquals("kmeans", l.clustering().name());
        assertEquals(List.of("json"), s.renderers().stream().map(PluginChoice::name).toList());
        assertEquals(BASE.resolve("out/demo"), s.output());
    }

    @Test
    void explicitClustersKeepTheDefaultShrinkWhichTheyOverride() {
        CompressionSpec c = parse("{\"compression\": {\"clusters\": [20, 1]}}").compression();
        assertEquals(List.of(20, 1), c.clusters());
        assertEquals(0.8, c.shrink());
        assertTrue(java.util.Arrays.equals(new int[] {20, 1}, c.clusterCounts(new int[] {100, 100})));
    }

    @Test
    void emptyMetricAndRendererListsMeanNone() {
        PipelineSpec s = parse("{\"metrics\": [], \"renderers\": []}");
        assertEquals(List.of(), s.metrics());
        assertEquals(List.of(), s.renderers());
    }

    @Test
    void rowsAllMeansNoHoldout() {
        assertEquals(0.0, parse("{\"compression\": {\"rows\": \"all\"}}").compression().holdout());
    }

    @Test
    void localClusteringDefaultsToTheCompressionsClusteringWithItsParams() {
        PipelineSpec s = parse("{\"compression\": {\"clustering\": {\"name\": \"agglomerative\", \"params\": {\"linkage\": \"complete\"}}},"
                + " \"local\": {\"instances\": \"all\", \"renderAll\": true}}");
        assertEquals(s.compression().clustering(), s.local().clustering());
        assertTrue(s.local().all());
        assertNull(s.local().instances());
        assertTrue(s.local().renderAll());
        assertNull(s.local().width());
        assertEquals(LocalSpec.Distance.STANDARDIZED, s.local().distance());
        assertEquals(LocalSpec.Preset.WIDE_REFIT, s.local().preset());
        assertEquals(new PluginChoice(PluginKind.AGGREGATION, "refit", params("ridge", 0.001, "fitBias", true)),
                s.local().aggregation());
        assertNull(s.local().limeRidge());
    }

    @Test
    void localNullMeansNoLocalExplanations() {
        assertNull(parse("{\"local\": null}").local());
    }

    @Test
    void csvLabelLeftOutMeansTheLastColumnAndNullMeansNoLabel() {
        assertEquals(new DataSpec.Csv(BASE.resolve("a.csv"), null, true), parse("{\"data\": {\"csv\": \"a.csv\"}}").data());
        assertEquals(new DataSpec.Csv(BASE.resolve("a.csv"), null, false),
                parse("{\"data\": {\"csv\": \"a.csv\", \"label\": null}}").data());
    }

    @Test
    void modelFormatIsOptional() {
        assertEquals(new ModelSpec.Load(BASE.resolve("m.json"), null), parse("{\"model\": {\"load\": \"m.json\"}}").model());
        assertEquals(new ModelSpec.Load(BASE.resolve("m.h5"), "keras"),
                parse("{\"model\": {\"load\": \"m.h5\", \"format\": \"keras\"}}").model());
    }

    @Test
    void acceptsASchemaReferenceForEditors() {
        assertEquals(0L, parse("{\"$schema\": \"../../docs/spec.schema.json\"}").seed());
    }

    // ---- paths ----

    @Test
    void relativePathsResolveAgainstTheSpecFolderAndAreNormalized() {
        PipelineSpec s = parse("""
                {"data": {"csv": "../data/rows.csv"}, "model": {"load": "./models/m.json"},
                 "compression": {"clustering": {"name": "labels", "params": {"file": "clusters/../c.json"}}},
                 "local": {"csv": "new.csv"}, "output": "out/./demo"}
                """);
        assertEquals(BASE.getParent().resolve("data/rows.csv"), ((DataSpec.Csv) s.data()).file());
        assertEquals(BASE.resolve("models/m.json"), ((ModelSpec.Load) s.model()).file());
        assertEquals(BASE.resolve("c.json"), s.compression().clustering().params().getPath("file"));
        assertEquals(BASE.resolve("new.csv"), s.local().newRows());
        assertEquals(BASE.resolve("out/demo"), s.output());
    }

    @Test
    void absolutePathsStayAsGiven() {
        Path elsewhere = Path.of("").toAbsolutePath().getRoot().resolve("data").resolve("rows.csv");
        PipelineSpec s = parse("{\"data\": {\"csv\": " + com.fasterxml.jackson.databind.node.TextNode.valueOf(
                elsewhere.toString()) + "}}");
        assertEquals(elsewhere, ((DataSpec.Csv) s.data()).file());
    }

    @Test
    void aSpecFileResolvesAgainstItsFolderAndNamesTheDefaultOutput(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("iris-run.json");
        Files.writeString(file, "{\"data\": {\"csv\": \"rows.csv\"}}");
        PipelineSpec s = parser.parse(file);
        Path folder = dir.toAbsolutePath().normalize();
        assertEquals(folder, s.baseDir());
        assertEquals(folder.resolve("rows.csv"), ((DataSpec.Csv) s.data()).file());
        assertEquals(folder.resolve("illc-out/iris-run"), s.output());
    }

    @Test
    void aMissingSpecFileIsAnInputErrorNamingTheFile(@TempDir Path dir) {
        Path file = dir.resolve("nope.json");
        InputException e = assertThrows(InputException.class, () -> parser.parse(file));
        assertTrue(e.getMessage().startsWith("spec file " + file.toAbsolutePath().normalize() + " does not exist"),
                e.getMessage());
    }

    @Test
    void anUnreadableSpecPathIsAnInputErrorNamingIt(@TempDir Path dir) {
        InputException e = assertThrows(InputException.class, () -> parser.parse(dir));
        assertTrue(e.getMessage().startsWith("cannot read spec file " + dir.toAbsolutePath().normalize()), e.getMessage());
    }

    // ---- JSON syntax ----

    @Test
    void malformedJsonIsReportedWithLineAndColumn() {
        String p = problem("{\n  \"seed\": 1,\n  \"data\" {}\n}");
        assertTrue(p.startsWith("demo.json: malformed JSON at line 3, column 10 ($.data): "), p);
    }

    @Test
    void trailingContentAfterTheRootObjectIsAnError() {
        String p = problem("{\"seed\": 1} {\"seed\": 2}");
        assertTrue(p.startsWith("demo.json: malformed JSON at line 1, column "), p);
        assertTrue(p.contains("more content after the end of the JSON document"), p);
    }

    @Test
    void aDuplicateKeyIsAnError() {
        String p = problem("{\"seed\": 1,\n \"seed\": 2}");
        assertTrue(p.startsWith("demo.json: malformed JSON at line 2, column "), p);
        assertTrue(p.contains("Duplicate field 'seed'"), p);
    }

    @Test
    void anEmptySpecTextIsAnError() {
        assertEquals("demo.json: the document is empty; it is a JSON object such as {\"specVersion\": 1}", problem("  "));
    }

    @Test
    void theRootMustBeAnObject() {
        assertEquals("$: expected an object, got an array", problem("[1, 2]"));
    }

    // ---- unknown fields ----

    @Test
    void unknownFieldsAreRejectedAtEveryLevelWithTheClosestAllowedName() {
        List<String> p = problems("""
                {"sed": 1,
                 "model": {"train": {"epoch": 3}},
                 "compression": {"shrnk": 0.5, "clustering": {"name": "kmeans", "parms": {}}, "rows": {"holdot": 0.2}},
                 "local": {"instances": [0], "kernel": {"widht": 1}}}
                """);
        assertEquals(List.of(
                "$.sed: unknown field 'sed'; allowed: $schema, specVersion, seed, data, model, compression, metrics,"
                        + " local, renderers, execution, output, attribution, contest; did you mean 'seed'?",
                "$.model.train.epoch: unknown field 'epoch'; allowed: hidden, activation, epochs, batchSize,"
                        + " learningRate, testFraction, output; did you mean 'epochs'?",
                "$.compression.shrnk: unknown field 'shrnk'; allowed: method, shrink, clusters, complexity, clustering,"
                        + " aggregation, rows, finetune; did you mean 'shrink'?",
                "$.compression.clustering.parms: unknown field 'parms'; allowed: name, params; did you mean 'params'?",
                "$.compression.rows.holdot: unknown field 'holdot'; allowed: holdout; did you mean 'holdout'?",
                "$.compression.rows: missing \"holdout\": the share of rows held out from clustering for scoring,"
                        + " between 0 and 1 (or write \"rows\": \"all\")",
                "$.local.kernel.widht: unknown field 'widht'; allowed: width, distance; did you mean 'width'?"), p);
    }

    @Test
    void labelBelongsToCsvDataAndFormatToLoadedModels() {
        assertEquals(List.of(
                "$.data.label: \"label\" is only allowed with \"csv\" (built-in datasets know their label)",
                "$.model.format: \"format\" is only allowed with \"load\""),
                problems("{\"data\": {\"builtin\": \"iris\", \"label\": \"x\"}, \"model\": {\"train\": {}, \"format\": \"onnx\"}}"));
    }

    // ---- types ----

    @Test
    void wrongTypesNameTheExpectedTypeAndTheGivenValue() {
        assertEquals(List.of(
                "$.seed: expected an integer, got \"zero\"",
                "$.data: expected an object, got \"iris\"",
                "$.model.train.hidden: expected an array of hidden layer widths, got 3",
                "$.model.train.epochs: expected an integer, got 2.5",
                "$.model.train.learningRate: expected a number, got \"fast\"",
                "$.compression.shrink: expected a number, got null",
                "$.compression.clustering: expected a clustering as {\"name\": ..., \"params\": {...}}, got \"kmeans\"",
                "$.metrics: expected an array, got an object",
                "$.local.renderAll: expected true or false, got \"yes\"",
                "$.output: expected a file path (a string), got 7"),
                problems("""
                        {"seed": "zero", "data": "iris",
                         "model": {"train": {"hidden": 3, "epochs": 2.5, "learningRate": "fast"}},
                         "compression": {"shrink": null, "clustering": "kmeans"},
                         "metrics": {"name": "io-unfaithfulness"},
                         "local": {"instances": "all", "renderAll": "yes"},
                         "output": 7}
                        """));
    }

    @Test
    void aSeedTooLargeForALongIsOutOfRange() {
        assertEquals("$.seed: integer 99999999999999999999 is out of range (at most 9223372036854775807 in size)",
                problem("{\"seed\": 99999999999999999999}"));
    }

    @Test
    void anotherSpecVersionIsRejected() {
        assertEquals("$.specVersion: unsupported spec version 2; this illc reads version 1", problem("{\"specVersion\": 2}"));
    }

    // ---- enum values ----

    @Test
    void wrongEnumValuesListTheAllowedOnesAndTheClosest() {
        assertEquals(List.of(
                "$.data.builtin: unknown builtin dataset 'iriss'; allowed: breast-cancer, iris; did you mean 'iris'?",
                "$.model.train.activation: unknown activation 'rel'; allowed: relu, tanh, sigmoid, leaky-relu, elu, softplus, silu, gelu, gelu-tanh; did you mean 'relu'?",
                "$.model.train.output: unknown output 'softmx'; allowed: softmax, sigmoid; did you mean 'softmax'?",
                "$.compression.method: unknown method 'ilc'; allowed: illc, global; did you mean 'illc'?",
                "$.local.kernel.distance: unknown distance 'standard'; allowed: standardized, raw"),
                problems("""
                        {"data": {"builtin": "iriss"},
                         "model": {"train": {"activation": "rel", "output": "softmx"}},
                         "compression": {"method": "ilc"},
                         "local": {"instances": [1], "kernel": {"distance": "standard"}}}
                        """));
    }

    @Test
    void anUnknownModelFormatListsTheReaders() {
        assertEquals("$.model.format: unknown model format 'onx'; allowed: weights-json, dl4j, keras, onnx;"
                + " did you mean 'onnx'?", problem("{\"model\": {\"load\": \"m\", \"format\": \"onx\"}}"));
    }

    // ---- plugins ----

    @Test
    void anUnknownPluginNameListsTheInstalledOnesAndTheClosest() {
        assertEquals("$.compression.clustering.name: unknown clustering 'kmean'; available: agglomerative, kmeans, labels;"
                + " did you mean 'kmeans'?", problem("{\"compression\": {\"clustering\": {\"name\": \"kmean\"}}}"));
    }

    @Test
    void aPluginReferenceNeedsAName() {
        assertEquals("$.renderers[0]: missing \"name\"; available renderer plugins: dot, json",
                problem("{\"renderers\": [{\"params\": {}}]}"));
    }

    @Test
    void anUnknownPluginParameterListsTheKnownOnesAndTheClosest() {
        assertEquals("$.compression.clustering.params.restart: unknown parameter 'restart' of clustering 'kmeans';"
                        + " known: maxIterations, restarts, tolerance; did you mean 'restarts'?",
                problem("{\"compression\": {\"clustering\": {\"name\": \"kmeans\", \"params\": {\"restart\": 3}}}}"));
    }

    @Test
    void pluginParameterValuesAreCheckedAtTheirPath() {
        assertEquals(List.of(
                "$.compression.clustering.params.restarts: must be at least 1, got 0",
                "$.metrics[0].params.norm: unknown value 'l2' for parameter 'norm'; allowed: l1, squared; did you mean 'l1'?",
                "$.local.aggregation.params.zeroActivation: expected one of one, skip, got 1"),
                problems("""
                        {"compression": {"clustering": {"name": "kmeans", "params": {"restarts": 0}}},
                         "metrics": [{"name": "structural-unfaithfulness", "params": {"norm": "l2"}}],
                         "local": {"instances": [0], "aggregation": {"name": "local", "params": {"zeroActivation": 1}}}}
                        """));
    }

    @Test
    void aRequiredPluginParameterMustBeGiven() {
        assertEquals("$.compression.clustering.params: missing required parameter 'file' of clustering 'labels'"
                        + " (a file path: a JSON file of cluster labels per layer)",
                problem("{\"compression\": {\"clustering\": {\"name\": \"labels\"}}}"));
    }

    @Test
    void aCombinationThePluginRejectsIsReportedAtItsParams() {
        assertEquals("$.compression.clustering.params: ward linkage needs the euclidean distance",
                problem("{\"compression\": {\"clustering\": {\"name\": \"agglomerative\", \"params\": {\"distance\": \"cosine\"}}}}"));
    }

    @Test
    void aLocalMetricInMetricsIsRejectedBecauseItRunsWithLocal() {
        assertEquals("$.metrics[1].name: 'local-io-unfaithfulness' is a local metric: it runs on every local explanation"
                        + " (\"local\"), not in \"metrics\"; global metrics: io-unfaithfulness, structural-unfaithfulness",
                problem("{\"metrics\": [{\"name\": \"io-unfaithfulness\"}, {\"name\": \"local-io-unfaithfulness\"}]}"));
    }

    @Test
    void aPluginListedTwiceIsRejected() {
        assertEquals("$.renderers[2].name: 'dot' is listed twice (also at $.renderers[0]); results are named after"
                        + " the plugin, so list it once",
                problem("{\"renderers\": [{\"name\": \"dot\"}, {\"name\": \"json\"}, {\"name\": \"dot\"}]}"));
    }

    @Test
    void aMetricNameOfAnotherKindIsUnknownAsAMetric() {
        assertEquals("$.metrics[0].name: unknown metric 'kmeans'; available: io-unfaithfulness, local-io-unfaithfulness,"
                + " structural-unfaithfulness; if it comes in a plugin jar, give the jar's folder with --plugin-path DIR"
                + " or ILLC_PLUGIN_PATH", problem("{\"metrics\": [{\"name\": \"kmeans\"}]}"));
    }

    // ---- ranges and semantic checks ----

    @Test
    void numbersOutOfTheirRangeAreRejected() {
        assertEquals(List.of(
                "$.model.train.hidden[1]: expected a hidden layer width (an integer ≥ 1), got 0",
                "$.model.train.epochs: must be at least 1, got 0",
                "$.model.train.batchSize: must be at least 1, got -3",
                "$.model.train.learningRate: must be greater than 0, got 0",
                "$.model.train.testFraction: must be in [0, 1), got 1",
                "$.compression.shrink: must be in [0, 1), got 1",
                "$.compression.rows.holdout: must be in (0, 1), got 0",
                "$.local.instances[1]: expected a row number (an integer ≥ 0, counted from 0), got -1",
                "$.local.kernel.width: must be greater than 0, got -0.5"),
                problems("""
                        {"model": {"train": {"hidden": [4, 0], "epochs": 0, "batchSize": -3, "learningRate": 0,
                                             "testFraction": 1}},
                         "compression": {"shrink": 1, "rows": {"holdout": 0}},
                         "local": {"instances": [2, -1], "kernel": {"width": -0.5}}}
                        """));
    }

    @Test
    void boundaryValuesInsideTheirRangesAreAccepted() {
        PipelineSpec s = parse("{\"model\": {\"train\": {\"testFraction\": 0, \"hidden\": [1]}},"
                + " \"compression\": {\"shrink\": 0, \"rows\": {\"holdout\": 0.999}}, \"local\": {\"instances\": [0]}}");
        assertEquals(0.0, s.compression().shrink());
        assertEquals(0.999, s.compression().holdout());
        assertEquals(List.of(0), s.local().instances());
    }

    @Test
    void aNegativeShrinkAndAHoldoutOfOneAreRejected() {
        assertEquals(List.of("$.compression.shrink: must be in [0, 1), got -0.1",
                        "$.compression.rows.holdout: must be in (0, 1), got 1"),
                problems("{\"compression\": {\"shrink\": -0.1, \"rows\": {\"holdout\": 1}}}"));
    }

    @Test
    void clusterCountsMustBePositiveIntegersAndHiddenLayersNonEmpty() {
        assertEquals(List.of("$.model.train.hidden: give at least one hidden layer width",
                        "$.compression.clusters[0]: expected a cluster count (an integer ≥ 1), got 0",
                        "$.compression.clusters[1]: expected a cluster count (an integer ≥ 1), got 2.5"),
                problems("{\"model\": {\"train\": {\"hidden\": []}}, \"compression\": {\"clusters\": [0, 2.5]}}"));
    }

    @Test
    void shrinkAndClustersTogetherAreRejected() {
        assertEquals("$.compression: give one of \"shrink\" (a fraction of every hidden layer), \"clusters\" (a count"
                + " per hidden layer) and \"complexity\" (a budget for the product of the counts), not \"shrink\" and"
                + " \"clusters\"", problem("{\"compression\": {\"shrink\": 0.5, \"clusters\": [2]}}"));
    }

    @Test
    void complexityExcludesShrinkAndClusters() {
        assertEquals("$.compression: give one of \"shrink\" (a fraction of every hidden layer), \"clusters\" (a count"
                + " per hidden layer) and \"complexity\" (a budget for the product of the counts), not \"shrink\" and"
                + " \"clusters\" and \"complexity\"",
                problem("{\"compression\": {\"shrink\": 0.5, \"clusters\": [2], \"complexity\": 8}}"));
        assertEquals("$.compression: give one of \"shrink\" (a fraction of every hidden layer), \"clusters\" (a count"
                + " per hidden layer) and \"complexity\" (a budget for the product of the counts), not \"clusters\" and"
                + " \"complexity\"", problem("{\"compression\": {\"clusters\": [2], \"complexity\": 8}}"));
    }

    @Test
    void complexityIsABudgetOfAtLeastOne() {
        CompressionSpec c = parse("{\"compression\": {\"complexity\": 1e12}}").compression();
        assertEquals(1e12, c.complexity());
        assertNull(c.clusters());
        assertThrows(IllegalStateException.class, () -> c.clusterCounts(new int[]{10}));
        assertEquals("$.compression.complexity: must be at least 1 (the product of the cluster counts, each ≥ 1), got 0.5",
                problem("{\"compression\": {\"complexity\": 0.5}}"));
        assertEquals("$.compression.complexity: expected a number, got \"big\"",
                problem("{\"compression\": {\"complexity\": \"big\"}}"));
    }

    @Test
    void finetuneLeftOutIsOffAndAnEmptyObjectMeansEveryDefault() {
        assertNull(parse("{}").compression().finetune());
        assertEquals(FinetuneSpec.DEFAULTS, parse("{\"compression\": {\"finetune\": {}}}").compression().finetune());
        assertEquals(new FinetuneSpec(200, 1e-3, 1.0, 64, 20, 0.2, new TransferSpec(0.3, 0.4, 5000),
                FinetuneSpec.OutputLoss.CROSS_ENTROPY), FinetuneSpec.DEFAULTS);
    }

    @Test
    void finetuneFieldsCanBeSetOneByOne() {
        FinetuneSpec f = parse("""
                {"compression": {"finetune": {"epochs": 5, "learningRate": 0.01, "structuralWeight": 0,
                                              "batchSize": 16, "patience": 3, "validation": 0.3}}}""").compression().finetune();
        assertEquals(new FinetuneSpec(5, 0.01, 0.0, 16, 3, 0.3, TransferSpec.DEFAULTS, FinetuneSpec.OutputLoss.CROSS_ENTROPY), f);
        assertEquals(FinetuneSpec.DEFAULTS.withStructuralWeight(2.5),
                parse("{\"compression\": {\"finetune\": {\"structuralWeight\": 2.5}}}").compression().finetune());
        assertEquals(FinetuneSpec.DEFAULTS.withOutputLoss(FinetuneSpec.OutputLoss.SQUARED),
                parse("{\"compression\": {\"finetune\": {\"outputLoss\": \"squared\"}}}").compression().finetune());
    }

    @Test
    void badFinetuneFieldsAreAllReported() {
        assertEquals(List.of(
                "$.compression.finetune.epoch: unknown field 'epoch'; allowed: epochs, learningRate, structuralWeight,"
                        + " batchSize, patience, validation, transfer, outputLoss; did you mean 'epochs'?",
                "$.compression.finetune.learningRate: must be greater than 0, got 0",
                "$.compression.finetune.structuralWeight: must be at least 0, got -1",
                "$.compression.finetune.patience: must be at least 1, got 0",
                "$.compression.finetune.validation: must be in (0, 1), got 1"),
                problems("""
                        {"compression": {"finetune": {"epoch": 3, "learningRate": 0, "structuralWeight": -1,
                                                      "patience": 0, "validation": 1}}}"""));
        assertEquals("$.compression.finetune: expected an object, got true",
                problem("{\"compression\": {\"finetune\": true}}"));
        assertEquals("$.compression.finetune.outputLoss: unknown output loss 'crossentropy'; allowed: squared,"
                        + " cross-entropy; did you mean 'cross-entropy'?",
                problem("{\"compression\": {\"finetune\": {\"outputLoss\": \"crossentropy\"}}}"));
    }

    @Test
    void transferRowsAreAnObjectWhoseFieldsDefaultOneByOneOrNullForNone() {
        assertEquals(new TransferSpec(1.0, 0.4, 500), parse("""
                {"compression": {"finetune": {"transfer": {"noise": 1, "mixup": 0.4, "samples": 500}}}}""")
                .compression().finetune().transfer());
        assertEquals(TransferSpec.DEFAULTS, parse("{\"compression\": {\"finetune\": {\"transfer\": {}}}}")
                .compression().finetune().transfer());
        assertEquals(new TransferSpec(0.25, TransferSpec.DEFAULTS.mixup(), TransferSpec.DEFAULTS.samples()),
                parse("{\"compression\": {\"finetune\": {\"transfer\": {\"noise\": 0.25}}}}").compression().finetune().transfer());
        assertNull(parse("{\"compression\": {\"finetune\": {\"transfer\": null}}}").compression().finetune().transfer());
    }

    @Test
    void badTransferFieldsAreAllReportedWithTheirPaths() {
        assertEquals(List.of(
                "$.compression.finetune.transfer.noice: unknown field 'noice'; allowed: noise, mixup, samples;"
                        + " did you mean 'noise'?",
                "$.compression.finetune.transfer.mixup: must be at least 0, got -1",
                "$.compression.finetune.transfer.samples: must be at least 1, got 0"),
                problems("""
                        {"compression": {"finetune": {"transfer": {"noice": 1, "mixup": -1, "samples": 0}}}}"""));
        assertEquals("$.compression.finetune.transfer: expected an object, got 3",
                problem("{\"compression\": {\"finetune\": {\"transfer\": 3}}}"));
    }

    @Test
    void rowsMustBeAllOrAHoldout() {
        assertEquals("$.compression.rows: expected \"all\" or {\"holdout\": FRACTION}, got \"some\"",
                problem("{\"compression\": {\"rows\": \"some\"}}"));
    }

    @Test
    void dataNeedsExactlyOneSource() {
        assertEquals("$.data: give either \"builtin\" (breast-cancer, iris) or \"csv\" (a file), not both",
                problem("{\"data\": {\"builtin\": \"iris\", \"csv\": \"a.csv\"}}"));
        assertEquals("$.data: give either \"builtin\" (breast-cancer, iris) or \"csv\" (a file)", problem("{\"data\": {}}"));
    }

    @Test
    void modelNeedsExactlyOneSource() {
        assertEquals("$.model: give either \"load\" (a model file) or \"train\" (a training recipe), not both",
                problem("{\"model\": {\"load\": \"m.json\", \"train\": {}}}"));
        assertEquals("$.model: give either \"load\" (a model file) or \"train\" (a training recipe)",
                problem("{\"model\": {}}"));
    }

    @Test
    void localNeedsExactlyOneOfInstancesAndCsv() {
        assertEquals("$.local: give either \"instances\" (row numbers of the data, or \"all\") or \"csv\""
                + " (a file of new rows), not both", problem("{\"local\": {\"instances\": [0], \"csv\": \"n.csv\"}}"));
        assertEquals("$.local: give either \"instances\" (row numbers of the data, or \"all\") or \"csv\""
                + " (a file of new rows)", problem("{\"local\": {}}"));
    }

    @Test
    void instancesAreAListOfRowsOrAll() {
        assertEquals("$.local.instances: expected an array of row numbers or \"all\", got \"every\"",
                problem("{\"local\": {\"instances\": \"every\"}}"));
        assertEquals("$.local.instances: give at least one row number (0-based), or \"all\"",
                problem("{\"local\": {\"instances\": []}}"));
    }

    @Test
    void theNeighbourhoodIsAllOrASampleAndLeftOutMeansTheDefaultByDataSize() {
        assertNull(parse("{\"local\": {\"instances\": [0]}}").local().neighbourhood());
        assertNull(parse("{\"local\": {\"instances\": [0], \"neighbourhood\": null}}").local().neighbourhood());
        assertEquals(LocalSpec.Neighbourhood.ALL,
                parse("{\"local\": {\"instances\": [0], \"neighbourhood\": \"all\"}}").local().neighbourhood());
        assertEquals(LocalSpec.Neighbourhood.sample(5000),
                parse("{\"local\": {\"csv\": \"n.csv\", \"neighbourhood\": {\"sample\": 5000}}}").local().neighbourhood());
    }

    @Test
    void aNeighbourhoodOfPerturbationsHasSamplesAndAScaleOfOneStandardDeviationByDefault() {
        assertEquals(LocalSpec.Neighbourhood.perturb(5000, 1.0), parse("{\"local\": {\"instances\": [0],"
                + " \"neighbourhood\": {\"perturb\": {\"samples\": 5000}}}}").local().neighbourhood());
        assertEquals(LocalSpec.Neighbourhood.perturb(10, 0.5), parse("{\"local\": {\"instances\": [0],"
                + " \"neighbourhood\": {\"perturb\": {\"samples\": 10, \"scale\": 0.5}}}}").local().neighbourhood());
        assertEquals("$.local.neighbourhood.perturb.scale: must be greater than 0, got 0", problem("{\"local\":"
                + " {\"instances\": [0], \"neighbourhood\": {\"perturb\": {\"samples\": 10, \"scale\": 0}}}}"));
        assertEquals("$.local.neighbourhood.perturb: missing \"samples\"; give the number of perturbations, e.g."
                + " {\"samples\": 5000}", problem("{\"local\": {\"instances\": [0], \"neighbourhood\": {\"perturb\": {}}}}"));
        assertEquals("$.local.neighbourhood: give either \"sample\" (data rows) or \"perturb\" (perturbations of the"
                + " row), not both", problem("{\"local\": {\"instances\": [0], \"neighbourhood\": {\"sample\": 3,"
                + " \"perturb\": {\"samples\": 3}}}}"));
    }

    @Test
    void thePresetDefinition10GivesThePapersAggregationAndExplicitFieldsOverrideIt() {
        LocalSpec paper = parse("{\"local\": {\"instances\": [0], \"preset\": \"definition-10\"}}").local();
        assertEquals(LocalSpec.Preset.DEFINITION_10, paper.preset());
        assertEquals(new PluginChoice(PluginKind.AGGREGATION, "local", params("zeroActivation", "one")), paper.aggregation());
        assertEquals(0.1 * Math.sqrt(30), paper.widthFor(30), 0.0);
        LocalSpec wide = parse("{\"local\": {\"instances\": [0]}}").local();
        assertEquals(0.75 * Math.sqrt(30), wide.widthFor(30), 0.0);
        LocalSpec given = parse("{\"local\": {\"instances\": [0], \"preset\": \"definition-10\","
                + " \"kernel\": {\"width\": 2}, \"aggregation\": {\"name\": \"average\"}}}").local();
        assertEquals(2.0, given.widthFor(30), 0.0);
        assertEquals("average", given.aggregation().name());
        assertEquals("$.local.preset: unknown preset 'definition10'; allowed: wide-refit, definition-10; did you mean"
                + " 'definition-10'?", problem("{\"local\": {\"instances\": [0], \"preset\": \"definition10\"}}"));
    }

    @Test
    void theLimeBaselineIsNamedWithLimesRidgeOfOneByDefault() {
        assertEquals(1.0, parse("{\"local\": {\"instances\": [0], \"baseline\": \"lime\"}}").local().limeRidge());
        assertEquals(0.0, parse("{\"local\": {\"instances\": [0], \"baseline\": {\"name\": \"lime\", \"ridge\": 0}}}")
                .local().limeRidge());
        assertEquals("$.local.baseline: unknown baseline 'lim'; allowed: lime; did you mean 'lime'?",
                problem("{\"local\": {\"instances\": [0], \"baseline\": \"lim\"}}"));
        assertEquals("$.local.baseline.ridge: must be at least 0, got -1", problem("{\"local\": {\"instances\": [0],"
                + " \"baseline\": {\"name\": \"lime\", \"ridge\": -1}}}"));
    }

    @Test
    void badNeighbourhoodsAreReportedAtTheirPathWithTheClosestName() {
        assertEquals("$.local.neighbourhood: unknown neighbourhood 'al'; allowed: \"all\", {\"sample\": M} or"
                        + " {\"perturb\": {\"samples\": M}}; did you mean 'all'?",
                problem("{\"local\": {\"instances\": [0], \"neighbourhood\": \"al\"}}"));
        assertEquals("$.local.neighbourhood: expected \"all\", {\"sample\": M} (M data rows, an integer ≥ 1) or"
                        + " {\"perturb\": {\"samples\": M}} (M perturbations of the row), got 100",
                problem("{\"local\": {\"instances\": [0], \"neighbourhood\": 100}}"));
        assertEquals("$.local.neighbourhood.sample: must be at least 1, got 0",
                problem("{\"local\": {\"instances\": [0], \"neighbourhood\": {\"sample\": 0}}}"));
        assertEquals("$.local.neighbourhood.sample: expected an integer, got 2.5",
                problem("{\"local\": {\"instances\": [0], \"neighbourhood\": {\"sample\": 2.5}}}"));
        assertEquals("$.local.neighbourhood: missing \"sample\" or \"perturb\"; e.g. {\"sample\": 5000} data rows or"
                        + " {\"perturb\": {\"samples\": 5000}} perturbations",
                problem("{\"local\": {\"instances\": [0], \"neighbourhood\": {}}}"));
        List<String> typo = problems("{\"local\": {\"instances\": [0], \"neighbourhood\": {\"sampel\": 9}}}");
        assertTrue(typo.get(0).startsWith("$.local.neighbourhood.sampel: unknown field 'sampel'; allowed: sample, perturb; did you mean 'sample'?"),
                typo::toString);
        List<String> misspelt = problems("{\"local\": {\"instances\": [0], \"neighborhood\": \"all\"}}");
        assertTrue(misspelt.get(0).contains("did you mean 'neighbourhood'?"), misspelt::toString);
    }

    @Test
    void renderAllIsOnlyMeaningfulWithAllInstances() {
        assertEquals("$.local.renderAll: only meaningful with \"instances\": \"all\" (listed rows and new rows are"
                + " always rendered); remove it or set it to false", problem("{\"local\": {\"instances\": [3], \"renderAll\": true}}"));
    }

    @Test
    void emptyPathsAreRejected() {
        assertEquals("$.output: expected a file path, got an empty string", problem("{\"output\": \"\"}"));
    }

    // ---- all problems at once ----

    @Test
    void aSpecWithSeveralProblemsReportsAllOfThemUnknownFieldsOfAnObjectFirst() {
        List<String> p = problems("""
                {"seed": 1.5,
                 "data": {"builtin": "cancer"},
                 "compression": {"method": "sparx", "shrink": 2,
                                 "clustering": {"name": "kmeans", "params": {"restart": 1, "tolerance": "small"}}},
                 "metrics": [{"name": "io-unfaitfulness"}],
                 "renderers": [{"name": "svg"}],
                 "outptu": "x"}
                """);
        assertEquals(9, p.size(), p::toString);
        assertTrue(p.get(0).startsWith("$.outptu: unknown field 'outptu'"), p.get(0));
        assertEquals("$.seed: expected an integer, got 1.5", p.get(1));
        assertTrue(p.get(2).startsWith("$.data.builtin: unknown builtin dataset 'cancer'"), p.get(2));
        assertEquals("$.compression.method: unknown method 'sparx'; allowed: illc, global", p.get(3));
        assertEquals("$.compression.shrink: must be in [0, 1), got 2", p.get(4));
        assertTrue(p.get(5).startsWith("$.compression.clustering.params.restart: unknown parameter 'restart'"), p.get(5));
        assertEquals("$.compression.clustering.params.tolerance: expected a number, got \"small\"", p.get(6));
        assertTrue(p.get(7).startsWith("$.metrics[0].name: unknown metric 'io-unfaitfulness'")
                && p.get(7).endsWith("did you mean 'io-unfaithfulness'?"), p.get(7));
        assertEquals("$.renderers[0].name: unknown renderer 'svg'; available: dot, json; if it comes in a plugin jar,"
                + " give the jar's folder with --plugin-path DIR or ILLC_PLUGIN_PATH", p.get(8));
    }

    @Test
    void executionThreadsAreReadAndCheckedAndDefaultToEveryProcessor() {
        assertEquals(ExecutionSpec.DEFAULT, parse("{}").execution());
        assertEquals(new ExecutionSpec(3), parse("{\"execution\": {\"threads\": 3}}").execution());
        assertEquals(ExecutionSpec.DEFAULT, parse("{\"execution\": {\"threads\": null}}").execution());
        assertEquals("$.execution.threads: must be at least 1, got 0", problem("{\"execution\": {\"threads\": 0}}"));
        assertEquals("$.execution.thread: unknown field 'thread'; allowed: threads, data, engine, spark; did you mean"
                + " 'threads'?", problem("{\"execution\": {\"thread\": 2}}"));
    }

    @Test
    void theEngineIsLocalByDefaultAndSparkTakesAMasterAndConf() {
        ExecutionSpec local = parse("{}").execution();
        assertEquals(ExecutionSpec.LOCAL, local.engine());
        assertEquals(null, local.spark());
        ExecutionSpec spark = parse("{\"execution\": {\"engine\": \"spark\"}}").execution();
        assertEquals(ExecutionSpec.Spark.DEFAULT, spark.spark());
        ExecutionSpec cluster = parse("{\"execution\": {\"threads\": 2, \"engine\": \"spark\", \"spark\": {\"master\":"
                + " \"spark://host:7077\", \"conf\": {\"spark.executor.memory\": \"4g\", \"spark.executor.cores\": 2}}}}")
                .execution();
        assertEquals(new ExecutionSpec(2, ExecutionSpec.DataMode.AUTO, ExecutionSpec.SPARK, new ExecutionSpec.Spark(
                "spark://host:7077", Map.of("spark.executor.memory", "4g", "spark.executor.cores", "2"))), cluster);
        assertEquals(new ExecutionSpec(2, ExecutionSpec.DataMode.AUTO, ExecutionSpec.SPARK, ExecutionSpec.Spark.DEFAULT),
                cluster.withEngine(ExecutionSpec.SPARK, ExecutionSpec.Spark.DEFAULT));
    }

    @Test
    void anUnknownEngineOrSparkSettingsOffSparkAreRejectedAtTheirPaths() {
        assertEquals("$.execution.engine: unknown engine \"sprak\"; allowed: \"local\" or \"spark\"; did you mean"
                + " 'spark'?", problem("{\"execution\": {\"engine\": \"sprak\"}}"));
        assertEquals("$.execution.spark: Spark settings need \"engine\": \"spark\"",
                problem("{\"execution\": {\"spark\": {\"master\": \"local[2]\"}}}"));
        assertEquals("$.execution.spark.conf.spark.x: expected a string, number or boolean, got [1]",
                problem("{\"execution\": {\"engine\": \"spark\", \"spark\": {\"conf\": {\"spark.x\": [1]}}}}"));
        assertEquals("$.execution.spark.master: expected a Spark master URL such as \"local[*]\", \"spark://host:7077\","
                + " \"yarn\" or \"k8s://https://host:443\", got \"\"",
                problem("{\"execution\": {\"engine\": \"spark\", \"spark\": {\"master\": \"\"}}}"));
    }

    @Test
    void executionDataIsAutoMemoryOrStreamAndDefaultsToAuto() {
        assertEquals(ExecutionSpec.DataMode.AUTO, parse("{}").execution().data());
        assertEquals(new ExecutionSpec(2, ExecutionSpec.DataMode.STREAM),
                parse("{\"execution\": {\"threads\": 2, \"data\": \"stream\"}}").execution());
        assertEquals(ExecutionSpec.DataMode.MEMORY, parse("{\"execution\": {\"data\": \"memory\"}}").execution().data());
        assertTrue(problem("{\"execution\": {\"data\": \"disk\"}}").startsWith("$.execution.data: unknown data mode 'disk'"),
                problem("{\"execution\": {\"data\": \"disk\"}}"));
    }

    @Test
    void aParameterisedTrainingActivationIsCheckedLikeWeightsJson() {
        assertEquals(List.of("$.model.train.activation: leaky-relu slope must be a finite number >= 0 (a negative slope is not"
                        + " monotone), got -1.0"),
                problems("{\"model\": {\"train\": {\"activation\": {\"name\": \"leaky-relu\", \"slope\": -1}}}}"));
        assertEquals(List.of("$.model.train.activation.name: 'softmax' is not a hidden-layer activation; allowed: relu, tanh,"
                        + " sigmoid, leaky-relu, elu, softplus, silu, gelu, gelu-tanh"),
                problems("{\"model\": {\"train\": {\"activation\": {\"name\": \"softmax\"}}}}"));
    }
}
