package io.illc.plugins.render;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs Graphviz {@code dot} on DOT files, for tests. A test calls {@link #assumeInstalled()} first:
 * without {@code dot} on the PATH the test is skipped with a visible reason, unless the system
 * property {@code illc.requireTools} is {@code true} (as on CI), when it fails instead.
 */
final class GraphvizDot {
    private static final long TIMEOUT_SECONDS = 60;

    private GraphvizDot() {
    }

    /** Skips (or, with {@code -Dillc.requireTools=true}, fails) the calling test when {@code dot} is missing. */
    static void assumeInstalled() {
        boolean installed = isInstalled();
        if (!installed && Boolean.getBoolean("illc.requireTools")) {
            fail("Graphviz 'dot' is not installed but -Dillc.requireTools=true requires it; install graphviz"
                    + " (e.g. apt-get install graphviz) or put dot on the PATH");
        }
        Assumptions.assumeTrue(installed, "Graphviz 'dot' is not installed; skipping the DOT rendering check"
                + " (install graphviz, or run with -Dillc.requireTools=true to make this a failure)");
    }

    private static boolean isInstalled() {
        try {
            Process p = new ProcessBuilder("dot", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Renders {@code dotFile} to SVG next to it and fails on a non-zero exit or on anything
     * {@code dot} writes to stderr (errors and warnings alike).
     *
     * @return the SVG file
     */
    static Path renderSvg(Path dotFile) throws IOException, InterruptedException {
        Path svg = dotFile.resolveSibling(dotFile.getFileName() + ".svg");
        Path stderr = dotFile.resolveSibling(dotFile.getFileName() + ".stderr");
        Process p = new ProcessBuilder("dot", "-Tsvg", "-o", svg.toString(), dotFile.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile())
                .start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("dot did not finish on " + dotFile + " within " + TIMEOUT_SECONDS + " s");
        }
        String messages = Files.readString(stderr, StandardCharsets.UTF_8);
        assertEquals("", messages, "dot reported problems on " + dotFile);
        assertEquals(0, p.exitValue(), "dot exit code on " + dotFile);
        assertTrue(Files.size(svg) > 0, "dot wrote an empty SVG for " + dotFile);
        return svg;
    }
}
