import io.illc.api.Mlp;
import io.illc.core.Illc;
import io.illc.core.model.WeightsJson;
import io.illc.core.run.Json;
import io.illc.core.run.RunResult;
import io.illc.core.spec.SpecBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * illc from Java, in memory: a network and rows held in Java objects are compressed with settings
 * built in code, and the metrics are written as metrics.json. spec.json beside this file is the
 * same run as a JSON spec; .ci/run checks that both give the same metrics.json.
 *
 * Run (after the CLI is built, e.g. by ./illc or mvn package):
 *   java -cp "illc-cli/target/illc-cli.jar:illc-cli/target/lib/*" examples/java-api/InMemoryExample.java OUT_DIR
 */
public class InMemoryExample {
    public static void main(String[] args) throws Exception {
        Path here = Path.of("examples/java-api");
        Path out = Path.of(args.length > 0 ? args[0] : "illc-out/java-api");

        // A network and rows, as a Java program would have them. Here they are read from files, but
        // any Mlp (built from weight matrices) and any double[samples][inputs] will do.
        Mlp mlp = WeightsJson.read(here.resolve("model.json")).mlp();
        double[][] rows = Files.readAllLines(here.resolve("rows.csv")).stream().skip(1)
                .map(line -> java.util.Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray())
                .toArray(double[][]::new);

        SpecBuilder settings = SpecBuilder.create()
                .seed(7)
                .method("illc")
                .shrink(0.5)
                .clustering("kmeans", Map.of("restarts", 20))
                .aggregation("average", Map.of())
                .noRenderers();

        Illc illc = Illc.withPlugins(List.of());
        RunResult result = illc.compress(mlp, rows, settings);

        Files.createDirectories(out);
        Files.write(out.resolve("metrics.json"), Json.bytes(Json.metrics(result.metrics())));
        result.metrics().forEach((name, metric) -> System.out.println(name + " = " + metric.value()));
    }
}
