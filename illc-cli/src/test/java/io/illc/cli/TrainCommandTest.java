package io.illc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainCommandTest {
    private static final Path IRIS = Path.of("..", "illc-core", "src", "main", "resources", "io", "illc", "core", "data",
            "iris.csv").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void trainsOnACsvAndWritesAModelThatRunLoadsWithThatCsv() throws Exception {
        Files.copy(IRIS, tmp.resolve("iris.csv"));
        Cli.Outcome trained = Cli.illcIn(tmp, "train", "iris.csv", "--hidden", "8,6", "--epochs", "20", "--seed", "3");
        assertEquals(0, trained.code(), trained.err());
        assertTrue(trained.out().startsWith("trained 4 -> 8 -> 6 -> 3 (relu, softmax) on 120 rows of "), trained.out());
        assertTrue(trained.out().lines().anyMatch(l -> l.matches("train accuracy [0-9.]+, test accuracy [0-9.]+ \\(30 held-out rows\\)")),
                trained.out());
        assertTrue(Files.isRegularFile(tmp.resolve("iris.model.json")));

        Files.writeString(tmp.resolve("spec.json"), """
                {"specVersion": 1, "data": {"csv": "iris.csv"}, "model": {"load": "iris.model.json"},
                 "compression": {"method": "illc", "shrink": 0.5, "clustering": {"name": "kmeans"}}, "renderers": []}
                """);
        Cli.Outcome run = Cli.illcIn(tmp, "run", "spec.json", "--quiet");
        assertEquals(0, run.code(), run.err());
    }

    @Test
    void aGzipFileTrainsTheSameModelNamedWithoutItsExtensions() throws Exception {
        Files.copy(IRIS, tmp.resolve("iris.csv"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp.resolve("flowers.csv.gz")))) {
            Files.copy(IRIS, out);
        }
        Cli.Outcome plain = Cli.illcIn(tmp, "train", "iris.csv", "--hidden", "6", "--epochs", "5");
        Cli.Outcome gz = Cli.illcIn(tmp, "train", "flowers.csv.gz", "--hidden", "6", "--epochs", "5");
        assertEquals(0, gz.code(), gz.err());
        assertEquals(Files.readString(tmp.resolve("iris.model.json")), Files.readString(tmp.resolve("flowers.model.json")));
        assertEquals(plain.out().replace("iris.csv", "flowers.csv.gz").replace("iris.model", "flowers.model"), gz.out());
    }

    @Test
    void withNoRowHeldOutItSaysThereIsNoTestAccuracy() throws Exception {
        Files.writeString(tmp.resolve("two.csv"), "a,b,y\n1,2,0\n2,1,1\n");

        Cli.Outcome trained = Cli.illcIn(tmp, "train", "two.csv", "--label", "y", "--hidden", "3", "--epochs", "2");

        assertEquals(0, trained.code(), trained.err());
        assertTrue(trained.out().lines().anyMatch(l -> l.matches(
                "train accuracy [0-9.]+; no test accuracy: --test-fraction 0.2 of 2 rows holds out none")), trained.out());
    }

    @Test
    void aFileWithoutAHeaderRowIsWarnedOfBeforeTraining() throws Exception {
        Files.writeString(tmp.resolve("savetxt.csv"), "1.5,2.5,0\n1.25,2,1\n2,1,0\n3,4,1\n");

        Cli.Outcome r = Cli.illcIn(tmp, "train", "savetxt.csv", "--hidden", "3", "--epochs", "1", "--test-fraction", "0");

        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("illc: warning: every column name of savetxt.csv is a number (1.5, 2.5, 0): if the"
                + " file has no header row, its first row was taken for one and left out of the data"), r.err());
    }

    @Test
    void aTestFractionThatHoldsOutEveryRowIsNamedByItsOption() throws Exception {
        Files.writeString(tmp.resolve("two.csv"), "a,b,y\n1,2,0\n2,1,1\n");

        Cli.Outcome r = Cli.illcIn(tmp, "train", "two.csv", "--test-fraction", "0.9", "--hidden", "3", "--epochs", "1");

        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("illc: --test-fraction: 0.9 holds out all 2 rows of two.csv; lower it so that some rows are"
                + " left for training"), r.errLines());
    }

    @Test
    void theSameSeedTrainsTheSameModel() throws Exception {
        Files.copy(IRIS, tmp.resolve("iris.csv"));
        assertEquals(0, Cli.illcIn(tmp, "train", "iris.csv", "--hidden", "5", "--epochs", "5", "--out", "a.json").code());
        assertEquals(0, Cli.illcIn(tmp, "train", "iris.csv", "--hidden", "5", "--epochs", "5", "--out", "b.json").code());
        assertEquals(Files.readString(tmp.resolve("a.json")), Files.readString(tmp.resolve("b.json")));
    }

    @Test
    void badOptionsAreEachReportedByTheirOptionName() {
        Cli.Outcome r = Cli.illcIn(tmp, "train", "iris.csv", "--hidden", "0", "--epochs", "0", "--test-fraction", "1",
                "--activation", "relux");
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("illc: --hidden: [0]; give at least one width, each at least 1 (e.g. --hidden 64,64)",
                "illc: --activation: unknown hidden-layer activation 'relux'; allowed: relu, tanh, sigmoid, leaky-relu,"
                        + " elu, softplus, silu, gelu, gelu-tanh; did you mean 'relu'?",
                "illc: --epochs: 0; must be at least 1", "illc: --test-fraction: 1.0; must be in [0, 1)"), r.errLines());
    }

    @Test
    void anOutFileThatCannotBeWrittenFailsBeforeTheTraining() throws Exception {
        Files.copy(IRIS, tmp.resolve("iris.csv"));
        Files.createDirectory(tmp.resolve("folder"));

        Cli.Outcome text = Cli.illcIn(tmp, "train", "iris.csv", "--out", "m.txt");
        Cli.Outcome folder = Cli.illcIn(tmp, "train", "iris.csv", "--out", "folder", "--force");

        assertEquals(2, text.code(), text.err());
        assertEquals("illc: --out: cannot tell the output format from m.txt; end the name in .json (weights JSON) or .zip (DL4J)\n",
                text.err());
        assertTrue(text.out().isEmpty(), "nothing trained: " + text.out());
        assertEquals(2, folder.code(), folder.err());
        assertEquals("illc: --out: " + tmp.resolve("folder") + " is a folder; give a file name ending in .json or .zip\n",
                folder.err());
        assertTrue(Files.isDirectory(tmp.resolve("folder")), "the folder is left as it was");
    }

    @Test
    void theModelFilesFolderIsMadeWhenMissing() throws Exception {
        Files.copy(IRIS, tmp.resolve("iris.csv"));

        Cli.Outcome r = Cli.illcIn(tmp, "train", "iris.csv", "--epochs", "1", "--hidden", "4", "--out", "sub/dir/m.zip");

        assertEquals(0, r.code(), r.err());
        assertEquals("dl4j", io.illc.core.model.ModelLoader.load(tmp.resolve("sub/dir/m.zip"), null).format());
    }

    @Test
    void anExistingModelFileIsReplacedOnlyWithForce() throws Exception {
        Files.copy(IRIS, tmp.resolve("iris.csv"));
        Files.writeString(tmp.resolve("mine.json"), "keep");
        Cli.Outcome r = Cli.illcIn(tmp, "train", "iris.csv", "--epochs", "1", "--out", "mine.json");
        assertEquals(2, r.code(), r.err());
        assertEquals("keep", Files.readString(tmp.resolve("mine.json")));
    }
}
