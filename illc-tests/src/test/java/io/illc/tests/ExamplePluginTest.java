package io.illc.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.illc.api.ClusterAssignment;
import io.illc.api.ClusteringStrategy;
import io.illc.api.Matrix;
import io.illc.api.NeuronPoints;
import io.illc.api.Parameters;
import io.illc.api.PluginFactory;
import io.illc.api.PluginKind;
import io.illc.cli.Main;
import io.illc.core.Illc;
import io.illc.core.InputException;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.catalog.PluginDescriptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example third-party plugin in {@code examples/sorted-norm}, built here the way its author
 * would build it: compiled against illc-api alone, packed with its services file into a jar, and
 * dropped into a plugin folder. Then discovered, rejected when broken or duplicated, listed by
 * {@code illc plugins} and used by {@code illc run}.
 */
class ExamplePluginTest {
    private static final String VERSION = "0.1.0-SNAPSHOT";
    private static final String SERVICES = "META-INF/services/io.illc.api.ClusteringStrategyFactory";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path build;

    private static Path repository;
    private static Path exampleJar;

    @BeforeAll
    static void buildTheExamplePluginJar() throws IOException, URISyntaxException {
        repository = repositoryRoot();
        Path example = repository.resolve("examples/sorted-norm");
        Path classes = Files.createDirectories(build.resolve("classes"));
        compileAgainstTheApiOnly(example.resolve("src/main/java"), classes);
        exampleJar = build.resolve("illc-sorted-norm-" + VERSION + ".jar");
        jar(exampleJar, List.of(classes, example.resolve("src/main/resources")));
    }

    @Test
    void theCatalogFindsSortedNormInTheJarOfAPluginFolder(@TempDir Path plugins) throws IOException {
        Path dropped = Files.copy(exampleJar, plugins.resolve(exampleJar.getFileName()));

        PluginDescriptor plugin = PluginCatalog.discover(List.of(plugins))
                .find(PluginKind.CLUSTERING, "sorted-norm")
                .orElseThrow(() -> new AssertionError("sorted-norm not found in " + dropped));

        assertEquals(dropped.toString(), plugin.location());
        assertEquals(VERSION, plugin.factory().version(), "the version comes from the jar's manifest");
        assertEquals(List.of(), plugin.factory().parameters());
        assertTrue(plugin.factory().description().contains("k groups"), plugin.factory().description());
    }

    @Test
    void sortedNormCutsTheNeuronsRankedByDistanceToTheMeanIntoGroupsOfEqualSize(@TempDir Path plugins) throws IOException {
        Files.copy(exampleJar, plugins.resolve(exampleJar.getFileName()));
        ClusteringStrategy sortedNorm = PluginCatalog.discover(List.of(plugins))
                .require(PluginKind.CLUSTERING, "sorted-norm")
                .create(ClusteringStrategy.class, Parameters.empty());
        // One sample: neurons at 0, 10, 1, -3, 4; mean 2.4; squared distances 5.76, 57.76, 1.96, 29.16, 2.56.
        // Ranked: n2, n4, n0, n3, n1; rank r joins group floor(2r / 5) = 0, 0, 0, 1, 1.
        NeuronPoints points = NeuronPoints.of(1, Matrix.of(new double[][]{{0, 10, 1, -3, 4}}));

        ClusterAssignment two = sortedNorm.cluster(points, 2, 7L);

        assertArrayEquals(new int[]{0, 1, 0, 1, 0}, two.labels());
        assertEquals(two, sortedNorm.cluster(points, 2, -123L), "the seed changes nothing");
        assertEquals(ClusterAssignment.identity(5), sortedNorm.cluster(points, 5, 7L), "k = n: every neuron alone");
        assertArrayEquals(new int[]{0, 0, 0, 0, 0}, sortedNorm.cluster(points, 1, 7L).labels());
    }

    @Test
    void sortedNormRejectsParametersItDoesNotDeclare(@TempDir Path plugins, @TempDir Path work) throws IOException {
        Files.copy(exampleJar, plugins.resolve(exampleJar.getFileName()));
        Illc illc = Illc.withPlugins(List.of(plugins));
        String spec = goldenSpec().replace("{\"name\": \"sorted-norm\"}", "{\"name\": \"sorted-norm\", \"params\": {\"k\": 3}}");

        InputException e = assertThrows(InputException.class, () -> illc.parse(spec, work, "spec.json"));

        assertTrue(e.getMessage().contains("$.compression.clustering.params.k: unknown parameter 'k' of clustering 'sorted-norm'"),
                e.getMessage());
    }

