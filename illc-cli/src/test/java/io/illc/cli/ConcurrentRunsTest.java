package io.illc.cli;

import io.illc.core.io.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two runs to one output folder at the same time, in-process (threads released together by a
 * latch): without --force exactly one succeeds and the other is refused with one line (exit 2);
 * with --force both succeed, the last to finish wins, and both are told.
 */
class ConcurrentRunsTest {
    @TempDir
    Path tmp;

    /** A spec whose clustering spins for {@code millis}, so that the two runs overlap for sure. */
    private String slowSpec(int millis) throws Exception {
        return Cli.specFile(tmp, "slow.json", Cli.goldenSpec().replace("{\"name\": \"agglomerative\"}",
                "{\"name\": \"hostile\", \"params\": {\"behaviour\": \"sleep\", \"millis\": " + millis + "}}"));
    }

    private List<Cli.Outcome> twoAtOnce(String... args) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Cli.Outcome>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return Cli.illc(args);
                }));
            }
            start.countDown();
            List<Cli.Outcome> outcomes = new ArrayList<>();
            for (Future<Cli.Outcome> run : runs) {
                outcomes.add(run.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertNoLeftovers() throws Exception {
        try (Stream<Path> entries = Files.list(tmp)) {
            List<Path> hidden = entries.filter(p -> p.getFileName().toString().startsWith(".out")).toList();
            assertTrue(hidden.isEmpty(), "left behind: " + hidden);
        }
    }

    @Test
    void ofTwoConcurrentRunsWithoutForceExactlyOneSucceeds() throws Exception {
        Path out = tmp.resolve("out");
        List<Cli.Outcome> outcomes = twoAtOnce("run", slowSpec(300), "--plugin-path",
                HostilePlugins.folder(tmp, false).toString(), "--out", out.toString());
        List<Cli.Outcome> ok = outcomes.stream().filter(o -> o.code() == 0).toList();
        List<Cli.Outcome> refused = outcomes.stream().filter(o -> o.code() != 0).toList();
        assertEquals(1, ok.size(), outcomes.toString());
        assertEquals(1, refused.size(), outcomes.toString());
        Cli.Outcome r = refused.get(0);
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("is being written by another illc run (pid " + ProcessHandle.current().pid()), r.err());
        assertTrue(Files.isRegularFile(out.resolve("provenance.json")));
        assertNoLeftovers();
    }

    @Test
    void withForceTheLastToFinishWinsAndBothAreTold() throws Exception {
        Path out = tmp.resolve("out");
        List<Cli.Outcome> outcomes = twoAtOnce("run", slowSpec(300), "--force", "--plugin-path",
                HostilePlugins.folder(tmp, false).toString(), "--out", out.toString());
        for (Cli.Outcome o : outcomes) {
            assertEquals(0, o.code(), o.err());
        }
        String told = outcomes.get(0).err() + outcomes.get(1).err();
        assertTrue(told.contains("is writing " + out + " too; with --force the last to finish wins"), told);
        assertTrue(told.contains("replaced the results another illc run"), told);
        assertTrue(Files.isRegularFile(out.resolve("provenance.json")));
        assertNoLeftovers();
    }

    @Test
    void theNextRunRemovesTheStagingFolderOfADeadProcess() throws Exception {
        long dead = deadPid();
        Path stale = Files.createDirectories(tmp.resolve(".out" + AtomicFiles.TEMP_MARK + dead + "-abc"));
        Files.writeString(stale.resolve("model.json"), "{}");
        Path ofAnotherTarget = Files.createDirectories(tmp.resolve(".other" + AtomicFiles.TEMP_MARK + dead + "-def"));
        Path alive = Files.createDirectories(tmp.resolve(".other" + AtomicFiles.TEMP_MARK + ProcessHandle.current().pid() + "-ghi"));
        Cli.Outcome r = Cli.illc("run", Cli.specFile(tmp, "spec.json", Cli.goldenSpec()), "--out", tmp.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(ofAnotherTarget));
        assertTrue(Files.exists(alive), "a live process's staging folder is left alone");
    }

    /** A PID that no process has: that of a child that has ended. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assertFalse(ProcessHandle.of(pid).isPresent() && ProcessHandle.of(pid).get().isAlive());
        return pid;
    }
}
