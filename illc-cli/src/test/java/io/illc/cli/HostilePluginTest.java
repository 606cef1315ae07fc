package io.illc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plugin that throws, returns wrong-length labels or more clusters than asked, NaN weights or a
 * NaN metric, runs out of memory or overflows its stack is reported as the plugin's fault: one line
 * naming the plugin, its kind and its jar, exit code 2, nothing written.
 */
class HostilePluginTest {
    @TempDir
    Path tmp;

    private Cli.Outcome run(String clustering, String extra, boolean nanMetric) throws Exception {
        String spec = Cli.goldenSpec().replace("{\"name\": \"agglomerative\"}", clustering);
        if (!extra.isEmpty()) {
            spec = spec.replace("\"compression\": {", extra + ", \"compression\": {");
        }
        return Cli.illc("run", Cli.specFile(tmp, "spec.json", spec), "--plugin-path",
                HostilePlugins.folder(tmp, nanMetric).toString(), "--out", tmp.resolve("out").toString());
    }

    private void assertPluginFault(Cli.Outcome r, String kindAndName, String what) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("illc: " + kindAndName), r.err());
        assertTrue(r.err().contains(" in " + tmp.resolve("hostile-plugins") + "/hostile.jar)") || r.err().contains("hostile-plugins-nan/hostile.jar)"), r.err());
        assertTrue(r.err().contains(what), r.err());
        r.assertNoJavaInternalsOnStderr();
        assertFalse(Files.exists(tmp.resolve("out")), "nothing is written");
        try (Stream<Path> left = Files.list(tmp)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".out")), "no staging folder or lock is left");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"throw:deliberately broken", "wrong-labels:labels for the 12 neurons of hidden layer 1",
            "too-many-clusters:more than the", "allocate:ran out of memory", "recurse:stack overflow"})
    void aMisbehavingClusteringIsThePluginsFault(String behaviourAndMessage) throws Exception {
        String[] parts = behaviourAndMessage.split(":", 2);
        Cli.Outcome r = run("{\"name\": \"hostile\", \"params\": {\"behaviour\": \"" + parts[0] + "\"}}", "", false);
        assertPluginFault(r, "clustering plugin 'hostile'", parts[1]);
    }

    @Test
    void anAggregationReturningNanWeightsIsThePluginsFault() throws Exception {
        Cli.Outcome r = Cli.illc("run", Cli.specFile(tmp, "spec.json", Cli.goldenSpec().replace(
                        "\"clustering\": {\"name\": \"agglomerative\"}",
                        "\"clustering\": {\"name\": \"agglomerative\"}, \"aggregation\": {\"name\": \"hostile-nan\"}")),
                "--plugin-path", HostilePlugins.folder(tmp, false).toString(), "--out", tmp.resolve("out").toString());
        assertPluginFault(r, "aggregation plugin 'hostile-nan'", "non-finite weights");
    }

    @Test
    void aMetricReturningNanIsThePluginsFault() throws Exception {
        Cli.Outcome r = run("{\"name\": \"agglomerative\"}", "", true);
        assertPluginFault(r, "metric plugin 'hostile-nan'", "must be finite");
    }

    @Test
    void aWellBehavedRunWithTheHostileJarSucceeds() throws Exception {
        Cli.Outcome r = run("{\"name\": \"hostile\"}", "", false);
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(tmp.resolve("out").resolve("provenance.json")));
    }

    @Test
    void anUnreadableJarIsAWarningInRunAndAnErrorInPlugins() throws Exception {
        Path folder = HostilePlugins.folder(tmp, false);
        Files.write(folder.resolve("corrupt.jar"), new byte[]{'P', 'K', 3, 4, 1, 2, 3});
        Cli.Outcome run = run("{\"name\": \"hostile\"}", "", false);
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().startsWith("illc: warning: cannot read plugin jar " + folder.resolve("corrupt.jar")), run.err());
        Cli.Outcome plugins = Cli.illc("plugins", "--plugin-path", folder.toString());
        assertEquals(2, plugins.code(), plugins.err());
        assertEquals(1, plugins.errLines().size(), plugins.err());
        assertTrue(plugins.err().startsWith("illc: cannot read plugin jar " + folder.resolve("corrupt.jar")), plugins.err());
        assertTrue(plugins.out().contains("hostile"), "the readable jars are still listed");
    }
}
