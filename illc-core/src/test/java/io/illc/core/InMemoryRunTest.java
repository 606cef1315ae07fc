package io.illc.core;

import io.illc.api.Mlp;
import io.illc.core.model.WeightsJson;
import io.illc.core.run.Json;
import io.illc.core.run.RunResult;
import io.illc.core.spec.PipelineSpec;
import io.illc.core.spec.SpecBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InMemoryRunTest {
    private static Illc illc;

    @BeforeAll
    static void engine() {
        illc = Illc.withPlugins(List.of());
    }

    private static SpecBuilder settings() {
        return SpecBuilder.create().seed(7).method("illc").shrink(0.5)
                .clustering("kmeans", Map.of("restarts", 20)).aggregation("average", Map.of()).noRenderers();
    }

    @Test
    void builtSpecEqualsTheSpecOfTheSameJson(@TempDir Path dir) throws Exception {
        SpecBuilder builder = settings().builtin("iris").train(List.of(8, 6), "relu", 5)
                .metric("io-unfaithfulness", Map.of()).output(Path.of("out"));
        Files.writeString(dir.resolve("s.json"), builder.toJson());
        PipelineSpec fromFile = illc.parse(dir.resolve("s.json"));
        PipelineSpec built = builder.build(illc, dir, "s");
        assertEquals(fromFile, built);
    }

    @Test
    void inMemoryRunGivesTheMetricsOfTheEquivalentJsonSpec(@TempDir Path dir) throws Exception {
        Path model = Path.of("src/test/resources/golden/iris_tiny.model.json");
        Mlp mlp = WeightsJson.read(model).mlp();
        double[][] rows = {{5.1, 3.5, 1.4, 0.2}, {7.0, 3.2, 4.7, 1.4}, {6.3, 3.3, 6.0, 2.5}, {4.9, 3.0, 1.4, 0.2},
                {6.4, 3.2, 4.5, 1.5}, {5.8, 2.7, 5.1, 1.9}, {5.0, 3.6, 1.4, 0.2}, {5.5, 2.3, 4.0, 1.3}};
        StringBuilder csv = new StringBuilder("a,b,c,d\n");
        for (double[] row : rows) {
            csv.append(String.join(",", Arrays.stream(row).mapToObj(Double::toString).toList())).append('\n');
        }
        Files.writeString(dir.resolve("rows.csv"), csv);
        PipelineSpec json = settings().csv(dir.resolve("rows.csv"), null).load(model.toAbsolutePath())
                .build(illc, dir, "json");

        RunResult fromJson = illc.compute(json);
        RunResult inMemory = illc.compress(mlp, rows, settings());

        assertArrayEquals(Json.bytes(Json.metrics(fromJson.metrics())), Json.bytes(Json.metrics(inMemory.metrics())));
    }

    @Test
    void rowsOfTheWrongWidthAreBadInputNamingTheRow() {
        Mlp mlp = WeightsJson.read(Path.of("src/test/resources/golden/iris_tiny.model.json")).mlp();
        InputException e = assertThrows(InputException.class,
                () -> illc.compress(mlp, new double[][]{{1, 2, 3, 4}, {1, 2}}, settings()));
        assertEquals(List.of("rows[1] has 2 values, but the network has 4 inputs; give every row one value per input"),
                e.problems());
    }
}
