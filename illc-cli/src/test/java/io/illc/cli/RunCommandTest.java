package io.illc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.illc.core.Illc;
import io.illc.core.run.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RunCommandTest {
    private static final List<String> RESULT_FILES = List.of("spec.json", "model.json", "compressed-model.json",
            "clusters.json", "metrics.json", "provenance.json");

    @TempDir
    Path tmp;

    @Test
    void aMissingSpecSaysWhereSpecsAreForRunAndExplain() {
        Path missing = tmp.resolve("nope.json");
        String expected = "illc: spec file " + missing + " does not exist; give the path of a JSON spec (examples:"
                + " examples/specs in the source, or illc-out/demo/spec.json after 'illc demo')";

        Cli.Outcome run = Cli.illc("run", missing.toString());
        Cli.Outcome explain = Cli.illc("explain", missing.toString(), "--row", "0");

        assertEquals(2, run.code(), run.err());
        assertEquals(List.of(expected), run.errLines());
        assertEquals(2, explain.code(), explain.err());
        assertEquals(List.of(expected), explain.errLines());
    }

    @Test
    void aSigmoidOutputForThreeClassesIsNamedByItsField() throws Exception {
        String spec = Cli.specFile(tmp, "sigmoid.json", """
                {"specVersion": 1, "data": {"builtin": "iris"},
                 "model": {"train": {"hidden": [4], "epochs": 1, "output": "sigmoid"}},
                 "compression": {"method": "illc", "shrink": 0.5}, "renderers": []}
                """);

        Cli.Outcome r = Cli.illc("run", spec, "--out", tmp.resolve("out").toString(), "--quiet");

        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("illc: $.model.train.output: sigmoid needs exactly two classes, iris has 3; use softmax"),
                r.errLines());
    }

    @Test
    void aDataFileInsideTheOutputFolderIsNotDeletedByForce() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path data = out.resolve("data.csv");
        Files.copy(Path.of("..", "illc-core", "src", "main", "resources", "io", "illc", "core", "data", "breast_cancer.csv"), data);
        String spec = Cli.specFile(tmp, "inside.json", """
                {"specVersion": 1, "data": {"csv": "out/data.csv", "label": "diagnosis"},
                 "model": {"train": {"hidden": [4], "epochs": 1}}, "compression": {"shrink": 0.5}}""");

        Cli.Outcome r = Cli.illc("run", spec, "--out", out.toString(), "--force");

        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("illc: $.data.csv: data file " + data + " is inside the output folder " + out
                + ", which the results replace (the file would be deleted); move the file or choose another output folder"),
                r.errLines());
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(data), left.toList(), "the folder is left as it was");
        }
    }

    @Test
    void runsTheGoldenModelIntoTheOutFolderAndSummarisesOnStdout() throws Exception {
        String spec = Cli.specFile(tmp, "golden.json", Cli.goldenSpec());
        Path out = tmp.resolve("results");
        Cli.Outcome r = Cli.illc("run", spec, "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        for (String file : RESULT_FILES) {
            assertTrue(Files.isRegularFile(out.resolve(file)), () -> file + " missing in " + out);
        }
        // bc_tiny has hidden layers of 12, 10 and 8 neurons; shrink 0.5 halves each.
        assertTrue(r.out().contains("results in " + out), r.out());
        assertTrue(r.out().contains("12 -> 6, 10 -> 5, 8 -> 4"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches(" +io-unfaithfulness +[0-9.e-]+ +lower is better +Definition 6: .*")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches(" +agreement +[0-9.e-]+ +higher is better +share of rows .*")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches(" +cognitive-complexity +[0-9]+ +informational +.*")), r.out());
        assertTrue(r.err().lines().noneMatch(l -> l.contains("warning")), r.err());
    }

    @Test
    void aRunThatReadItsModelAheadWritesWhatTheJavaApiWrites() throws Exception {
        // The command reads the spec's model file while it starts (ModelReadAhead); the API does not.
        Path folder = Files.createDirectories(tmp.resolve("spec folder"));
        Files.copy(Cli.GOLDEN_MODEL, folder.resolve("model.json"));
        String spec = Cli.specFile(folder, "golden.json", Cli.goldenSpec()
                .replace(Cli.GOLDEN_MODEL.toString().replace("\\", "\\\\"), "model.json"));
        assertTrue(Files.readString(Path.of(spec)).contains("\"load\": \"model.json\""));
        Path cli = tmp.resolve("cli");
        Cli.Outcome r = Cli.illc("run", spec, "--out", cli.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());

        Illc illc = Illc.withPlugins(List.of());
        Path api = tmp.resolve("api");
        illc.run(illc.parse(Path.of(spec)).withOutput(api), false, Progress.SILENT);
        for (String file : List.of("model.json", "compressed-model.json", "clusters.json", "metrics.json", "features.json")) {
            assertArrayEquals(Files.readAllBytes(api.resolve(file)), Files.readAllBytes(cli.resolve(file)), file);
        }
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(api.resolve("provenance.json").toFile()).get("model"),
                json.readTree(cli.resolve("provenance.json").toFile()).get("model"));
    }

    /** What is wrong with the model file is said under the spec's field, by run as by validate, and nothing is written. */
    @Test
    void aBrokenModelIsNamedByTheSpecsFieldAsValidateNamesIt() throws Exception {
        Path model = Files.writeString(tmp.resolve("model.json"), "{\"layers\": [{\"weights\": [[1, 2]], \"bias\": [0]}");
        String spec = Cli.specFile(tmp, "broken.json", Cli.goldenSpec().replace(
                Cli.GOLDEN_MODEL.toString().replace("\\", "\\\\"), model.toString().replace("\\", "\\\\")));
        Path out = tmp.resolve("out");

        Cli.Outcome run = Cli.illc("run", spec, "--out", out.toString());
        Cli.Outcome validate = Cli.illc("validate", spec);

        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().startsWith("illc: $.model.load: " + model + ": malformed JSON"), run.err());
        assertEquals(validate.err(), run.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void theModelIsReadBeforePicocliForARunOrValidateOnTheLocalEngine() throws Exception {
        String spec = Cli.specFile(tmp, "golden.json", Cli.goldenSpec());
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        Session session = new Session(sink, sink, tmp, Map.of(), false, folders -> null);
        for (List<String> args : List.of(List.of("run", spec), List.of("--quiet", "run", spec, "--out", "x"),
                List.of("--plugin-path", "p", "run", spec, "--force"), List.of("validate", spec),
                List.of("run", spec, "--threads", "1"), List.of("run", spec, "--out", "x", "--threads=16"),
                List.of("run", spec, "--engine", "local"), List.of("run", spec, "--engine=local", "--threads", "2"),
                // Options before the spec, as picocli takes them: their values are not the spec.
                List.of("run", "--out", "x", spec), List.of("run", "--threads", "16", "--force", spec),
                List.of("run", "--out=x", "--engine", "local", spec), List.of("validate", "--plugin-path", "p", spec),
                List.of("run", "--quiet", "--", spec))) {
            try (var ahead = Main.readAhead(session, args.toArray(String[]::new))) {
                assertTrue(ahead.reading(), args.toString());
            }
        }
        // Another engine, or a thread count picocli would refuse (the message is picocli's), reads nothing ahead.
        for (List<String> args : List.of(List.of("run"), List.of("run", "--out", spec), List.of("run", "--force", "--"),
                List.of("run", "--threads", "0", spec), List.of("run", "--engine", "spark", spec), List.of("validate", spec, "--help"),
                List.of("run", spec, "--help"), List.of("run", spec, "-h"), List.of("run", spec, "--engine", "spark"),
                List.of("run", spec, "--engine=spark"), List.of("run", spec, "--engine"), List.of("run", spec, "--engine", "locale"),
                List.of("run", spec, "--threads", "0"),
                List.of("run", spec, "--threads", "two"), List.of("run", spec, "--threads"), List.of("run", spec, "--threads="),
                List.of("run", "no-such.json"),
                List.of("run", "nul\0.json"), List.of("run", spec.replace("golden.json", "")))) {
            try (var ahead = Main.readAhead(session, args.toArray(String[]::new))) {
                assertFalse(ahead.reading(), args.toString());
            }
        }
        // A read started and not taken is dropped: the next run reads its own model again.
        try (var ahead = Main.readAhead(session, "run", spec)) {
            assertTrue(ahead.reading());
        }
        Cli.Outcome r = Cli.illc("run", spec, "--out", tmp.resolve("after").toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
    }

    /** Main.specAt skips the values of exactly the options that take one, in both commands that read ahead. */
    @Test
    void theOptionsWithValuesAreThoseOfPicocli() {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        Session session = new Session(sink, sink, tmp, Map.of(), false, folders -> null);
        Set<String> withValues = new TreeSet<>();
        Set<String> flags = new TreeSet<>();
        for (Object command : List.of(new RunCommand(session), new ValidateCommand(session))) {
            for (OptionSpec option : new CommandLine(command).getCommandSpec().options()) {
                (option.arity().max() > 0 ? withValues : flags).addAll(List.of(option.names()));
            }
        }
        assertEquals(new TreeSet<>(Main.OPTIONS_WITH_VALUES), withValues);
        assertTrue(flags.containsAll(List.of("--force", "--quiet", "--help")), flags.toString());
    }

    /**
     * The read ahead may start a library that logs (jHDF, for a Keras file) before picocli has
     * parsed the command line: the logging settings (off, or info with --debug) come first, as the
     * first logger reads them once.
     */
    @Test
    void loggingIsSetBeforeTheModelIsReadAhead() throws Exception {
        String spec = Cli.specFile(tmp, "golden.json", Cli.goldenSpec());
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        Session session = new Session(sink, sink, tmp, Map.of(), false, folders -> null);
        String level = "org.slf4j.simpleLogger.defaultLogLevel";
        String before = System.getProperty(level);
        try {
            for (List<String> args : List.of(List.of("validate", spec), List.of("run", spec, "--debug"))) {
                System.clearProperty(level);
                try (var ahead = Main.readAhead(session, args.toArray(String[]::new))) {
                    assertTrue(ahead.reading(), args.toString());
                    assertEquals(args.contains("--debug") ? "info" : "off", System.getProperty(level), args.toString());
                }
            }
        } finally {
            if (before == null) {
                System.clearProperty(level);
            } else {
                System.setProperty(level, before);
            }
        }
    }

    /** A spec read from a pipe (illc run <(...)) can be read once only: nothing may glance at it first. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a bug blocks in open()
    void aSpecFromAPipeRuns() throws Exception {
        Path fifo = tmp.resolve("spec-pipe.json");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available here");
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, Cli.goldenSpec()); // blocks until the run opens the pipe
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.setDaemon(true);
        writer.start();
        Cli.Outcome r = Cli.illc("run", fifo.toString(), "--out", tmp.resolve("piped").toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(tmp.resolve("piped").resolve("compressed-model.json")));
    }

    @Test
    void aCompressionThatOftenDisagreesWithTheOriginalIsWarnedAbout() throws Exception {
        // Every hidden layer of the golden model merged into one cluster-neuron: the prediction is nearly constant.
        String spec = Cli.specFile(tmp, "one.json", Cli.goldenSpec().replace("\"shrink\": 0.5", "\"clusters\": [1, 1, 1]"));
        Cli.Outcome r = Cli.illc("run", spec, "--out", tmp.resolve("one").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("illc: warning: the compressed network predicts the original's"
                + " class on only ")), r.err());
    }

    @Test
    void quietPrintsNothingAtAll() throws Exception {
        String spec = Cli.specFile(tmp, "golden.json", Cli.goldenSpec());
        Cli.Outcome r = Cli.illc("run", "--quiet", spec, "--out", tmp.resolve("q").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals("", r.err());
    }

    @Test
    void aNonEmptyOutputFolderIsReplacedOnlyWithForce() throws Exception {
        String spec = Cli.specFile(tmp, "golden.json", Cli.goldenSpec());
        String out = tmp.resolve("results").toString();
        assertEquals(0, Cli.illc("run", "--quiet", spec, "--out", out).code());

        Cli.Outcome again = Cli.illc("run", spec, "--out", out);
        assertEquals(2, again.code(), again.err());
        assertEquals(1, again.errLines().size(), again.err());
        assertTrue(again.err().matches("(?s).*holds an earlier run's results; add --force to replace them.*"), again.err());
        again.assertNoJavaInternalsOnStderr();

        assertEquals(0, Cli.illc("run", "--quiet", spec, "--out", out, "--force").code());
    }

    @Test
    void aFileWithoutAHeaderRowIsWarnedOf() throws Exception {
        Path csv = Files.writeString(tmp.resolve("savetxt.csv"), "1.25,-2.5,0\n3.5,4.25,1\n5.5,6.75,0\n7.25,8.5,1\n");
        String spec = Cli.specFile(tmp, "headerless.json", """
                {"specVersion": 1, "data": {"csv": "%s"}, "model": {"train": {"hidden": [3], "epochs": 1}},
                 "renderers": []}""".formatted(csv.toString().replace("\\", "\\\\")));

        Cli.Outcome r = Cli.illc("run", spec, "--out", tmp.resolve("headerless").toString());

        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("illc: warning: every column name of savetxt.csv is a number (1.25, -2.5, 0): if the file"
                + " has no header row, its first row was taken for one"), r.err());
    }

    @Test
    void forceDoesNotReplaceAFolderThatHoldsNoEarlierRun() throws Exception {
        String spec = Cli.specFile(tmp, "golden.json", Cli.goldenSpec());
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("thesis.tex"), "three years");

        Cli.Outcome r = Cli.illc("run", spec, "--out", mine.toString(), "--force");

        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("holds no earlier illc run") && r.err().contains("choose another --out"), r.err());
        r.assertNoJavaInternalsOnStderr();
        try (Stream<Path> left = Files.list(mine)) {
            assertEquals(List.of(mine.resolve("thesis.tex")), left.toList());
        }
        assertEquals("three years", Files.readString(mine.resolve("thesis.tex")));
    }

    @Test
    void aFailingRunLeavesNoOutputFolderAndNoPartialFolder() throws Exception {
        String spec = Cli.specFile(tmp, "missing-model.json", Cli.goldenSpec()
                .replace(Cli.GOLDEN_MODEL.toString(), tmp.resolve("no-such-model.json").toString()));
        Path parent = Files.createDirectories(tmp.resolve("runs"));
        Cli.Outcome r = Cli.illc("run", spec, "--out", parent.resolve("out").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("no-such-model.json"), r.err());
        r.assertNoJavaInternalsOnStderr();
        try (Stream<Path> left = Files.list(parent)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void runningTheSameSpecTwiceGivesByteIdenticalResultsExceptTheProvenance() throws Exception {
        String spec = Cli.specFile(tmp, "golden.json", Cli.goldenSpec());
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, Cli.illc("run", "--quiet", spec, "--out", a.toString()).code());
        Map<String, byte[]> first = contents(a);
        assertEquals(0, Cli.illc("run", "--quiet", spec, "--out", b.toString()).code());
        Map<String, byte[]> other = contents(b);
        assertEquals(0, Cli.illc("run", "--quiet", spec, "--out", a.toString(), "--force").code());
        Map<String, byte[]> again = contents(a);

        assertEquals(first.keySet(), other.keySet());
        assertEquals(first.keySet(), again.keySet());
        assertTrue(first.keySet().containsAll(List.of("qbaf.dot", "qbaf.json")), first.keySet()::toString);
        for (String file : first.keySet()) {
            if (file.equals("provenance.json")) {
                continue;
            }
            assertArrayEquals(first.get(file), again.get(file), file);
            if (file.equals("spec.json") || file.equals("qbaf.html")) {
                // The effective spec (also in the viewer's summary) records its output folder: the only difference.
                String inB = new String(other.get(file), StandardCharsets.UTF_8);
                assertEquals(new String(first.get(file), StandardCharsets.UTF_8), inB.replace(b.toString(), a.toString()));
            } else {
                assertArrayEquals(first.get(file), other.get(file), file);
            }
        }
    }

    @Test
    void anOutPathIsRelativeToTheWorkingDirectoryNotToTheSpec() throws Exception {
        Path specFolder = Files.createDirectories(tmp.resolve("specs"));
        String spec = Cli.specFile(specFolder, "golden.json", Cli.goldenSpec());
        Path cwd = Path.of("").toAbsolutePath();
        Path out = tmp.resolve("relative-out");
        Cli.Outcome r = Cli.illc("run", "--quiet", spec, "--out", cwd.relativize(out).toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("metrics.json")));
        assertFalse(Files.exists(specFolder.resolve("illc-out")));
    }

    private static Map<String, byte[]> contents(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return files;
    }

    @Test
    void theEffectiveSpecKeepsPathsRelativeToItsFolderAndRerunsIntoItToTheSameResults() throws Exception {
        String spec = Cli.specFile(tmp, "golden.json", Cli.goldenSpec());
        Path out = tmp.resolve("results");
        assertEquals(0, Cli.illc("run", "--quiet", spec, "--out", out.toString()).code());
        String written = Files.readString(out.resolve("spec.json"));
        assertTrue(written.contains("\"output\": \".\""), written);
        assertFalse(written.contains(tmp.toString()), "no absolute path of this machine: " + written);
        String provenance = Files.readString(out.resolve("provenance.json"));
        assertTrue(provenance.contains("\"output\" : " + new ObjectMapper().writeValueAsString(out.toString())), provenance);
        byte[] metrics = Files.readAllBytes(out.resolve("metrics.json"));

        Cli.Outcome again = Cli.illc("run", "--quiet", out.resolve("spec.json").toString(), "--force");
        assertEquals(0, again.code(), again.err());
        assertArrayEquals(metrics, Files.readAllBytes(out.resolve("metrics.json")));
        assertEquals(written, Files.readString(out.resolve("spec.json")));
    }
}
