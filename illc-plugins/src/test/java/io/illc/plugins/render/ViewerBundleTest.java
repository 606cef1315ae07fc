package io.illc.plugins.render;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The committed page template is what its sources build: a clean copy of {@code illc-viewer/}
 * (sources, package.json, package-lock.json; no node_modules) gets {@code npm ci} and
 * {@code npm run build}, and the result must equal {@code viewer-template.html} byte for byte. So
 * nobody can change the viewer's sources without rebuilding the template, nor the template by
 * hand, and the build is shown to be reproducible from the lockfile.
 *
 * <p>It needs npm and the npm registry (or npm's cache), so it runs only when asked to: with
 * {@code -Dillc.requireTools=true} (as on CI) or the environment variable
 * {@code ILLC_CHECK_VIEWER_BUNDLE=1}, and when {@code npm} is on the PATH; otherwise it is skipped
 * with the reason.
 */
class ViewerBundleTest {
    private static final long NPM_TIMEOUT_SECONDS = 300;
    private static final Path TEMPLATE = Path.of("src", "main", "resources", "io", "illc", "plugins", "render",
            HtmlRenderer.TEMPLATE_RESOURCE);

    @Test
    void theCommittedPageTemplateIsExactlyWhatANpmBuildOfTheLockedSourcesMakes(@TempDir Path work) throws Exception {
        boolean asked = Boolean.getBoolean("illc.requireTools") || "1".equals(System.getenv("ILLC_CHECK_VIEWER_BUNDLE"));
        Assumptions.assumeTrue(asked, "the viewer bundle check runs only with -Dillc.requireTools=true or"
                + " ILLC_CHECK_VIEWER_BUNDLE=1 (it needs npm and the npm registry)");
        Assumptions.assumeTrue(npmInstalled(), "npm is not on the PATH; skipping the viewer bundle check");
        Path viewer = Path.of("..", "illc-viewer").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(viewer.resolve("package-lock.json")), "no illc-viewer/package-lock.json at " + viewer);
        Path copy = work.resolve("illc-viewer");
        copySources(viewer, copy);

        run(copy, "npm", "ci", "--no-audit", "--no-fund", "--prefer-offline");
        Path built = work.resolve("viewer-template.html");
        run(copy, "npm", "run", "build", "--", "--out", built.toString());

        byte[] expected = Files.readAllBytes(built);
        byte[] committed = Files.readAllBytes(TEMPLATE);
        int at = firstDifference(expected, committed);
        assertEquals(-1, at, () -> TEMPLATE + " differs from a fresh build of illc-viewer/ at byte " + at + " ("
                + committed.length + " committed, " + expected.length + " built); run `npm ci && npm run build` in"
                + " illc-viewer/ and commit the template");
    }

    /** package.json, package-lock.json, build.mjs and src/: everything but node_modules. */
    private static void copySources(Path from, Path to) throws IOException {
        List<Path> files = new ArrayList<>(List.of(from.resolve("package.json"), from.resolve("package-lock.json"),
                from.resolve("build.mjs")));
        try (Stream<Path> src = Files.walk(from.resolve("src"))) {
            src.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path f : files) {
            Path target = to.resolve(from.relativize(f).toString());
            Files.createDirectories(target.getParent());
            Files.copy(f, target);
        }
    }

    private static boolean npmInstalled() {
        try {
            Process p = new ProcessBuilder("npm", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir.getParent(), "npm", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(NPM_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + NPM_TIMEOUT_SECONDS + " s:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        if (p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed with exit code " + p.exitValue() + ":\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    private static int firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return a.length == b.length ? -1 : n;
    }
}
