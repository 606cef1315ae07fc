package io.illc.plugins.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.illc.api.ClusteringStrategyFactory;
import io.illc.api.Parameter;
import io.illc.api.Parameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusteringFactoriesTest {

    /** The values the catalog would hand over when a spec gives no params: every default. */
    private static Parameters defaults(ClusteringStrategyFactory factory) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter p : factory.parameters()) {
            values.put(p.name(), p.defaultValue());
        }
        return Parameters.of(values);
    }

    @Test
    void serviceLoaderFindsTheThreePluginsUnderUniqueNames() {
        List<ClusteringStrategyFactory> found = ServiceLoader.load(ClusteringStrategyFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.getClass().getPackageName().equals("io.illc.plugins.clustering"))
                .toList();
        Set<String> names = found.stream().map(ClusteringStrategyFactory::name).collect(Collectors.toSet());
        assertEquals(Set.of("kmeans", "agglomerative", "labels"), names);
        assertEquals(3, found.size());
        for (ClusteringStrategyFactory f : found) {
            assertFalse(f.description().isBlank());
            assertFalse(f.description().contains("\n"), f.name() + " description is one line");
        }
    }

    @Test
    void kmeansDeclaresItsDefaults() {
        KMeansClusteringFactory factory = new KMeansClusteringFactory();
        List<Parameter> parameters = factory.parameters();
        assertEquals(List.of("maxIterations", "tolerance", "restarts", "directions"),
                parameters.stream().map(Parameter::name).toList());
        assertEquals(Parameter.Type.BOOLEAN, parameters.get(3).type());
        assertEquals(false, parameters.get(3).defaultValue());
        assertEquals(Parameter.Type.INTEGER, parameters.get(0).type());
        assertEquals(300, parameters.get(0).defaultValue());
        assertEquals(1.0, parameters.get(0).min());
        assertEquals(Parameter.Type.NUMBER, parameters.get(1).type());
        assertEquals(1e-4, parameters.get(1).defaultValue());
        assertEquals(0.0, parameters.get(1).min());
        assertEquals(Parameter.Type.INTEGER, parameters.get(2).type());
        assertEquals(10, parameters.get(2).defaultValue());
        assertEquals(1.0, parameters.get(2).min());

        KMeansClustering kmeans = assertInstanceOf(KMeansClustering.class, factory.create(defaults(factory)));
        assertEquals(300, kmeans.maxIterations());
        assertEquals(1e-4, kmeans.tolerance());
        assertEquals(10, kmeans.restarts());
    }

    @Test
    void kmeansFactoryRejectsValuesOutOfRange() {
        KMeansClusteringFactory factory = new KMeansClusteringFactory();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> factory.create(
                Parameters.of(Map.of("maxIterations", 300, "tolerance", 1e-4, "restarts", 0))));
        assertEquals("restarts must be at least 1, got 0", e.getMessage());
    }

    @Test
    void agglomerativeDeclaresWardAsTheDefaultLinkage() {
        AgglomerativeClusteringFactory factory = new AgglomerativeClusteringFactory();
        Parameter linkage = factory.parameters().get(0);
        assertEquals("linkage", linkage.name());
        assertEquals(Parameter.Type.CHOICE, linkage.type());
        assertEquals("ward", linkage.defaultValue());
        assertEquals(List.of("ward", "average", "complete"), linkage.choices());
        AgglomerativeClustering ward = assertInstanceOf(AgglomerativeClustering.class, factory.create(defaults(factory)));
        assertEquals(Linkage.WARD, ward.linkage());
        AgglomerativeClustering complete = assertInstanceOf(AgglomerativeClustering.class,
                factory.create(Parameters.of(Map.of("linkage", "complete"))));
        assertEquals(Linkage.COMPLETE, complete.linkage());
        assertInstanceOf(ByDirection.class, factory.create(Parameters.of(Map.of("linkage", "ward", "directions", true))));
    }

    @Test
    void agglomerativeFactoryRejectsAnUnknownLinkage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AgglomerativeClusteringFactory().create(Parameters.of(Map.of("linkage", "single"))));
        assertEquals("unknown linkage 'single'; allowed: ward, average, complete", e.getMessage());
    }

    @Test
    void labelsDeclaresARequiredFileAndReadsItWhenCreated(@TempDir Path folder) throws IOException {
        LabelsFileClusteringFactory factory = new LabelsFileClusteringFactory();
        Parameter file = factory.parameters().get(0);
        assertEquals("file", file.name());
        assertEquals(Parameter.Type.PATH, file.type());
        assertTrue(file.required());

        Path good = folder.resolve("clusters.json");
        Files.writeString(good, "{\"layers\": [[0, 1, 0]]}");
        LabelsFileClustering labels = assertInstanceOf(LabelsFileClustering.class,
                factory.create(Parameters.of(Map.of("file", good))));
        assertEquals(good, labels.file());

        Path missing = folder.resolve("missing.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> factory.create(Parameters.of(Map.of("file", missing))));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
