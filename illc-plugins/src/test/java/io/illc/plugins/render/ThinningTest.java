package io.illc.plugins.render;

import io.illc.api.Argument;
import io.illc.api.Edge;
import io.illc.api.LocalContext;
import io.illc.api.Qbaf;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThinningTest {

    /** The QBAF with every weight out of input {@code a} multiplied by {@code factor}. */
    private static Qbaf scaleInput(Qbaf qbaf, String input, double factor) {
        List<Edge> edges = qbaf.edges().stream()
                .map(e -> e.source().equals(input) ? new Edge(e.source(), e.target(), e.weight() * factor) : e).toList();
        return new Qbaf(qbaf.arguments(), edges, qbaf.activations(), qbaf.local());
    }

    @Test
    void globalRankingDoesNotChangeWhenAFeatureIsRescaled() {
        // Feature a in milli-units: its values × 1000, so σ × 1000 and its weights / 1000.
        Qbaf local = DotRendererTest.randomQbaf(new Random(11));
        Qbaf qbaf = new Qbaf(local.arguments(), local.edges(), local.activations(), null);
        EdgeStrength before = EdgeStrength.of(qbaf, Map.of("f0", 2.0, "f1", 0.5, "f2", 3.0, "f3", 1.0, "f4", 7.0));
        EdgeStrength after = EdgeStrength.of(scaleInput(qbaf, "f0", 1e-3),
                Map.of("f0", 2000.0, "f1", 0.5, "f2", 3.0, "f3", 1.0, "f4", 7.0));

        int[] all = java.util.stream.IntStream.range(0, qbaf.edges().size()).toArray();
        assertArrayEquals(before.of(all), after.of(all), 1e-12);
        for (EdgeSelection selection : List.of(new EdgeSelection.TopK(5), new EdgeSelection.Quantile(0.8))) {
            assertArrayEquals(selection.select(before.of(all)), selection.select(after.of(all)), selection.toString());
        }
    }

    @Test
    void localRankingIsWeightTimesValueAndDoesNotChangeWhenAFeatureIsRescaled() {
        Qbaf qbaf = DotRendererTest.randomQbaf(new Random(12));
        List<Double> values = new ArrayList<>(qbaf.local().featureValues());
        values.set(0, values.get(0) * 1000);
        Qbaf rescaled = scaleInput(new Qbaf(qbaf.arguments(), qbaf.edges(), qbaf.activations(),
                new LocalContext(4, values, "class 1", null)), "f0", 1e-3);

        EdgeStrength before = EdgeStrength.of(qbaf, Map.of());
        EdgeStrength after = EdgeStrength.of(rescaled, Map.of());
        for (int i = 0; i < qbaf.edges().size(); i++) {
            Edge e = qbaf.edges().get(i);
            double scale = e.source().startsWith("f") ? qbaf.local().featureValues().get(Integer.parseInt(e.source().substring(1))) : 1;
            assertEquals(Math.abs(e.weight() * scale), before.get(i), 1e-15);
            assertEquals(before.get(i), after.get(i), 1e-12 * before.get(i));
        }
    }

    @Test
    void everyLayerKeepsEdgesAndEveryOutputHasADrawnPathFromAnInput() {
        Random random = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            Qbaf qbaf = DotRendererTest.randomQbaf(random);
            for (Thinning thinning : List.of(new Thinning(new EdgeSelection.Quantile(1), true),
                    new Thinning(new EdgeSelection.TopK(1), false))) {
                List<Edge> drawn = thinning.apply(qbaf, EdgeStrength.of(qbaf, Map.of())).edges();
                Set<String> reached = new HashSet<>();
                for (Argument a : qbaf.arguments()) {
                    if (a.kind() == Argument.Kind.INPUT
                            || drawn.stream().anyMatch(e -> e.target().equals(a.id()) && reached.contains(e.source()))) {
                        reached.add(a.id());
                    }
                }
                for (Argument a : qbaf.arguments()) {
                    boolean reachable = qbaf.edges().stream().anyMatch(e -> e.target().equals(a.id()));
                    if (a.kind() == Argument.Kind.OUTPUT && reachable) {
                        assertTrue(reached.contains(a.id()), () -> a.id() + " has no drawn path from an input: " + drawn);
                    }
                }
                Set<Integer> layers = new HashSet<>();
                for (Edge e : drawn) {
                    layers.add(qbaf.arguments().stream().filter(a -> a.id().equals(e.target())).findFirst().orElseThrow().layer());
                }
                assertEquals(Set.of(1, 2), layers, "edges into every layer");
            }
        }
    }
}
