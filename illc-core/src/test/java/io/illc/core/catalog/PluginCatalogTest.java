package io.illc.core.catalog;

import io.illc.api.ClusteringStrategyFactory;
import io.illc.api.Parameters;
import io.illc.api.PluginKind;
import io.illc.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginCatalogTest {
    private static final String SERVICE = ClusteringStrategyFactory.class.getName();

    @TempDir
    Path dir;

    @Test
    void findsTheBuiltInPluginsOnTheClassPath() {
        PluginCatalog catalog = PluginCatalog.discover(List.of());

        assertTrue(catalog.names(PluginKind.CLUSTERING).containsAll(List.of("agglomerative", "kmeans", "labels")));
        assertTrue(catalog.names(PluginKind.METRIC).contains("io-unfaithfulness"));
        assertTrue(catalog.require(PluginKind.CLUSTERING, "kmeans").location().contains("illc-plugins"));
    }

    @Test
    void findsAPluginJarDroppedIntoAFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("plugins"));
        PluginJars.build(folder.resolve("striped.jar"),
                Map.of("org.example.StripedFactory", PluginJars.clusteringFactory("org.example.StripedFactory", "striped")),
                Map.of(SERVICE, "org.example.StripedFactory"));

        PluginDescriptor striped = PluginCatalog.discover(List.of(folder)).require(PluginKind.CLUSTERING, "striped");

        assertEquals(folder.resolve("striped.jar").toString(), striped.location());
        assertEquals("test plugin", striped.factory().description());
    }

    @Test
    void twoPluginsWithOneNameAreAnErrorNamingBothClassesAndJars() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("plugins"));
        PluginJars.build(folder.resolve("impostor.jar"),
                Map.of("org.example.Impostor", PluginJars.clusteringFactory("org.example.Impostor", "kmeans")),
                Map.of(SERVICE, "org.example.Impostor"));

        InputException e = assertThrows(InputException.class, () -> PluginCatalog.discover(List.of(folder)));

        String message = e.getMessage();
        assertTrue(message.startsWith("two clustering plugins are named 'kmeans': "), message);
        assertTrue(message.contains("io.illc.plugins.clustering.KMeansClusteringFactory in "), message);
        assertTrue(message.contains("org.example.Impostor in " + folder.resolve("impostor.jar")), message);
    }

    @Test
    void theSameJarDroppedTwiceIsADuplicateNamingBothJars() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("plugins"));
        Path jar = PluginJars.build(folder.resolve("a.jar"),
                Map.of("org.example.StripedFactory", PluginJars.clusteringFactory("org.example.StripedFactory", "striped")),
                Map.of(SERVICE, "org.example.StripedFactory"));
        Files.copy(jar, folder.resolve("b.jar"));

        InputException e = assertThrows(InputException.class, () -> PluginCatalog.discover(List.of(folder)));

        assertTrue(e.getMessage().contains(folder.resolve("a.jar").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(folder.resolve("b.jar").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("'striped'"), e.getMessage());
    }

    @Test
    void aServicesFileNamingAMissingClassNamesTheJar() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("plugins"));
        PluginJars.build(folder.resolve("broken.jar"), Map.of(), Map.of(SERVICE, "org.example.Gone"));

        InputException e = assertThrows(InputException.class, () -> PluginCatalog.discover(List.of(folder)));

        assertTrue(e.getMessage().contains("org.example.Gone"), e.getMessage());
        assertTrue(e.getMessage().contains(folder.resolve("broken.jar").toString()), e.getMessage());
    }

    @Test
    void aMissingPluginFolderIsAClearError() {
        InputException e = assertThrows(InputException.class,
                () -> PluginCatalog.discover(List.of(dir.resolve("nowhere"))));
        assertTrue(e.getMessage().startsWith("plugin folder " + dir.resolve("nowhere") + " does not exist"), e.getMessage());
    }

    @Test
    void anUnknownNameListsTheAvailableOnesAndTheClosestMatch() {
        PluginCatalog catalog = PluginCatalog.discover(List.of());

        InputException e = assertThrows(InputException.class, () -> catalog.require(PluginKind.CLUSTERING, "kmean"));

        assertEquals("unknown clustering 'kmean'; available: agglomerative, kmeans, labels; did you mean 'kmeans'?", e.getMessage());
    }

    @Test
    void anUnknownNameFarFromEveryOtherPointsToThePluginPath() {
        assertEquals("unknown clustering 'spectral'; available: agglomerative, kmeans, labels; if it comes in a plugin"
                        + " jar, give the jar's folder with --plugin-path DIR or ILLC_PLUGIN_PATH",
                PluginCatalog.discover(List.of()).unknown(PluginKind.CLUSTERING, "spectral"));
    }

    @Test
    void aNameThatIsNotLowerCaseKebabIsRejected() {
        PluginDescriptor bad = new PluginDescriptor(PluginKind.CLUSTERING, "KMeans", new Fake(), "/x.jar");

        InputException e = assertThrows(InputException.class, () -> PluginCatalog.of(List.of(bad)));

        assertTrue(e.getMessage().contains("has an invalid name"), e.getMessage());
    }

    @Test
    void pluginsAreListedByKindThenName() {
        PluginCatalog catalog = PluginCatalog.of(List.of(
                new PluginDescriptor(PluginKind.CLUSTERING, "zeta", new Fake(), "/z.jar"),
                new PluginDescriptor(PluginKind.CLUSTERING, "alpha", new Fake(), "/a.jar")));

        assertEquals(List.of("alpha", "zeta"), catalog.names(PluginKind.CLUSTERING));
        assertEquals(List.of(), catalog.names(PluginKind.METRIC));
    }

    private static final class Fake implements ClusteringStrategyFactory {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public String description() {
            return "fake";
        }

        @Override
        public io.illc.api.ClusteringStrategy create(Parameters parameters) {
            return (points, k, seed) -> io.illc.api.ClusterAssignment.identity(points.neurons());
        }
    }
}
