package io.illc.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The README's quick start as a new user walks it: {@code illc demo} in a fresh folder, twice (the
 * second run replaces the first), then the demo's {@code qbaf.html} opened in a real browser. The
 * demo runs in a JVM of its own with the working directory of that folder, as the launcher starts it.
 */
class QuickStartTest {
    private static final long DEMO_TIMEOUT_SECONDS = 300;
    private static final long READY_TIMEOUT_MS = 60_000;
    private static final String EFFECTIVE_SIZE = "illc: local explanations: effective neighbourhood size (Σπ)²/Σπ² ";
    private static final String NO_DOT = "illc: no qbaf.svg: Graphviz 'dot' is not on the PATH";

    @TempDir
    Path folder;

    @Test
    void theDemoRunsTwiceInAFreshFolderAndItsViewerOpensInABrowser() throws Exception {
        String first = demo();
        // Without Graphviz (the tests run without it, skipping what needs it) the demo says it drew no SVG.
        boolean dot = graphvizInstalled();
        assertTrue(first.lines().allMatch(l -> l.startsWith("illc: warning: ") || l.startsWith(EFFECTIVE_SIZE)
                        || !dot && l.startsWith(NO_DOT)),
                "a first demo writes nothing but the summary's warnings and the local neighbourhood's effective"
                        + " size on stderr: " + first);
        assertEquals(1, first.lines().filter(l -> l.startsWith(EFFECTIVE_SIZE)).count(), first);
        assertFalse(first.contains("widen local.kernel.width"), "the default kernel holds many rows: " + first);
        Path page = folder.resolve("illc-out/demo/qbaf.html");
        assertTrue(Files.isRegularFile(page), "the demo writes its viewer");
        String again = demo();
        assertTrue(again.contains("replacing the earlier run in " + folder.resolve("illc-out/demo").toRealPath()), again);

        Chromium.assumeInstalled();
        ChromeDriver browser = Chromium.start(folder.resolve("profile"), 1440, 900);
        try {
            browser.get(page.toUri().toString());
            long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
            JavascriptExecutor js = browser;
            while (!Boolean.TRUE.equals(js.executeScript("return !!(window.illcViewer && window.illcViewer.ready);"))) {
                if (System.currentTimeMillis() > deadline) {
                    fail("the demo's viewer did not report ready within " + READY_TIMEOUT_MS + " ms");
                }
                Thread.sleep(50);
            }
            assertEquals(0L, ((Number) js.executeScript("return window.illcViewer.errors.length;")).longValue(),
                    () -> "page errors: " + js.executeScript("return window.illcViewer.errors;"));
            assertTrue(((Number) js.executeScript("return window.illcViewer.arguments;")).longValue() > 30,
                    "the demo's QBAF has its 30 inputs and more");
        } finally {
            browser.quit();
        }
    }

    /** Whether Graphviz's {@code dot} is on the PATH, where the demo looks for it. */
    private static boolean graphvizInstalled() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isEmpty())
                .anyMatch(d -> Files.isExecutable(Path.of(d, "dot")));
    }

    /** Runs {@code illc demo} in {@link #folder} in a JVM of its own; returns what it wrote to stderr. */
    private String demo() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.bytedeco.javacpp.cachedir=" + Path.of(System.getProperty("user.home"), ".cache", "illc", "javacpp"),
                "-cp", System.getProperty("java.class.path"), "io.illc.cli.Main", "demo"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        Path err = Files.createTempFile(folder, "demo", ".err");
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(DEMO_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("illc demo did not finish within " + DEMO_TIMEOUT_SECONDS + " s");
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), stderr);
        return stderr;
    }
}
