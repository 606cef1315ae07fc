package io.illc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.illc.core.data.BuiltinDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aValidSpecIsReportedValidOnStdout() throws Exception {
        String spec = Cli.specFile(tmp, "ok.json", Cli.goldenSpec());
        Cli.Outcome r = Cli.illc("validate", spec);
        assertEquals(0, r.code(), r.err());
        assertEquals(spec + " is valid", r.out().strip());
        assertEquals("", r.err());
    }

    /** Windows Notepad saves UTF-8 with a byte-order mark first: such a spec is the same spec. */
    @Test
    void aSpecSavedWithAByteOrderMarkIsValid() throws Exception {
        String spec = Cli.specFile(tmp, "marked.json", "\uFEFF" + Cli.goldenSpec());
        Cli.Outcome r = Cli.illc("validate", spec);
        assertEquals(0, r.code(), r.err());
        assertEquals(spec + " is valid", r.out().strip());
    }

    @Test
    void malformedJsonIsBadInputNamingLineAndColumn() throws Exception {
        String spec = Cli.specFile(tmp, "broken.json", "{\"specVersion\": 1,\n  \"seed\": }\n");
        Cli.Outcome r = Cli.illc("validate", spec);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("line 2, column"), r.err());
        assertTrue(r.err().contains("broken.json"), r.err());
        assertEquals("", r.out());
        r.assertNoJavaInternalsOnStderr();
    }

    @Test
    void aMisspelledClusteringNameIsBadInputWithItsJsonPathAndASuggestion() throws Exception {
        String spec = Cli.specFile(tmp, "typo.json", """
                {"specVersion": 1, "compression": {"clustering": {"name": "kmean"}}}
                """);
        Cli.Outcome r = Cli.illc("validate", spec);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("$.compression.clustering.name"), r.err());
        assertTrue(r.err().contains("did you mean 'kmeans'?"), r.err());
        r.assertNoJavaInternalsOnStderr();
    }

    @Test
    void everyProblemOfASpecIsPrintedOnItsOwnLine() throws Exception {
        String spec = Cli.specFile(tmp, "two.json", """
                {"specVersion": 1, "seeed": 3, "compression": {"clustering": {"name": "kmean"}}}
                """);
        Cli.Outcome r = Cli.illc("validate", spec);
        assertEquals(2, r.code(), r.err());
        assertEquals(2, r.errLines().size(), r.err());
        assertTrue(r.errLines().stream().allMatch(l -> l.startsWith("illc: $.")), r.err());
    }

    @Test
    void everyMissingFileTheSpecReadsIsReportedWithItsJsonPath() throws Exception {
        String spec = Cli.specFile(tmp, "files.json", """
                {"data": {"csv": "nowhere.csv"}, "model": {"load": "gone.json"}, "local": {"csv": "new.csv"}}
                """);

        Cli.Outcome outcome = Cli.illc("validate", spec);

        assertEquals(2, outcome.code());
        assertEquals(3, outcome.errLines().size(), outcome.err());
        assertTrue(outcome.errLines().get(0).contains("$.data.csv: data file " + tmp.resolve("nowhere.csv") + " does not exist"), outcome.err());
        assertTrue(outcome.errLines().get(1).contains("$.model.load: model file"), outcome.err());
        assertTrue(outcome.errLines().get(2).contains("$.local.csv: file of new rows"), outcome.err());
        outcome.assertNoJavaInternalsOnStderr();
    }

    @Test
    void onTheSparkEngineTheSettingsItRefusesAreReportedAsTheRunWouldReportThem() throws Exception {
        String local = Cli.specFile(tmp, "local.json", """
                {"specVersion": 1, "model": {"train": {"hidden": [4]}}, "compression": {"rows": {"holdout": 0.2}}}
                """);
        String spark = Cli.specFile(tmp, "spark.json", """
                {"specVersion": 1, "model": {"train": {"hidden": [4]}}, "compression": {"rows": {"holdout": 0.2}},
                 "execution": {"engine": "spark"}}
                """);
        List<String> refused = List.of(
                "illc: $.model.train: training needs every row in one place, which the spark engine never has;"
                        + " train with the local engine (illc train) and load the model",
                "illc: $.compression.rows.holdout: a holdout split needs every row in one place, which the spark"
                        + " engine never has; use \"rows\": \"all\" or the local engine");

        Cli.Outcome onLocal = Cli.illc("validate", local);
        Cli.Outcome bySpec = Cli.illc("validate", spark);
        Cli.Outcome byOption = Cli.illc("validate", local, "--engine", "spark");
        Cli.Outcome backToLocal = Cli.illc("validate", spark, "--engine", "local");

        assertEquals(0, onLocal.code(), onLocal.err());
        assertEquals(2, bySpec.code(), bySpec.err());
        assertEquals(refused, bySpec.errLines());
        assertEquals(refused, byOption.errLines());
        assertEquals(0, backToLocal.code(), backToLocal.err());
    }

    @Test
    void aDataFileInsideTheSpecsOutputFolderIsReported() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.copy(Path.of("..", "illc-core", "src", "main", "resources", "io", "illc", "core", "data", "iris.csv"),
                out.resolve("iris.csv"));
        String spec = Cli.specFile(tmp, "inside.json", """
                {"specVersion": 1, "data": {"csv": "out/iris.csv"}, "output": "out"}
                """);

        Cli.Outcome outcome = Cli.illc("validate", spec);

        assertEquals(2, outcome.code(), outcome.err());
        assertEquals(List.of("illc: $.data.csv: data file " + out.resolve("iris.csv") + " is inside the output folder " + out
                + ", which the results replace (the file would be deleted); move the file or choose another output folder"),
                outcome.errLines());
    }

    @Test
    void aMissingSpecFileIsBadInput() {
        Cli.Outcome r = Cli.illc("validate", tmp.resolve("nothing.json").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("does not exist"), r.err());
        r.assertNoJavaInternalsOnStderr();
    }

    @Test
    void debugAddsTheStackTraceToBadInput() throws Exception {
        String spec = Cli.specFile(tmp, "broken.json", "{");
        Cli.Outcome r = Cli.illc("validate", "--debug", spec);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void moreClusterCountsThanTheTrainedModelHasHiddenLayersAreFoundWithoutRunning() throws Exception {
        String spec = Cli.specFile(tmp, "clusters.json", """
                {"specVersion": 1, "model": {"train": {"hidden": [8, 8]}},
                 "compression": {"method": "illc", "clusters": [4, 4, 4], "clustering": {"name": "kmeans"}}}
                """);
        Cli.Outcome r = Cli.illc("validate", spec);
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("illc: $.compression.clusters: 3 cluster counts for a model with 2 hidden layers; give one"
                + " per hidden layer"), r.errLines());
    }

    @Test
    void aClusterCountAboveALoadedModelsLayerWidthIsFoundWithoutRunning() throws Exception {
        String spec = Cli.specFile(tmp, "wide.json", Cli.goldenSpec().replace("\"shrink\": 0.5", "\"clusters\": [6, 20, 4]"));
        Cli.Outcome r = Cli.illc("validate", spec);
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("illc: $.compression.clusters[1]: 20 clusters for hidden layer 2 of 10 neurons; allowed 1..10"),
                r.errLines());
    }

    @Test
    void aLabelColumnTheCsvHeaderLacksIsFoundFromTheHeaderAlone() throws Exception {
        Path csv = tmp.resolve("data.csv");
        Files.writeString(csv, "a,b,diagnosis\n1,2,x\n");
        String spec = Cli.specFile(tmp, "label.json", """
                {"specVersion": 1, "data": {"csv": "data.csv", "label": "diagnosos"}}
                """);
        Cli.Outcome r = Cli.illc("validate", spec);
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("illc: $.data: " + csv + ": no label column 'diagnosos'; columns: a, b, diagnosis; did you mean"
                + " 'diagnosis'?"), r.errLines());
    }

    @Test
    void aLoadedModelWithMoreInputsThanTheDataHasColumnsIsFoundWithoutRunning() throws Exception {
        // The golden model is unnamed: its 30 inputs are matched to the data's columns by position.
        String spec = Cli.specFile(tmp, "iris.json", Cli.goldenSpec().replace("breast-cancer", "iris"));
        Cli.Outcome r = Cli.illc("validate", spec);
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("illc: $.model.load: data 'iris' has 4 feature columns but the model takes 30 inputs"),
                r.errLines());
    }

    @Test
    void aNamedModelWhoseInputsTheDataLacksIsFoundWithoutRunningListingBoth() throws Exception {
        ObjectNode model = (ObjectNode) new ObjectMapper().readTree(Cli.GOLDEN_MODEL.toFile());
        ArrayNode names = model.putArray("inputs");
        BuiltinDatasets.load("breast-cancer").featureNames().forEach(names::add);
        Files.writeString(tmp.resolve("named.json"), model.toString());
        String spec = Cli.specFile(tmp, "iris.json", """
                {"specVersion": 1, "data": {"builtin": "iris"}, "model": {"load": "named.json"}}
                """);
        Cli.Outcome r = Cli.illc("validate", spec);
        assertEquals(2, r.code(), r.err());
        List<String> lines = r.errLines();
        assertEquals(4, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("illc: $.model.load: data 'iris' has no column for 30 inputs of the model:"
                + " 'mean_radius', 'mean_texture', "), lines.get(0));
        assertEquals("illc: $.model.load: data 'iris' has 4 columns that are not inputs of the model: 'sepal_length',"
                + " 'sepal_width', 'petal_length', 'petal_width'; remove them or make one the label", lines.get(1));
        assertTrue(lines.get(2).startsWith("illc: $.model.load: the model's inputs: mean_radius, mean_texture, "), lines.get(2));
        assertEquals("illc: $.model.load: the data's feature columns: sepal_length, sepal_width, petal_length, petal_width",
                lines.get(3));
        // The run refuses it with the same lines.
        Cli.Outcome run = Cli.illc("run", spec, "--out", tmp.resolve("out").toString());
        assertEquals(2, run.code(), run.err());
        assertEquals(r.errLines(), run.errLines());
    }

    @Test
    void aDataColumnThatIsNoInputOfANamedModelIsFoundWithoutRunning() throws Exception {
        Files.writeString(tmp.resolve("extra.csv"), "a,b,extra,y\n1,2,3,0\n2,1,3,1\n");
        Cli.namedModel(tmp);
        String spec = Cli.specFile(tmp, "extra.json", """
                {"specVersion": 1, "data": {"csv": "extra.csv", "label": "y"}, "model": {"load": "named.json"}}
                """);

        Cli.Outcome r = Cli.illc("validate", spec);

        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("illc: $.model.load: data 'extra.csv' has column 'extra', which is not an input of the model;"
                        + " remove it or make it the label",
                "illc: $.model.load: the model's inputs: a, b",
                "illc: $.model.load: the data's feature columns: a, b, extra"), r.errLines());
    }

    @Test
    void anExperimentSpecIsCheckedAsAnExperiment() throws Exception {
        Files.copy(Cli.GOLDEN_MODEL, tmp.resolve("bc_tiny.model.json"));
        String spec = Cli.specFile(tmp, "loaded.json", """
                {"experimentVersion": 1, "data": {"builtin": "breast-cancer"}, "model": {"load": ["bc_tiny.model.json"]},
                 "grid": {"shrinks": [0.5]}}""");

        Cli.Outcome r = Cli.illc("validate", spec);

        assertEquals(0, r.code(), r.err());
        assertEquals(spec + " is valid\n", r.out());
        assertTrue(Files.notExists(tmp.resolve("illc-out")), "nothing is run");
    }

    @Test
    void anExperimentsFilesAndModelsAreCheckedWithoutRunningAtTheirPaths() throws Exception {
        Files.writeString(tmp.resolve("extra.csv"), "a,b,extra,y\n1,2,3,0\n2,1,3,1\n");
        Files.writeString(tmp.resolve("named.json"), """
                {"format": "illc-mlp", "version": 1, "inputs": ["a", "b", "extra"], "layers": [
                  {"weights": [[1, -1, 0], [-1, 1, 0]], "bias": [0, 0], "activation": "softmax"}]}
                """);
        String missing = Cli.specFile(tmp, "missing.json", """
                {"experimentVersion": 1, "data": {"csv": "extra.csv", "label": "y"}, "model": {"load": ["named.json", "gone.json"]}}""");
        String noHidden = Cli.specFile(tmp, "no-hidden.json", """
                {"experimentVersion": 1, "data": {"csv": "extra.csv", "label": "y"}, "model": {"load": ["named.json"]}}""");
        String noLabel = Cli.specFile(tmp, "no-label.json", """
                {"experimentVersion": 1, "data": {"csv": "extra.csv", "label": "z"}, "grid": {"depths": [1], "widths": [4]}}""");

        Cli.Outcome gone = Cli.illc("validate", missing);
        Cli.Outcome flat = Cli.illc("validate", noHidden);
        Cli.Outcome label = Cli.illc("validate", noLabel);

        assertEquals(2, gone.code(), gone.err());
        assertEquals(List.of("illc: $.model.load[1]: model file " + tmp.resolve("gone.json") + " does not exist"), gone.errLines());
        assertEquals(2, flat.code(), flat.err());
        assertEquals(List.of("illc: $.model.load[0] (named.json): the model has no hidden layer, so there is nothing to"
                + " compress; give a model with at least one hidden layer"), flat.errLines());
        assertEquals(2, label.code(), label.err());
        assertTrue(label.errLines().get(0).startsWith("illc: $.data: "), label.err());
        assertTrue(label.errLines().get(0).contains("no label column 'z'"), label.err());
    }

    @Test
    void theEngineOptionsHaveNoMeaningForAnExperiment() throws Exception {
        String spec = Cli.specFile(tmp, "grid.json", """
                {"experimentVersion": 1, "grid": {"depths": [1], "widths": [4]}}""");

        Cli.Outcome r = Cli.illc("validate", spec, "--engine", "spark");

        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("illc: --engine and --master apply to pipeline specs; " + spec
                + " is an experiment spec, which runs on this machine"), r.errLines());
    }

    @Test
    void runningAnExperimentSpecSaysWhichCommandRunsIt() throws Exception {
        String spec = Cli.specFile(tmp, "grid.json", """
                {"experimentVersion": 1, "grid": {"depths": [1], "widths": [4]}}""");

        Cli.Outcome r = Cli.illc("run", spec);

        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("illc: $.experimentVersion: this is an experiment spec, not a pipeline spec: run it with"
                + " 'illc experiment'"), r.errLines());
    }

    @Test
    void aFileOfNewRowsWhoseColumnsTheModelLacksIsFoundWithoutRunningAsTheRunSaysIt() throws Exception {
        Files.writeString(tmp.resolve("data.csv"), "a,b,y\n1,2,0\n2,1,1\n");
        Files.writeString(tmp.resolve("rows.csv"), "a,b,extra,y\n1,2,3,0\n");
        Cli.namedModel(tmp);
        String loaded = Cli.specFile(tmp, "loaded.json", """
                {"specVersion": 1, "data": {"csv": "data.csv"}, "model": {"load": "named.json"},
                 "compression": {"method": "illc", "clusters": [1]}, "local": {"csv": "rows.csv"}, "renderers": []}
                """);
        String trained = Cli.specFile(tmp, "trained.json", """
                {"specVersion": 1, "data": {"csv": "data.csv"}, "model": {"train": {"hidden": [2], "epochs": 1}},
                 "compression": {"method": "illc", "clusters": [1]}, "local": {"csv": "rows.csv"}, "renderers": []}
                """);
        List<String> expected = List.of("illc: $.local.csv: data 'rows.csv' has column 'extra', which is not an input of"
                        + " the model; remove it or make it the label",
                "illc: $.local.csv: the model's inputs: a, b",
                "illc: $.local.csv: the data's feature columns: a, b, extra");

        Cli.Outcome validLoaded = Cli.illc("validate", loaded);
        Cli.Outcome validTrained = Cli.illc("validate", trained);
        Cli.Outcome run = Cli.illc("run", loaded, "--quiet");

        assertEquals(2, validLoaded.code(), validLoaded.err());
        assertEquals(expected, validLoaded.errLines());
        assertEquals(2, validTrained.code(), validTrained.err());
        assertEquals(expected, validTrained.errLines());
        assertEquals(2, run.code(), run.err());
        assertEquals(expected, run.errLines());
    }
}
