package io.illc.cli;

import io.illc.api.AggregationFunctionFactory;
import io.illc.api.ClusteringStrategyFactory;
import io.illc.api.MetricFactory;
import io.illc.api.PluginFactory;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The hostile test plugins ({@code src/test/resources/hostile-plugin}: a clustering whose
 * {@code behaviour} parameter picks how it misbehaves, an aggregation returning NaN weights and a
 * metric returning NaN), compiled against illc-api alone into a plugin jar of their own on first
 * use. They are not on the test class path: a run sees them only through the folder
 * {@link #folder} makes, as a third-party plugin.
 */
final class HostilePlugins {
    /** The clustering's behaviours, as in {@code Hostile.BEHAVIOURS}. */
    static final List<String> BEHAVIOURS = List.of("ok", "throw", "wrong-labels", "too-many-clusters", "allocate",
            "recurse", "sleep", "exit");
    /** What the {@code sleep} behaviour prints on stdout when it starts spinning. */
    static final String SPINNING = "hostile: spinning";

    /** Built once per test JVM, so that an edited plugin source is never hidden by an old jar. */
    private static final Path BUILD = Path.of("target", "hostile-plugin", Long.toString(ProcessHandle.current().pid()))
            .toAbsolutePath();
    private static final String PACKAGE = "io.illc.hostile.Hostile$";

    private HostilePlugins() {
    }

    /**
     * A plugin folder holding {@code hostile.jar}, which lists the hostile clustering and aggregation,
     * and with {@code nanMetric} the NaN metric (a global metric runs in every spec by default).
     */
    static Path folder(Path parent, boolean nanMetric) throws IOException {
        Path folder = Files.createDirectories(parent.resolve(nanMetric ? "hostile-plugins-nan" : "hostile-plugins"));
        Files.copy(jar(nanMetric), folder.resolve("hostile.jar"), StandardCopyOption.REPLACE_EXISTING);
        return folder;
    }

    private static synchronized Path jar(boolean nanMetric) throws IOException {
        Path jar = BUILD.resolve(nanMetric ? "hostile-nan.jar" : "hostile.jar");
        if (Files.exists(jar)) {
            return jar;
        }
        Path classes = compile();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path c : walk.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(c));
                    out.closeEntry();
                }
            }
            service(out, ClusteringStrategyFactory.class, "Clustering");
            service(out, AggregationFunctionFactory.class, "NanAggregation");
            if (nanMetric) {
                service(out, MetricFactory.class, "NanMetric");
            }
        }
        return jar;
    }

    private static Path compile() throws IOException {
        Path classes = BUILD.resolve("classes");
        if (Files.isDirectory(classes)) {
            return classes;
        }
        Path source;
        String api;
        try {
            source = Path.of(HostilePlugins.class.getResource("/hostile-plugin/io/illc/hostile/Hostile.java").toURI());
            api = Path.of(PluginFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path staging = Files.createDirectories(BUILD.resolve("classes.partial"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int code = javac.run(null, messages, messages, "--release", "17", "-classpath", api, "-d", staging.toString(),
                source.toString());
        if (code != 0) {
            throw new IllegalStateException("cannot compile the hostile plugin:\n" + messages.toString(StandardCharsets.UTF_8));
        }
        try {
            Files.move(staging, classes);
        } catch (IOException e) {
            if (!Files.isDirectory(classes)) {
                throw new UncheckedIOException(e);
            }
        }
        return classes;
    }

    private static void service(JarOutputStream jar, Class<?> service, String nested) throws IOException {
        jar.putNextEntry(new JarEntry("META-INF/services/" + service.getName()));
        jar.write((PACKAGE + nested + "\n").getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
    }
}
