package io.illc.cli;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SessionTest {
    private static Session session(Map<String, String> env) {
        PrintWriter sink = new PrintWriter(new StringWriter());
        return new Session(sink, sink, Path.of("/work/here"), env, false, folders -> {
            throw new AssertionError("no engine needed");
        });
    }

    @Test
    void pluginFoldersAreTheOptionsThenTheVariableEntriesSkippingBlanksAllAbsolute() {
        String variable = String.join(File.pathSeparator, "/opt/illc/plugins", "", "  ", "local");
        Session s = session(Map.of(Session.PLUGIN_PATH_VARIABLE, variable));
        assertEquals(List.of(Path.of("/work/here/mine"), Path.of("/abs"), Path.of("/opt/illc/plugins"),
                        Path.of("/work/here/local")),
                s.pluginFolders(List.of(Path.of("mine"), Path.of("/abs"))));
    }

    @Test
    void withoutTheVariableOnlyTheOptionsCount() {
        assertEquals(List.of(), session(Map.of()).pluginFolders(List.of()));
        assertEquals(List.of(), session(Map.of(Session.PLUGIN_PATH_VARIABLE, "")).pluginFolders(List.of()));
    }

    @Test
    void commandLinePathsResolveAgainstTheWorkingDirectory() {
        Session s = session(Map.of());
        assertEquals(Path.of("/work/here/out"), s.resolve(Path.of("out")));
        assertEquals(Path.of("/work/out"), s.resolve(Path.of("../out")));
        assertEquals(Path.of("/elsewhere"), s.resolve(Path.of("/elsewhere")));
    }
}
