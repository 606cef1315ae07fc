package io.illc.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.util.Modules;
import io.illc.api.Activation;
import io.illc.api.Mlp;
import io.illc.core.Illc;
import io.illc.core.IllcModule;
import io.illc.core.Ticker;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.finetune.SmallProblem;
import io.illc.core.model.WeightsJson;
import io.illc.core.spec.PipelineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engines take their services from the one injector: a test module replaces the clock and
 * Graphviz, and the run uses the replacements everywhere, with no hand wiring beside it.
 */
class InjectedServicesTest {
    private static final Path GOLDEN_MODEL = Path.of("src", "test", "resources", "golden", "bc_tiny.model.json")
            .toAbsolutePath();

    /** Every reading is one second after the one before. */
    private static final class SecondTicker implements Ticker {
        private final AtomicLong seconds = new AtomicLong();

        @Override
        public long nanos() {
            return seconds.getAndIncrement() * 1_000_000_000L;
        }
    }

    /** Writes a fixed SVG and remembers what it was asked to lay out. */
    private static final class RecordingGraphviz implements Graphviz {
        final List<Path> laidOut = new ArrayList<>();
        final List<String> drawings = new ArrayList<>();

        @Override
        public Optional<String> svg(Path dot, Path svg) throws IOException {
            laidOut.add(dot.getFileName());
            drawings.add(Files.readString(dot));
            Files.writeString(svg, "<svg/>", StandardCharsets.UTF_8);
            return Optional.empty();
        }
    }

    @TempDir
    Path folder;

    @Test
    void aTestModuleReplacesTheClockAndGraphvizForTheWholeRun() throws IOException {
        RecordingGraphviz graphviz = new RecordingGraphviz();
        Illc illc = Guice.createInjector(Modules.override(new IllcModule(List.of())).with(new AbstractModule() {
            @Override
            protected void configure() {
                bind(Ticker.class).toInstance(new SecondTicker());
                bind(Graphviz.class).toInstance(graphviz);
            }
        })).getInstance(Illc.class);
        PipelineSpec spec = illc.parse("""
                {"specVersion": 1, "seed": 0, "data": {"builtin": "breast-cancer"},
                 "model": {"load": "%s"},
                 "compression": {"method": "illc", "shrink": 0.5, "clustering": {"name": "agglomerative"}},
                 "renderers": [{"name": "dot"}], "output": "out"}""".formatted(GOLDEN_MODEL), folder, "fake.json");

        List<String> stages = new ArrayList<>();
        illc.run(spec, false, stages::add);

        assertEquals(List.of("loading data", "loading model bc_tiny.model.json",
                "compressing (illc, agglomerative, 3 hidden layers)", "measuring 6 metrics", "writing " + folder.resolve("out")),
                stages, "a recording progress, passed as the per-run argument it is, sees every stage in order");
        assertEquals(List.of(Path.of("qbaf.dot")), graphviz.laidOut);
        assertEquals("<svg/>", Files.readString(folder.resolve("out/qbaf.svg")));
        JsonNode provenance = new ObjectMapper().readTree(folder.resolve("out/provenance.json").toFile());
        assertEquals(Processor.describe(), provenance.path("runtime").path("processor").asText(),
                "the processor, whose vector width decides OpenBLAS's kernels");
        assertTrue(provenance.path("runtime").path("openblasCoreType").isTextual(), provenance.path("runtime").toString());
        JsonNode timings = provenance.get("timingsSeconds");
        assertTrue(timings.size() > 3, timings.toString());
        timings.fields().forEachRemaining(e -> assertEquals(Math.rint(e.getValue().asDouble()), e.getValue().asDouble(),
                e.getKey() + " is measured in whole ticks of the fake clock"));
    }

    @Test
    void aGraphTooBigToReadIsDrawnWithTheStrongestEdgesOfEveryLayerAndSaysSo() throws IOException {
        RecordingGraphviz graphviz = new RecordingGraphviz();
        Illc illc = Guice.createInjector(Modules.override(new IllcModule(List.of())).with(new AbstractModule() {
            @Override
            protected void configure() {
                bind(Graphviz.class).toInstance(graphviz);
            }
        })).getInstance(Illc.class);
        // 30 -> 100 -> 100 -> 1 left uncompressed: 13 100 edges, 2 620 of them drawn at the default quantile.
        Path model = folder.resolve("wide.json");
        Mlp wide = SmallProblem.network(3, 30, new int[]{100, 100}, Activation.RELU, 1, Activation.SIGMOID);
        Files.write(model, WeightsJson.toBytes(new Mlp(wide.layers(),
                BuiltinDatasets.load("breast-cancer").featureNames(), List.of("M"))));
        PipelineSpec spec = illc.parse("""
                {"specVersion": 1, "seed": 0, "data": {"builtin": "breast-cancer"}, "model": {"load": "wide.json"},
                 "compression": {"method": "global", "clusters": [100, 100], "clustering": {"name": "agglomerative"}},
                 "renderers": [{"name": "dot"}], "output": "out"}""", folder, "wide.json");

        illc.run(spec, false, Progress.SILENT);

        String drawn = graphviz.drawings.get(0);
        long fullDot = Files.readAllLines(folder.resolve("out/qbaf.dot")).stream().filter(l -> l.contains("->")).count();
        // Per layer at 0.8: 600 of 3 000, 2 000 of 10 000, 20 of 100, plus at most 3 more on the path to the output.
        assertTrue(fullDot >= 2620 && fullDot <= 2623, "qbaf.dot keeps every drawn edge: " + fullDot);
        // The SVG: the 400 / 3 = 133 strongest into each layer (all 100 into the output), plus the path.
        long top = drawn.lines().filter(l -> l.contains("->")).count();
        assertTrue(top >= 133 + 133 + 100 && top <= RunWriter.READABLE_EDGES, "edges in the SVG: " + top);
        assertTrue(drawn.contains("This picture shows the 133 strongest edges into each layer of the " + fullDot
                + " in qbaf.dot"), drawn);
        for (String into : List.of("-> \"C1.", "-> \"C2.", "-> \"M\"")) {
            assertTrue(drawn.contains(into), "edges " + into + " are drawn");
        }
        try (var files = Files.list(folder.resolve("out"))) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains("top")), "the top-edge drawing is not left behind");
        }
    }
}
