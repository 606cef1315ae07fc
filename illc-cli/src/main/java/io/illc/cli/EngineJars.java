package io.illc.cli;

import io.illc.core.InputException;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The jars of an engine that is not on the class path (Spark's weigh about 150 MB and take seconds
 * to open), loaded only when a run asks for that engine: the launcher names them in the system
 * property {@code illc.<engine>.lib}, a list of jars and folders of jars (in the distribution
 * {@code lib/spark}, which holds illc's Spark engine, and {@code $SPARK_HOME/jars}, Spark itself).
 */
final class EngineJars {
    /** A class of each engine's runtime, which illc does not ship: its absence is a one-line error, not a crash. */
    private static final Map<String, String> RUNTIME_CLASS = Map.of("spark", "org.apache.spark.SparkContext");
    private static final Map<String, String> RUNTIME_HINT = Map.of("spark", "set SPARK_HOME to a Spark 4.1"
            + " installation (Scala 2.13), whose jars/ the launcher adds, or in a source checkout build them with:"
            + " mvn -B -pl illc-spark -am package -DskipTests");

    private EngineJars() {
    }

    /**
     * A class loader over the engine's jars, child of the CLI's.
     *
     * @throws InputException in one line when the property is not set or names no jar
     */
    static ClassLoader loader(String engine) {
        String property = "illc." + engine + ".lib";
        String value = System.getProperty(property);
        List<URL> jars = new ArrayList<>();
        if (value != null) {
            for (String entry : value.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    jars.addAll(jars(Path.of(entry)));
                }
            }
        }
        if (jars.isEmpty()) {
            throw new InputException("the " + engine + " engine is not installed: "
                    + (value == null ? "the launcher names no " + engine + " jars (" + property + ")"
                    : "no jars at " + value)
                    + "; in a source checkout build them with: mvn -B -pl illc-" + engine + " -am package -DskipTests");
        }
        URLClassLoader loader = new URLClassLoader("illc-" + engine, jars.toArray(URL[]::new),
                EngineJars.class.getClassLoader());
        String runtime = RUNTIME_CLASS.get(engine);
        if (runtime != null && loader.getResource(runtime.replace('.', '/') + ".class") == null) {
            throw new InputException("the " + engine + " engine's runtime is missing: no " + runtime + " in " + value
                    + "; " + RUNTIME_HINT.get(engine));
        }
        return loader;
    }

    private static List<URL> jars(Path entry) {
        List<URL> out = new ArrayList<>();
        try {
            if (Files.isDirectory(entry)) {
                try (Stream<Path> files = Files.list(entry)) {
                    for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                        out.add(jar.toUri().toURL());
                    }
                }
            } else if (Files.isRegularFile(entry)) {
                out.add(entry.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException("a file path is always a URL: " + entry, e);
        } catch (IOException e) {
            throw new InputException("cannot list the engine's jars in " + entry + ": " + e.getMessage(), e);
        }
        return out;
    }
}
