package io.illc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs in JVMs of their own, stopped from outside: Ctrl-C and SIGTERM stop a run promptly, remove
 * its staging folder and say what was running; a plugin calling {@code System.exit} is named; a run
 * killed with SIGKILL at a random point leaves its output folder complete or absent, and the next
 * run works and removes the leftovers; two forked runs to one folder: exactly one succeeds.
 */
class SignalsAndKillsTest {
    /** The files every golden run writes; a folder holding them all is complete. */
    private static final List<String> COMPLETE = List.of("spec.json", "model.json", "compressed-model.json",
            "clusters.json", "metrics.json", "provenance.json", "qbaf.json");

    @TempDir
    Path tmp;

    private String spinningSpec() throws IOException {
        return Cli.specFile(tmp, "spin.json", Cli.goldenSpec().replace("{\"name\": \"agglomerative\"}",
                "{\"name\": \"hostile\", \"params\": {\"behaviour\": \"sleep\", \"millis\": 120000}}"));
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".out")).toList();
        }
    }

    private boolean stagingExists() throws IOException {
        return leftovers().stream().anyMatch(p -> p.getFileName().toString().contains(".partial-"));
    }

    /** Waits until the run has reached the spinning plugin (which says so on stdout) and has a staging folder. */
    private void awaitSpinning(Forked run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(run.stdout).contains(HostilePlugins.SPINNING)) {
            assertTrue(run.process.isAlive(), () -> "the run ended early: " + readQuietly(run));
            assertTrue(System.nanoTime() < deadline, "the plugin was not reached in 120 s");
            Thread.sleep(50);
        }
        assertTrue(stagingExists());
    }

    private static String readQuietly(Forked run) {
        try {
            return run.err();
        } catch (IOException e) {
            return e.toString();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalStopsASpinningPluginPromptlyCleansUpAndSaysWhatWasRunning(String signal) throws Exception {
        Forked run = Forked.start(tmp.resolve("logs"), signal, "run", spinningSpec(), "--plugin-path",
                HostilePlugins.folder(tmp, false).toString(), "--out", tmp.resolve("out").toString());
        awaitSpinning(run);
        run.signal(signal);
        assertTrue(run.process.waitFor(10, TimeUnit.SECONDS), "still running 10 s after SIG" + signal);
        String err = run.err();
        assertTrue(err.contains("illc: stopped while clustering plugin 'hostile'"), err);
        assertFalse(Files.exists(tmp.resolve("out")));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aPluginCallingSystemExitIsNamedAndNothingIsWritten() throws Exception {
        String spec = Cli.specFile(tmp, "exit.json", Cli.goldenSpec().replace("{\"name\": \"agglomerative\"}",
                "{\"name\": \"hostile\", \"params\": {\"behaviour\": \"exit\"}}"));
        Forked run = Forked.start(tmp.resolve("logs"), "exit", "run", spec, "--plugin-path",
                HostilePlugins.folder(tmp, false).toString(), "--out", tmp.resolve("out").toString());
        assertTrue(run.process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(3, run.process.exitValue(), "illc cannot change the code a plugin exits with");
        String err = run.err();
        assertTrue(err.contains("illc: stopped while clustering plugin 'hostile'"), err);
        assertTrue(err.contains("System.exit"), err);
        assertFalse(Files.exists(tmp.resolve("out")));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aRunKilledAtRandomPointsLeavesItsFolderCompleteOrAbsentAndTheNextRunWorks() throws Exception {
        Random random = new Random(20);
        String spec = Cli.specFile(tmp, "spec.json", Cli.goldenSpec());
        Path out = tmp.resolve("out");
        for (int attempt = 0; attempt < 3; attempt++) {
            Forked run = Forked.start(tmp.resolve("logs"), "kill" + attempt, "run", spec, "--force", "--out", out.toString());
            // Between start-up and (about) the end of the run: the point it dies at is random.
            Thread.sleep(1000 + random.nextInt(6000));
            run.process.destroyForcibly();
            run.process.waitFor();
            if (Files.exists(out)) {
                for (String f : COMPLETE) {
                    assertTrue(Files.isRegularFile(out.resolve(f)), "a half-written output folder lacks " + f);
                }
            }
        }
        Cli.Outcome next = Cli.illc("run", spec, "--force", "--quiet", "--out", out.toString());
        assertEquals(0, next.code(), next.err());
        for (String f : COMPLETE) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertEquals(List.of(), leftovers(), "the next run removed the staging folders of the killed ones");
    }

    @Test
    void ofTwoForkedRunsToOneFolderExactlyOneSucceeds() throws Exception {
        String spec = spinningSpec().replace("120000", "2000");
        Files.writeString(tmp.resolve("spin.json"), Files.readString(tmp.resolve("spin.json")).replace("120000", "2000"));
        String plugins = HostilePlugins.folder(tmp, false).toString();
        Forked a = Forked.start(tmp.resolve("logs"), "a", "run", spec, "--plugin-path", plugins, "--out", tmp.resolve("out").toString());
        Forked b = Forked.start(tmp.resolve("logs"), "b", "run", spec, "--plugin-path", plugins, "--out", tmp.resolve("out").toString());
        assertTrue(a.process.waitFor(180, TimeUnit.SECONDS) && b.process.waitFor(180, TimeUnit.SECONDS));
        List<Integer> codes = Stream.of(a, b).map(f -> f.process.exitValue()).sorted().toList();
        assertEquals(List.of(0, 2), codes, a.err() + b.err());
        Forked loser = a.process.exitValue() == 2 ? a : b;
        assertTrue(loser.err().contains("another illc run (pid "), loser.err());
        assertEquals(1, loser.err().lines().count(), loser.err());
        assertTrue(Files.isRegularFile(tmp.resolve("out").resolve("provenance.json")));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void nativeHdf5DiagnosticsNeverReachTheTerminal() throws Exception {
        Path h5 = tmp.resolve("garbage.h5");
        byte[] bytes = new byte[4096];
        new Random(5).nextBytes(bytes);
        byte[] signature = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        Files.write(h5, bytes);
        Forked run = Forked.start(tmp.resolve("logs"), "h5", "convert", h5.toString(), tmp.resolve("m.json").toString());
        assertTrue(run.process.waitFor(120, TimeUnit.SECONDS));
        String err = run.err();
        assertEquals(2, run.process.exitValue(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("illc: cannot import the Keras model " + h5), err);
        assertFalse(err.contains("Exception"), err);
    }

    @Test
    void runningOutOfHeapIsOneLineNamingTheStageAndJavaOpts() throws Exception {
        // 20 000 rows of 30 features is ~5 MB as doubles: a 16 MB heap runs out while the run works on them.
        StringBuilder csv = new StringBuilder();
        for (int c = 0; c < 30; c++) {
            csv.append("x").append(c).append(',');
        }
        csv.append("y\n");
        Random random = new Random(1);
        for (int r = 0; r < 20_000; r++) {
            for (int c = 0; c < 30; c++) {
                csv.append(random.nextInt(1000)).append(',');
            }
            csv.append(r % 2).append('\n');
        }
        Files.writeString(tmp.resolve("big.csv"), csv);
        String spec = Cli.specFile(tmp, "big.json", """
                {"specVersion": 1, "seed": 0, "data": {"csv": "big.csv", "label": "y"},
                 "model": {"train": {"hidden": [64, 64], "epochs": 2}}, "compression": {"method": "global", "shrink": 0.5}}
                """);
        Forked run = Forked.startWithHeap("24m", tmp.resolve("logs"), "oom", "run", spec, "--out", tmp.resolve("out").toString());
        assertTrue(run.process.waitFor(180, TimeUnit.SECONDS));
        String err = run.err();
        assertEquals(2, run.process.exitValue(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("illc: ran out of memory while "), err);
        assertTrue(err.contains("JAVA_OPTS=-Xmx"), err);
        assertFalse(Files.exists(tmp.resolve("out")));
        assertEquals(List.of(), leftovers());
    }
}
