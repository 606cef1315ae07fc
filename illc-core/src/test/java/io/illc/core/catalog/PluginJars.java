package io.illc.core.catalog;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Builds small plugin jars in tests: compiles Java sources against the test class path and packs them. */
final class PluginJars {
    private PluginJars() {
    }

    /**
     * @param sources  fully qualified class name → source text
     * @param services service interface name → provider class names, one per line
     */
    static Path build(Path jar, Map<String, String> sources, Map<String, String> services) throws IOException {
        Path work = Files.createTempDirectory(jar.getParent(), "src");
        Path classes = Files.createDirectories(work.resolve("classes"));
        if (!sources.isEmpty()) {
            List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString(),
                    "-cp", System.getProperty("java.class.path"), "--release", "17"));
            for (var e : sources.entrySet()) {
                Path file = work.resolve(e.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
                args.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("test plugin sources do not compile");
            }
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            for (var e : services.entrySet()) {
                out.putNextEntry(new JarEntry("META-INF/services/" + e.getKey()));
                write(out, e.getValue() + "\n");
                out.closeEntry();
            }
        }
        return jar;
    }

    /** A clustering factory class named {@code className} whose plugin name is {@code pluginName}. */
    static String clusteringFactory(String className, String pluginName) {
        String pkg = className.substring(0, className.lastIndexOf('.'));
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return "package " + pkg + ";\n"
                + "public final class " + simple + " implements io.illc.api.ClusteringStrategyFactory {\n"
                + "  public String name() { return \"" + pluginName + "\"; }\n"
                + "  public String description() { return \"test plugin\"; }\n"
                + "  public io.illc.api.ClusteringStrategy create(io.illc.api.Parameters p) {\n"
                + "    return (points, k, seed) -> io.illc.api.ClusterAssignment.identity(points.neurons());\n"
                + "  }\n"
                + "}\n";
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
