package io.illc.cli;

import io.illc.api.ClusteringStrategyFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plugins from plugin folders, and what a user sees when one of them fails. */
class PluginFailureTest {
    @TempDir
    Path tmp;

    /**
     * A folder with one jar whose service file lists {@link ThrowingClusteringFactory}. The class
     * itself is found through the test class path, which is the jar loader's parent.
     */
    private Path brokenPluginFolder() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("plugins"));
        try (OutputStream file = Files.newOutputStream(folder.resolve("broken.jar"));
             JarOutputStream jar = new JarOutputStream(file)) {
            jar.putNextEntry(new JarEntry("META-INF/services/" + ClusteringStrategyFactory.class.getName()));
            jar.write((ThrowingClusteringFactory.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return folder;
    }

    private String specUsingTheBrokenPlugin() throws IOException {
        return Cli.specFile(tmp, "broken.json", Cli.goldenSpec().replace("agglomerative", "throwing"));
    }

    @Test
    void aFailingPluginIsReportedOnOneLineNamingThePluginWithExitCodeTwo() throws Exception {
        String plugins = brokenPluginFolder().toString();
        Path out = tmp.resolve("out");
        Cli.Outcome r = Cli.illc("run", specUsingTheBrokenPlugin(), "--plugin-path", plugins, "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("illc: clustering plugin 'throwing'"), r.err());
        assertTrue(r.err().contains("deliberately broken"), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void debugAddsTheStackTraceToAFailingPlugin() throws Exception {
        Cli.Outcome r = Cli.illc("run", "--debug", specUsingTheBrokenPlugin(), "--plugin-path",
                brokenPluginFolder().toString(), "--out", tmp.resolve("out").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void withoutItsFolderThePluginIsUnknown() throws Exception {
        Cli.Outcome r = Cli.illc("validate", specUsingTheBrokenPlugin());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("unknown clustering 'throwing'"), r.err());
    }

    @Test
    void pluginFoldersComeFromTheEnvironmentVariableToo() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        Session session = Main.session(outWriter, errWriter, tmp,
                Map.of(Session.PLUGIN_PATH_VARIABLE, java.io.File.pathSeparator + brokenPluginFolder() + java.io.File.pathSeparator));
        int code = Main.commandLine(session).execute("describe", "throwing");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("clustering plugin 'throwing'"), text);
        assertTrue(text.contains("fails on every layer"), text);
    }
}
