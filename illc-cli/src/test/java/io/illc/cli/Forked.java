package io.illc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code illc} in a JVM of its own (the test class path), for signals, kills and System.exit. */
final class Forked {
    final Process process;
    final Path stdout;
    final Path stderr;

    private Forked(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code illc args...} with stdout and stderr captured in files under {@code logs}. */
    static Forked start(Path logs, String name, String... args) throws IOException {
        return startWithHeap("512m", logs, name, args);
    }

    /** As {@link #start}, with the heap limit {@code -Xmx<heap>}. */
    static Forked startWithHeap(String heap, Path logs, String name, String... args) throws IOException {
        return startWithJvmOptions(List.of("-Xmx" + heap), logs, name, args);
    }

    /** As {@link #start}, with these JVM options (and no heap limit unless they set one). */
    static Forked startWithJvmOptions(List<String> jvmOptions, Path logs, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        Files.createDirectories(logs);
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        return new Forked(builder.start(), out, err);
    }

    /** Sends a signal by name ("INT", "TERM") with the shell's kill builtin (no procps needed). */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("sh", "-c", "kill -" + name + " " + process.pid()).inheritIO().start();
        kill.waitFor();
    }

    String err() throws IOException {
        return Files.readString(stderr);
    }
}
