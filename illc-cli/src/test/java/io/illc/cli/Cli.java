package io.illc.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Runs {@code illc} in-process and captures what it prints. */
final class Cli {
    /** The tiny breast-cancer model of the shared golden files (30 -> 12 -> 10 -> 8 -> 1). */
    static final Path GOLDEN_MODEL = Path.of("..", "illc-core", "src", "test", "resources", "golden", "bc_tiny.model.json")
            .toAbsolutePath().normalize();

    private Cli() {
    }

    /** What one invocation did. */
    record Outcome(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        /** stderr is for the user: no exception class names, no stack-trace lines. */
        void assertNoJavaInternalsOnStderr() {
            assertFalse(err.contains("Exception"), () -> "an exception class name on stderr:\n" + err);
            assertFalse(err.contains("\tat "), () -> "a stack trace on stderr:\n" + err);
        }
    }

    static Outcome illc(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code illc} in-process as if typed in the folder {@code cwd}. */
    static Outcome illcIn(Path cwd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Session session = Main.session(new PrintWriter(out, true), new PrintWriter(err, true), cwd, Map.of());
        int code = Main.commandLine(session).execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** Writes {@code json} to {@code folder/name} and returns its path as a string. */
    static String specFile(Path folder, String name, String json) throws java.io.IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, json);
        return file.toString();
    }

    /** Writes {@code folder/named.json}: a 2 → 2 ReLU → 2 softmax model that names its inputs {@code a} and {@code b}. */
    static void namedModel(Path folder) throws java.io.IOException {
        Files.writeString(folder.resolve("named.json"), """
                {"format": "illc-mlp", "version": 1, "inputs": ["a", "b"], "layers": [
                  {"weights": [[1, 0], [0, 1]], "bias": [0, 0], "activation": "relu"},
                  {"weights": [[1, -1], [-1, 1]], "bias": [0, 0], "activation": "softmax"}]}
                """);
    }

    /** A spec loading the golden model: global compression, shrink 0.5, agglomerative (Ward) clustering. */
    static String goldenSpec() {
        return """
                {"specVersion": 1, "seed": 0,
                 "data": {"builtin": "breast-cancer"},
                 "model": {"load": "%s"},
                 "compression": {"method": "global", "shrink": 0.5, "clustering": {"name": "agglomerative"}}}
                """.formatted(GOLDEN_MODEL.toString().replace("\\", "\\\\"));
    }
}
