package io.illc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --engine} and {@code --master}: checked in one line each, and the Spark engine's jars are
 * opened only when a run asks for it (this test JVM has none: the launcher names them in
 * {@code illc.spark.lib}).
 */
class EngineOptionTest {
    @Test
    void theSparkEngineWithoutItsJarsFailsInOneLineAndWritesNothing(@TempDir Path tmp) throws Exception {
        String spec = Cli.specFile(tmp, "g.json", Cli.goldenSpec());
        Path out = tmp.resolve("out");
        Cli.Outcome r = Cli.illc("run", spec, "--engine", "spark", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("illc: the spark engine is not installed: the launcher names no spark jars (illc.spark.lib);"
                + " in a source checkout build them with: mvn -B -pl illc-spark -am package -DskipTests"), r.errLines());
        r.assertNoJavaInternalsOnStderr();
        assertFalse(Files.exists(out), "nothing is written");
    }

    @Test
    void theSparkEngineWithoutSparkItselfNamesWhatIsMissing(@TempDir Path tmp) throws Exception {
        String spec = Cli.specFile(tmp, "g.json", Cli.goldenSpec());
        Path lib = Files.createDirectories(tmp.resolve("lib/spark"));
        try (java.util.jar.JarOutputStream jar = new java.util.jar.JarOutputStream(
                Files.newOutputStream(lib.resolve("illc-spark.jar")))) {
            jar.putNextEntry(new java.util.jar.JarEntry("io/illc/spark/Nothing.txt"));
        }
        Path out = tmp.resolve("out");
        String before = System.getProperty("illc.spark.lib");
        System.setProperty("illc.spark.lib", lib.toString());
        try {
            Cli.Outcome r = Cli.illc("run", spec, "--engine", "spark", "--out", out.toString());
            assertEquals(2, r.code(), r.err());
            assertEquals(List.of("illc: the spark engine's runtime is missing: no org.apache.spark.SparkContext in " + lib
                    + "; set SPARK_HOME to a Spark 4.1 installation (Scala 2.13), whose jars/ the launcher adds, or in a"
                    + " source checkout build them with: mvn -B -pl illc-spark -am package -DskipTests"), r.errLines());
            assertFalse(Files.exists(out), "nothing is written");
        } finally {
            if (before == null) {
                System.clearProperty("illc.spark.lib");
            } else {
                System.setProperty("illc.spark.lib", before);
            }
        }
    }

    @Test
    void anUnknownEngineAndAMasterOffSparkAreRejected(@TempDir Path tmp) throws Exception {
        String spec = Cli.specFile(tmp, "g.json", Cli.goldenSpec());
        Cli.Outcome unknown = Cli.illc("run", spec, "--engine", "sprak", "--out", tmp.resolve("a").toString());
        assertEquals(2, unknown.code());
        assertEquals(List.of("illc: --engine: unknown engine 'sprak'; allowed: local, spark; did you mean 'spark'?"),
                unknown.errLines());
        Cli.Outcome master = Cli.illc("explain", spec, "--row", "0", "--master", "local[2]", "--out",
                tmp.resolve("b").toString());
        assertEquals(2, master.code());
        assertEquals(List.of("illc: --master needs --engine spark (or \"engine\": \"spark\" in the spec)"),
                master.errLines());
    }

    @Test
    void theLocalEngineNamedExplicitlyRunsAsWithoutTheOption(@TempDir Path tmp) throws Exception {
        String spec = Cli.specFile(tmp, "g.json", Cli.goldenSpec());
        Cli.Outcome r = Cli.illc("run", spec, "--engine", "local", "--quiet", "--out", tmp.resolve("c").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(tmp.resolve("c").resolve("provenance.json")).contains("\"engine\" : \"local\""));
    }
}
