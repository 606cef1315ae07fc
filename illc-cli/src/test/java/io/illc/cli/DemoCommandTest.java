package io.illc.cli;

import io.illc.api.Activation;
import io.illc.core.Illc;
import io.illc.core.catalog.PluginChoice;
import io.illc.core.spec.CompressionSpec;
import io.illc.core.spec.ModelSpec;
import io.illc.core.spec.PipelineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo trains for a while, so its spec is checked here and the run itself by hand. */
class DemoCommandTest {
    @Test
    void theBuiltInSpecTrainsThreeLayersOf64AndCompressesWithIllcIntoIllcOutDemo(@TempDir Path cwd) {
        PipelineSpec spec = Illc.withPlugins(List.of()).parse(DemoCommand.spec(), cwd, "demo");
        ModelSpec.Train train = (ModelSpec.Train) spec.model();
        assertEquals(List.of(64, 64, 64), train.train().hidden());
        assertEquals(Activation.RELU, train.train().activation());
        assertEquals(60, train.train().epochs());
        assertEquals(CompressionSpec.Method.ILLC, spec.compression().method());
        assertEquals(0.8, spec.compression().shrink());
        assertEquals("agglomerative", spec.compression().clustering().name());
        assertEquals(List.of("dot", "json", "html"), spec.renderers().stream().map(PluginChoice::name).toList());
        assertEquals(cwd.resolve("illc-out").resolve("demo"), spec.output());
    }

    @Test
    void theQuickStartDemoCanBeRunTwiceInARowReplacingItsOwnFolder(@TempDir Path cwd) throws Exception {
        Cli.Outcome first = Cli.illcIn(cwd, "demo");
        assertEquals(0, first.code(), first.err());
        Path folder = cwd.resolve("illc-out").resolve("demo");
        assertTrue(Files.isRegularFile(folder.resolve("qbaf.html")), "the demo writes the viewer");
        String metrics = Files.readString(folder.resolve("metrics.json"));

        Cli.Outcome second = Cli.illcIn(cwd, "demo");
        assertEquals(0, second.code(), second.err());
        assertTrue(second.err().contains("illc: replacing the earlier run in " + folder), second.err());
        assertEquals(metrics, Files.readString(folder.resolve("metrics.json")), "the same demo again gives the same metrics");
    }

    @Test
    void theDemoNeverReplacesAFolderThatAnIllcRunDidNotWrite(@TempDir Path cwd) throws Exception {
        Path folder = Files.createDirectories(cwd.resolve("illc-out").resolve("demo"));
        Files.writeString(folder.resolve("notes.txt"), "mine");
        Cli.Outcome r = Cli.illcIn(cwd, "demo");
        assertEquals(2, r.code(), r.err());
        assertEquals("mine", Files.readString(folder.resolve("notes.txt")));
    }
}
