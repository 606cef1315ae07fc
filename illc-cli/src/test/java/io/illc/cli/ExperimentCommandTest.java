package io.illc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperimentCommandTest {
    private static final String TINY = """
            {"experimentVersion": 1, "seed": 3, "data": {"builtin": "iris"},
             "grid": {"depths": [2], "widths": [8], "trainingSeeds": [0], "shrinks": [0.5],
                      "clusterings": [{"name": "agglomerative"}],
                      "train": {"epochs": 2, "batchSize": 32}}}""";

    @TempDir
    Path tmp;

    @Test
    void runsAGridWritesTheReportAndResumesOnASecondRun() throws Exception {
        String spec = Cli.specFile(tmp, "tiny.json", TINY);
        Path out = tmp.resolve("grid");

        Cli.Outcome first = Cli.illc("experiment", spec, "--out", out.toString());
        Cli.Outcome second = Cli.illc("experiment", spec, "--out", out.toString());

        assertEquals(0, first.code(), first.err());
        assertTrue(Files.isRegularFile(out.resolve("report.md")));
        assertTrue(Files.isRegularFile(out.resolve("results.csv")));
        assertTrue(Files.readString(out.resolve("experiment.json")).contains("\"output\" : " + new com.fasterxml.jackson
                .databind.ObjectMapper().writeValueAsString(out.toString())), "experiment.json names the folder --out gave");
        assertTrue(first.out().contains("1 cells computed, 0 reused, 1 models trained"), first.out());
        assertTrue(first.err().contains("cell 1/1 done: d2-w8-s0 in "), "progress also when stderr is no terminal: " + first.err());
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("0 cells computed, 1 reused, 0 models trained"), second.out());
        Cli.Outcome quiet = Cli.illc("experiment", spec, "--out", out.toString(), "--quiet");
        assertEquals(0, quiet.code(), quiet.err());
        assertFalse(quiet.err().contains("cell 1/1"), quiet.err());
    }

    @Test
    void threadsRunCellsInParallelAndZeroIsBadInput() throws Exception {
        String spec = Cli.specFile(tmp, "tiny.json", TINY.replace("\"trainingSeeds\": [0]", "\"trainingSeeds\": [0, 1]"));
        Path out = tmp.resolve("grid");

        Cli.Outcome two = Cli.illc("experiment", spec, "--threads", "2", "--out", out.toString());
        Cli.Outcome zero = Cli.illc("experiment", spec, "--threads", "0", "--out", tmp.resolve("zero").toString());

        assertEquals(0, two.code(), two.err());
        assertTrue(two.out().contains("2 cells computed, 0 reused, 2 models trained"), two.out());
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("--threads: 0; must be at least 1"), zero.err());
        assertTrue(Files.notExists(tmp.resolve("zero")), "nothing is written");
    }

    @Test
    void reportOnlyRebuildsTheReportOfAFolderWithoutComputingAndRefusesAFolderThatIsNotAnExperiment() throws Exception {
        String spec = Cli.specFile(tmp, "tiny.json", TINY);
        Path out = tmp.resolve("grid");
        assertEquals(0, Cli.illc("experiment", spec, "--out", out.toString()).code());
        String report = Files.readString(out.resolve("report.md"));
        Files.delete(out.resolve("report.md"));

        Cli.Outcome rebuilt = Cli.illc("experiment", "--report-only", "--out", out.toString());
        Cli.Outcome noFolder = Cli.illc("experiment", "--report-only");
        Cli.Outcome withThreads = Cli.illc("experiment", "--report-only", "--threads", "2", "--out", out.toString());
        Cli.Outcome notAnExperiment = Cli.illc("experiment", "--report-only", "--out", tmp.toString());

        assertEquals(0, rebuilt.code(), rebuilt.err());
        assertTrue(rebuilt.out().startsWith("rewrote the report of " + out), rebuilt.out());
        assertEquals(report, Files.readString(out.resolve("report.md")));
        assertEquals(2, noFolder.code());
        assertTrue(noFolder.err().contains("--report-only needs the experiment folder"), noFolder.err());
        assertEquals(2, withThreads.code());
        assertTrue(withThreads.err().contains("--threads has no meaning with it"), withThreads.err());
        assertEquals(2, notAnExperiment.code());
        assertTrue(notAnExperiment.err().contains("is not an experiment folder: it has no experiment.json"), notAnExperiment.err());
        notAnExperiment.assertNoJavaInternalsOnStderr();
    }

    @Test
    void comparesTheMethodsOnAnExistingModelAndResumes() throws Exception {
        java.nio.file.Files.copy(Cli.GOLDEN_MODEL, tmp.resolve("bc_tiny.model.json"));
        String spec = Cli.specFile(tmp, "loaded.json", """
                {"experimentVersion": 1, "data": {"builtin": "breast-cancer"}, "model": {"load": "bc_tiny.model.json"},
                 "grid": {"shrinks": [0.5], "clusterings": [{"name": "kmeans", "params": {"restarts": 1}}]}}""");

        Cli.Outcome first = Cli.illc("experiment", spec);
        Cli.Outcome second = Cli.illc("experiment", spec);

        Path out = tmp.resolve("illc-out").resolve("loaded");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("1 cells computed, 0 reused, 0 models trained"), first.out());
        assertTrue(Files.isRegularFile(out.resolve("cells/bc_tiny.model.json")));
        assertTrue(Files.readString(out.resolve("results.csv")).startsWith("model,depth,width,"));
        assertTrue(Files.readString(out.resolve("report.md")).contains("### bc_tiny.model\n"));
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("0 cells computed, 1 reused, 0 models trained"), second.out());
    }

    @Test
    void aLoadedModelThatDoesNotFitTheDataIsBadInputWithItsPath() throws Exception {
        java.nio.file.Files.copy(Cli.GOLDEN_MODEL, tmp.resolve("bc_tiny.model.json"));
        String spec = Cli.specFile(tmp, "iris.json", """
                {"experimentVersion": 1, "data": {"builtin": "iris"}, "model": {"load": ["bc_tiny.model.json"]},
                 "grid": {"shrinks": [0.5]}}""");

        Cli.Outcome outcome = Cli.illc("experiment", spec, "--out", tmp.resolve("x").toString());

        assertEquals(2, outcome.code(), outcome.err());
        assertTrue(outcome.err().contains("$.model.load[0] (bc_tiny.model.json)"), outcome.err());
        assertTrue(Files.notExists(tmp.resolve("x")), "nothing is written");
        outcome.assertNoJavaInternalsOnStderr();
    }

    @Test
    void everyProblemOfALoadedModelIsALineAtItsPath() throws Exception {
        Files.writeString(tmp.resolve("extra.csv"), "a,b,extra,y\n1,2,3,0\n2,1,3,1\n");
        Cli.namedModel(tmp);
        String spec = Cli.specFile(tmp, "extra.json", """
                {"experimentVersion": 1, "data": {"csv": "extra.csv", "label": "y"}, "model": {"load": ["named.json"]}}""");

        Cli.Outcome outcome = Cli.illc("experiment", spec, "--out", tmp.resolve("x").toString());

        assertEquals(2, outcome.code(), outcome.err());
        assertEquals(List.of("illc: $.model.load[0] (named.json): data 'extra.csv' has column 'extra', which is not an input"
                        + " of the model; remove it or make it the label",
                "illc: $.model.load[0] (named.json): the model's inputs: a, b",
                "illc: $.model.load[0] (named.json): the data's feature columns: a, b, extra"), outcome.errLines());
    }

    @Test
    void aMissingDataFileIsNamedByItsFieldAsIllcRunNamesIt() throws Exception {
        String spec = Cli.specFile(tmp, "csv.json", """
                {"experimentVersion": 1, "data": {"csv": "nope.csv", "label": "y"}, "grid": {"depths": [1], "widths": [4]}}""");

        Cli.Outcome outcome = Cli.illc("experiment", spec, "--out", tmp.resolve("x").toString());

        assertEquals(2, outcome.code(), outcome.err());
        assertEquals("illc: $.data.csv: data file " + tmp.resolve("nope.csv") + " does not exist\n", outcome.err());
        assertTrue(Files.notExists(tmp.resolve("x")), "nothing is written");
    }

    @Test
    void forceDoesNotEmptyAFolderThatHoldsTheExperimentsModel() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path model = out.resolve("bc_tiny.model.json");
        Files.copy(Cli.GOLDEN_MODEL, model);
        String spec = Cli.specFile(tmp, "inside.json", """
                {"experimentVersion": 1, "model": {"load": ["out/bc_tiny.model.json"]}, "grid": {"shrinks": [0.5]}}""");

        Cli.Outcome outcome = Cli.illc("experiment", spec, "--out", out.toString(), "--force");

        assertEquals(2, outcome.code(), outcome.err());
        assertEquals("illc: $.model.load[0]: model file " + model + " is inside the output folder " + out
                + ", which the results replace (the file would be deleted); move the file or choose another output folder\n",
                outcome.err());
        assertTrue(Files.exists(model), "the model is still there");
    }

    @Test
    void trainingFieldsNextToALoadedModelAreBadInputWithTheirPaths() throws Exception {
        String spec = Cli.specFile(tmp, "both.json", """
                {"experimentVersion": 1, "model": {"load": "m.json"}, "grid": {"depths": [5], "widths": [100]}}""");

        Cli.Outcome outcome = Cli.illc("experiment", spec, "--out", tmp.resolve("x").toString());

        assertEquals(2, outcome.code(), outcome.err());
        assertTrue(outcome.err().contains("$.grid.depths: not allowed with $.model.load"), outcome.err());
        assertTrue(outcome.err().contains("$.grid.widths: not allowed with $.model.load"), outcome.err());
        outcome.assertNoJavaInternalsOnStderr();
    }

    @Test
    void needsASpecOrPaperButNotBoth() throws Exception {
        String spec = Cli.specFile(tmp, "tiny.json", TINY);

        Cli.Outcome neither = Cli.illc("experiment");
        Cli.Outcome both = Cli.illc("experiment", spec, "--paper");
        Cli.Outcome quickAlone = Cli.illc("experiment", spec, "--quick");

        assertEquals(2, neither.code());
        assertTrue(neither.err().contains("give either an experiment spec file or --paper"), neither.err());
        assertEquals(2, both.code());
        assertEquals(2, quickAlone.code());
        assertTrue(quickAlone.err().contains("--quick works with --paper only"), quickAlone.err());
    }

    @Test
    void aMisspelledFieldIsBadInputWithItsPath() throws Exception {
        String spec = Cli.specFile(tmp, "typo.json", TINY.replace("\"depths\"", "\"depth\""));

        Cli.Outcome outcome = Cli.illc("experiment", spec, "--out", tmp.resolve("x").toString());

        assertEquals(2, outcome.code());
        assertTrue(outcome.err().contains("$.grid"), outcome.err());
        outcome.assertNoJavaInternalsOnStderr();
    }
}
