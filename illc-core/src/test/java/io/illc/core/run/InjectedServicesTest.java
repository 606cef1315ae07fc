package io.illc.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.util.Modules;
import io.illc.core.Illc;
import io.illc.core.IllcModule;
import io.illc.core.Ticker;
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

        @Override
        public Optional<String> svg(Path dot, Path svg) throws IOException {
            laidOut.add(dot.getFileName());
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

        illc.run(spec, false, Progress.SILENT);

        assertEquals(List.of(Path.of("qbaf.dot")), graphviz.laidOut);
        assertEquals("<svg/>", Files.readString(folder.resolve("out/qbaf.svg")));
        JsonNode timings = new ObjectMapper().readTree(folder.resolve("out/provenance.json").toFile()).get("timingsSeconds");
        assertTrue(timings.size() > 3, timings.toString());
        timings.fields().forEachRemaining(e -> assertEquals(Math.rint(e.getValue().asDouble()), e.getValue().asDouble(),
                e.getKey() + " is measured in whole ticks of the fake clock"));
    }
}
