package io.illc.dist;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The tar.gz as a user gets it: unpacked into a temporary folder outside the repository, its
 * launcher runs the demo there (one run, about 20 s). Needs {@code tar} and {@code bash} (Linux,
 * macOS).
 */
class DistributionIT {
    @TempDir
    static Path folder;
    static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("illc.dist.archive"));
        assertTrue(Files.isRegularFile(archive), "the distribution was not built: " + archive);
        run(folder, List.of("tar", "-xzf", archive.toString(), "-C", folder.toString()), 60);
        try (Stream<Path> top = Files.list(folder)) {
            home = top.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @Test
    void holdsTheLaunchersLibrariesLicencesCompletionManPagesAndSbom() throws IOException {
        for (String file : List.of("README", "LICENSE", "NOTICE", "THIRD-PARTY.txt", "bin/illc.cmd",
                "plugins/README", "completion/illc", "man/man1/illc.1", "man/man1/illc-demo.1")) {
            assertTrue(Files.size(home.resolve(file)) > 0, file + " is missing or empty");
        }
        // The SBOM plugin needs online mode: an offline build (mvn -o) makes none, and ships none.
        Path built = Path.of(System.getProperty("illc.dist.sbom"));
        assertEquals(Files.exists(built), Files.exists(home.resolve("sbom/illc-bom.json")),
                "the archive must ship the SBOM exactly when the build made one (" + built + ")");
        assertTrue(Files.isExecutable(home.resolve("bin/illc")), "bin/illc is not executable");
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            List<String> names = jars.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.startsWith("illc-cli-")), "no illc-cli jar in lib/: " + names);
            assertFalse(names.stream().anyMatch(n -> n.startsWith("picocli-codegen")), "a build-time jar in lib/");
            assertFalse(names.stream().anyMatch(n -> n.startsWith("illc-spark") || n.startsWith("spark-")),
                    "Spark on the class path of every run: " + names);
        }
        try (Stream<Path> jars = Files.list(home.resolve("lib/spark"))) {
            assertEquals(List.of("illc-spark.jar"), jars.map(p -> p.getFileName().toString()).toList(),
                    "lib/spark/ holds illc's engine only; Spark is the user's ($SPARK_HOME/jars)");
        }
    }

    @Test
    void theSparkEngineWithoutSparkHomeSaysWhatIsMissingInOneLine() throws Exception {
        Path work = Files.createDirectories(folder.resolve("spark"));
        Path spec = Files.writeString(work.resolve("spec.json"), "{\"specVersion\": 1, \"data\": {\"builtin\": \"iris\"},"
                + " \"model\": {\"train\": {\"hidden\": [4]}}}");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/illc").toString(), "run", spec.toString(),
                "--engine", "spark", "--out", work.resolve("out").toString()).directory(work.toFile());
        builder.environment().remove("SPARK_HOME");
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.startsWith("illc: the spark engine's runtime is missing: no org.apache.spark.SparkContext in "),
                output);
        assertTrue(output.contains("/lib/spark; set SPARK_HOME to a Spark 4.1 installation"), output);
        assertEquals(1, output.strip().lines().count(), output);
        assertFalse(Files.exists(work.resolve("out")), "nothing is written");
    }

    @Test
    void completionScriptRegistersTheIllcCommandInBash() throws Exception {
        String out = run(home, List.of("bash", "-c", "source completion/illc && complete -p illc"), 30);
        assertTrue(out.contains("illc"), out);
    }

    @Test
    void launcherRunsTheDemoFromOutsideTheRepository() throws Exception {
        Path work = Files.createDirectories(folder.resolve("work"));
        Path out = work.resolve("demo");
        run(work, List.of(home.resolve("bin/illc").toString(), "demo", "--out", out.toString(), "--quiet"), 300);
        for (String file : List.of("spec.json", "model.json", "compressed-model.json", "clusters.json",
                "metrics.json", "provenance.json", "qbaf.json", "qbaf.dot", "qbaf.html", "local/summary.csv")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), "the demo did not write " + file);
        }
    }

    /**
     * Without OPENBLAS_CORETYPE the launcher names OpenBLAS's AVX-512 kernels on a processor with
     * AVX-512 (provenance.json records the setting), and leaves a given value alone.
     */
    @Test
    void launcherChoosesAvx512KernelsUnlessOpenblasCoretypeIsGiven() throws Exception {
        Path work = Files.createDirectories(folder.resolve("kernels"));
        Path spec = Files.writeString(work.resolve("spec.json"), "{\"specVersion\": 1, \"data\": {\"builtin\": \"iris\"},"
                + " \"model\": {\"train\": {\"hidden\": [4], \"epochs\": 1}}, \"renderers\": []}");
        String flags = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("flags"))
                .findFirst().orElse("");
        boolean avx512 = Stream.of("avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl")
                .allMatch(f -> (flags + " ").contains(" " + f + " "));
        for (String given : new String[]{null, "Haswell"}) {
            Path out = work.resolve("out-" + given);
            Map<String, String> environment = new HashMap<>();
            environment.put("OPENBLAS_CORETYPE", given); // null: not set
            run(work, List.of(home.resolve("bin/illc").toString(), "run", spec.toString(), "--out", out.toString(),
                    "--quiet"), 120, environment);
            Matcher m = Pattern.compile("\"openblasCoreType\"\\s*:\\s*\"([^\"]*)\"")
                    .matcher(Files.readString(out.resolve("provenance.json")));
            assertTrue(m.find(), "provenance.json names no openblasCoreType");
            assertEquals(given != null ? given : avx512 ? "SkylakeX" : "auto", m.group(1), flags);
        }
    }

    /**
     * The launcher makes its class-data archive with the JIT off: Java 17 archives a method queued for
     * compilation when the workload exits as queued, and no run using the archive compiles it then
     * (JDK-8306460). Here a Java that records its command lines fails the archive's workload at once.
     */
    @Test
    void theClassDataArchiveIsMadeWithoutCompiling() throws Exception {
        Path work = Files.createDirectories(folder.resolve("archive"));
        Path bin = Files.createDirectories(work.resolve("jdk/bin"));
        Path calls = work.resolve("calls.txt");
        Path java = Files.writeString(bin.resolve("java"), "#!/usr/bin/env bash\n"
                + "printf '%s\\n' \"$*\" >> '" + calls + "'\n"
                + "case \" $* \" in *\" -XX:ArchiveClassesAtExit=\"*) exit 1 ;; esac\n"
                + "exec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
        assertTrue(java.toFile().setExecutable(true));
        String version = run(work, List.of(home.resolve("bin/illc").toString(), "--version"), 60,
                Map.of("JAVA_HOME", bin.getParent().toString(), "XDG_CACHE_HOME", work.resolve("cache").toString()));
        assertTrue(version.startsWith("illc "), version);
        List<String> archiving = Files.readAllLines(calls).stream()
                .filter(call -> call.contains("-XX:ArchiveClassesAtExit=")).toList();
        assertEquals(1, archiving.size(), "one attempt at the archive: " + archiving);
        assertTrue(List.of(archiving.get(0).split(" ")).contains("-Xint"), "the archive's workload runs without -Xint");
    }

    private static String run(Path dir, List<String> command, int timeoutSeconds) throws Exception {
        return run(dir, command, timeoutSeconds, Map.of());
    }

    /** Runs {@code command} with these environment variables set, or removed where null, and returns its output. */
    private static String run(Path dir, List<String> command, int timeoutSeconds, Map<String, String> environment)
            throws Exception {
        Path log = Files.createTempFile(folder, "run", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " did not finish within " + timeoutSeconds + " s");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), command + " failed:\n" + output);
        return output;
    }
}
