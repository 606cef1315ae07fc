package io.illc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code illc --help}, {@code --version} and {@code validate} start no native code: ND4J's start-up
 * and the loading of OpenBLAS cost about a second and a few hundred MB, which a command that
 * computes nothing must not pay. Each command runs in a JVM of its own that logs every class it
 * loads; a run, which multiplies matrices, is the control that the log does show native code.
 */
class StartUpLoadsNoNativeCodeTest {
    /**
     * What starts native code: JavaCPP (every native library, OpenBLAS's too, loads through it),
     * ND4J's native backend, and Nd4j, whose initialisation starts that backend. Other ND4J and DL4J
     * classes (an exception type in a catch clause) may load without starting anything.
     */
    private static final List<String> NATIVE = List.of("org.bytedeco.", "org.nd4j.nativeblas.", "org.nd4j.linalg.cpu.",
            "org.nd4j.linalg.factory.Nd4j ");

    @TempDir
    Path tmp;

    /** The classes a forked {@code illc args...} loaded, one log line each; asserts it succeeded. */
    private String classesLoadedBy(String name, String... args) throws IOException, InterruptedException {
        return classesLoadedBy(List.of(), name, args);
    }

    /** As {@link #classesLoadedBy(String, String...)}, in a JVM with these options too. */
    private String classesLoadedBy(List<String> jvmOptions, String name, String... args) throws IOException, InterruptedException {
        Path log = tmp.resolve(name + ".classes");
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Xlog:class+load=info:file=" + log);
        Forked forked = Forked.startWithJvmOptions(options, tmp, name, args);
        assertTrue(forked.process.waitFor(120, TimeUnit.SECONDS), name + " did not finish");
        assertEquals(0, forked.process.exitValue(), forked.err());
        return Files.readString(log);
    }

    private static void assertNoNativeClass(String classes, String command) {
        for (String line : classes.lines().toList()) {
            for (String prefix : NATIVE) {
                assertFalse(line.contains("] " + prefix), () -> command + " loaded " + line);
            }
        }
    }

    @Test
    void helpVersionAndValidateOfAWeightsJsonSpecStartNoNativeCode() throws Exception {
        String spec = Cli.specFile(tmp, "spec.json", Cli.goldenSpec());
        assertNoNativeClass(classesLoadedBy("help", "--help"), "illc --help");
        assertNoNativeClass(classesLoadedBy("run-help", "run", "--help"), "illc run --help");
        assertNoNativeClass(classesLoadedBy("version", "--version"), "illc --version");
        assertNoNativeClass(classesLoadedBy("validate", "validate", spec), "illc validate");
    }

    /**
     * With processors to spare (the JVM told it has eight), a run starts loading OpenBLAS as it reads
     * its model ahead (ModelReadAhead.loadBlasAhead): validate, which reads ahead too, still starts
     * no native code, and the run's results are byte for byte those of a run told it has two.
     */
    @Test
    void withProcessorsToSpareValidateStillStartsNoNativeCodeAndRunsGiveTheSameResults() throws Exception {
        String spec = Cli.specFile(tmp, "spec.json", Cli.goldenSpec());
        List<String> eight = List.of("-XX:ActiveProcessorCount=8");
        assertNoNativeClass(classesLoadedBy(eight, "validate-8", "validate", spec), "illc validate on eight processors");
        for (String processors : List.of("2", "8")) {
            String classes = classesLoadedBy(List.of("-XX:ActiveProcessorCount=" + processors), "run-" + processors,
                    "run", spec, "--out", tmp.resolve("out-" + processors).toString(), "--quiet");
            assertTrue(classes.contains("] org.bytedeco.openblas."), "a run multiplies matrices with OpenBLAS");
        }
        for (String file : List.of("metrics.json", "clusters.json", "features.json", "compressed-model.json")) {
            assertEquals(Files.readString(tmp.resolve("out-2").resolve(file)), Files.readString(tmp.resolve("out-8").resolve(file)), file);
        }
    }

    @Test
    void aRunOfAWeightsJsonModelLoadsOpenBlasButNeverStartsNd4j() throws Exception {
        String spec = Cli.specFile(tmp, "spec.json", Cli.goldenSpec());
        String classes = classesLoadedBy("run", "run", spec, "--out", tmp.resolve("out").toString(), "--quiet");
        // The control: the log shows the native code a command does load.
        assertTrue(classes.contains("] org.bytedeco.openblas."), "a run multiplies matrices with OpenBLAS");
        // ND4J's native backend comes up only when Nd4j is initialised; provenance reads its version
        // from a resource next to the Nd4j class, which loads that class without starting anything.
        assertFalse(classes.contains("] org.nd4j.linalg.cpu."), "a run on a weights JSON model started ND4J's backend");
        assertFalse(classes.contains("] org.nd4j.nativeblas."), "a run on a weights JSON model started ND4J's backend");
    }
}
