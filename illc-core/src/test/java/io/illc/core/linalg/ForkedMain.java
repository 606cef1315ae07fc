package io.illc.core.linalg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A test class's {@code main} in a JVM of its own: for what happens once per JVM, as loading OpenBLAS. */
final class ForkedMain {
    private ForkedMain() {
    }

    /**
     * Runs {@code main}'s class in a fresh JVM on the test class path with {@code environment} added,
     * asserts that it ended well within two minutes, and returns what it printed, stripped.
     */
    static String run(Class<?> main, Map<String, String> environment, Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertTrue(finished, "the forked JVM hung: " + Files.readString(log));
        assertEquals(0, process.exitValue(), Files.readString(log));
        return Files.readString(log).strip();
    }
}