    @Test
    void theSameJarDroppedTwiceIsADuplicateNamingBothJars(@TempDir Path plugins) throws IOException {
        Path first = Files.copy(exampleJar, plugins.resolve(exampleJar.getFileName()));
        Path second = Files.copy(exampleJar, plugins.resolve("copy-of-sorted-norm.jar"));

        InputException e = assertThrows(InputException.class, () -> PluginCatalog.discover(List.of(plugins)),
                "two jars with a clustering named sorted-norm must not be accepted");

        assertTrue(e.getMessage().contains("'sorted-norm'"), e.getMessage());
        assertTrue(e.getMessage().contains(first.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(second.toString()), e.getMessage());
    }

    @Test
    void aJarWhoseServicesFileNamesAMissingClassIsRejectedNamingTheJar(@TempDir Path work, @TempDir Path plugins)
            throws IOException {
        Path resources = work.resolve("resources");
        Files.createDirectories(resources.resolve(SERVICES).getParent());
        Files.writeString(resources.resolve(SERVICES), "io.illc.examples.broken.MissingFactory\n");
        Path broken = plugins.resolve("broken-plugin.jar");
        jar(broken, List.of(resources));

        InputException e = assertThrows(InputException.class, () -> PluginCatalog.discover(List.of(plugins)));

        assertTrue(e.getMessage().contains(broken.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("io.illc.examples.broken.MissingFactory"), e.getMessage());
    }

    @Test
    void illcPluginsListsSortedNormFromThePluginPath(@TempDir Path plugins) throws IOException {
        Files.copy(exampleJar, plugins.resolve(exampleJar.getFileName()));

        Cli cli = Cli.run("plugins", "--plugin-path", plugins.toString());

        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().lines().anyMatch(line -> line.contains("sorted-norm")), cli.out());
    }

    @Test
    void illcRunClustersTheGoldenModelWithSortedNorm(@TempDir Path plugins, @TempDir Path work) throws IOException {
        Path jar = Files.copy(exampleJar, plugins.resolve(exampleJar.getFileName()));
        Path spec = Files.writeString(work.resolve("sorted-norm.json"), goldenSpec());
        Path out = work.resolve("out");

        Cli cli = Cli.run("run", spec.toString(), "--plugin-path", plugins.toString(), "--out", out.toString(), "--quiet");

        assertEquals(0, cli.exitCode(), cli.err());
        // Hidden widths 12, 10, 8 at shrink 0.5: 6, 5 and 4 clusters of exactly two neurons each.
        JsonNode layers = JSON.readTree(out.resolve("clusters.json").toFile()).get("layers");
        int[] widths = {12, 10, 8};
        assertEquals(widths.length, layers.size());
        for (int l = 0; l < widths.length; l++) {
            Map<Integer, Long> sizes = new java.util.TreeMap<>();
            layers.get(l).forEach(label -> sizes.merge(label.intValue(), 1L, Long::sum));
            assertEquals(widths[l], layers.get(l).size(), "labels of hidden layer " + (l + 1));
            assertEquals(widths[l] / 2, sizes.size(), "clusters of hidden layer " + (l + 1) + ": " + sizes);
            assertTrue(sizes.values().stream().allMatch(s -> s == 2), "cluster sizes of hidden layer " + (l + 1) + ": " + sizes);
        }
        JsonNode provenance = JSON.readTree(out.resolve("provenance.json").toFile());
        JsonNode used = null;
        for (JsonNode p : provenance.get("plugins")) {
            if (p.get("name").asText().equals("sorted-norm")) {
                used = p;
            }
        }
        assertNotNull(used, "provenance.json names the sorted-norm plugin: " + provenance.get("plugins"));
        assertEquals(jar.toString(), used.get("location").asText());
        assertEquals(VERSION, used.get("version").asText());
    }

    /** The golden tiny breast-cancer model compressed globally by half with sorted-norm. */
    private static String goldenSpec() {
        Path model = repository.resolve("illc-core/src/test/resources/golden/bc_tiny.model.json");
        return """
                {
                  "specVersion": 1,
                  "data": {"builtin": "breast-cancer"},
                  "model": {"load": %s},
                  "compression": {"method": "global", "shrink": 0.5, "clustering": {"name": "sorted-norm"}}
                }
                """.formatted(quote(model.toString()));
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One in-process invocation of {@code illc}: exit code and what it printed. */
    private record Cli(int exitCode, String out, String err) {
        static Cli run(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code;
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                 PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                code = Main.execute(o, e, args);
            }
            return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    /** The checkout: the first folder upwards from the working directory that holds the example. */
    private static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("examples/sorted-norm/pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("examples/sorted-norm not found above " + start);
    }

    /**
     * Compiles every source under {@code sources} with nothing but illc-api on the class path, as a
     * third-party plugin is built; any warning fails the build.
     */
    private static void compileAgainstTheApiOnly(Path sources, Path classes) throws IOException, URISyntaxException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "these tests need a JDK, not a JRE");
        Path api = Path.of(PluginFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            fm.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of(api));
            fm.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
            boolean ok = javac.getTask(null, fm, diagnostics,
                    List.of("--release", "17", "-Xlint:all", "-Werror", "-proc:none"), null,
                    fm.getJavaFileObjectsFromPaths(files)).call();
            String messages = diagnostics.getDiagnostics().stream()
                    .map(d -> d.getKind() + " " + d.getSource() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
            assertTrue(ok, "the example does not compile against " + api + ":\n" + messages);
        }
    }

    /** A jar of the files under {@code roots}, with an {@code Implementation-Version} as maven-jar-plugin writes it. */
    private static void jar(Path jar, List<Path> roots) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_TITLE, "illc-sorted-norm");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, VERSION);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Path root : roots) {
                List<Path> entries;
                try (Stream<Path> walk = Files.walk(root)) {
                    entries = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path entry : entries) {
                    out.putNextEntry(new JarEntry(entryName(root.relativize(entry))));
                    Files.copy(entry, out);
                    out.closeEntry();
                }
            }
        }
    }

    private static String entryName(Path relative) {
        List<String> parts = new ArrayList<>();
        relative.forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }
}
