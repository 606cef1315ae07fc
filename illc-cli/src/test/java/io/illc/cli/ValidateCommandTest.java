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
        assertEquals(List.of("illc: $.model.load: the model takes 30 inputs but the data has 4 feature columns"),
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
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.errLines().get(0).startsWith("illc: $.model.load: the model's inputs mean_radius, mean_texture, "), r.err());
        assertTrue(r.errLines().get(0).endsWith(" are not columns of the data; the data's feature columns are sepal_length,"
                + " sepal_width, petal_length, petal_width"), r.err());
    }
}
