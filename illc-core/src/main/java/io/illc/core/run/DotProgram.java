package io.illc.core.run;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Lays out {@code qbaf.dot} as {@code qbaf.svg} with Graphviz's {@code dot} program from the PATH
 * when it is installed and the drawn graph is small enough to lay out in seconds (Graphviz needs
 * minutes for a thinned 20×100 network). Thread-safe.
 */
public final class DotProgram implements Graphviz {
    /** Above this many drawn edges no SVG is made; the DOT file is still written. */
    static final int MAX_DRAWN_EDGES = 2000;
    private static final long TIMEOUT_SECONDS = 120;

    @Override
    public Optional<String> svg(Path dot, Path svg) throws IOException {
        Optional<Path> executable = onPath("dot");
        if (executable.isEmpty()) {
            return Optional.of("no qbaf.svg: Graphviz 'dot' is not on the PATH (install the 'graphviz' package"
                    + " to get it, or lay out qbaf.dot elsewhere)");
        }
        long edges = Files.readAllLines(dot, StandardCharsets.UTF_8).stream().filter(l -> l.contains("->")).count();
        if (edges > MAX_DRAWN_EDGES) {
            return Optional.of("no qbaf.svg: the drawn graph has " + edges + " edges, more than Graphviz lays out in"
                    + " seconds (" + MAX_DRAWN_EDGES + "); thin it with the dot renderer's edgeQuantile or topK"
                    + " (illc render RUN_DIR --renderer dot --param topK=500)");
        }
        Process process = new ProcessBuilder(executable.get().toString(), "-Tsvg", dot.toString(), "-o", svg.toString())
                .redirectErrorStream(true).start();
        try {
            boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!finished) {
                process.destroyForcibly();
                Files.deleteIfExists(svg);
                return Optional.of("no qbaf.svg: Graphviz took longer than " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                Files.deleteIfExists(svg);
                return Optional.of("no qbaf.svg: Graphviz failed: " + output);
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while Graphviz was running", e);
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
