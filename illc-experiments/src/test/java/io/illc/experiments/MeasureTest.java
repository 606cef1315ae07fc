package io.illc.experiments;

import io.illc.api.MetricResult;
import io.illc.core.catalog.PluginCatalog;
import io.illc.experiments.Measure.Direction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeasureTest {
    @Test
    void deadClusterNeuronsArePooledOverLayersByClusterCount() {
        // Layer 1: 1 of 4 clusters dead (0.25), layer 2: 1 of 2 (0.5): 2 of 6 pooled.
        MetricResult dead = MetricResult.of(0.1, Map.of("perLayerCompressed", List.of(0.25, 0.5)));

        assertEquals(2.0 / 6, Measure.deadCompressed(dead, List.of(4, 2)), 1e-12);
        assertTrue(Double.isNaN(Measure.deadCompressed(MetricResult.of(0.1), List.of(4, 2))));
    }

    @Test
    void directionsAreTheOnesTheMetricFactoriesDeclare() {
        ExperimentSpec spec = ExperimentSpecs.quick(PluginCatalog.discover(List.of()));

        Map<String, Direction> directions = new java.util.LinkedHashMap<>();
        Measure.of(spec, false).forEach(m -> directions.put(m.name(), m.direction()));

        assertEquals(Map.of("agreement", Direction.HIGHER_IS_BETTER,
                "cognitive-complexity", Direction.NONE,
                "dead-neurons", Direction.NONE,
                "dead-neurons-compressed", Direction.LOWER_IS_BETTER,
                "io-unfaithfulness", Direction.LOWER_IS_BETTER,
                "sign-agreement", Direction.HIGHER_IS_BETTER,
                "structural-unfaithfulness", Direction.LOWER_IS_BETTER,
                "structural-unfaithfulness(norm=squared)", Direction.LOWER_IS_BETTER), directions);
    }

    @Test
    void aMetricThatDeclaresNoDirectionIsShownButNotRanked() {
        ExperimentSpec quick = ExperimentSpecs.quick(PluginCatalog.discover(List.of()));
        ExperimentSpec undeclared = new ExperimentSpec(quick.experimentVersion(), quick.seed(), quick.data(), quick.grid(),
                quick.metrics(), Map.of(), quick.output(), quick.baseDir());

        Measure io = Measure.of(undeclared, false).stream().filter(m -> m.name().equals("io-unfaithfulness")).findFirst().orElseThrow();

        assertEquals(Direction.NONE, io.direction());
        assertEquals("no known better direction", io.note());
    }

    @Test
    void withHeldOutRowsEveryMeasureIsFollowedByItsInSampleTwin() {
        ExperimentSpec spec = ExperimentSpecs.quick(PluginCatalog.discover(List.of()));

        List<String> names = Measure.of(spec).stream().map(Measure::name).toList();

        assertEquals(0.2, spec.grid().holdout());
        assertEquals(List.of("agreement", "agreement (in-sample)", "cognitive-complexity", "cognitive-complexity (in-sample)",
                "dead-neurons", "dead-neurons-compressed", "dead-neurons (in-sample)", "dead-neurons-compressed (in-sample)"),
                names.subList(0, 8));
        assertEquals(2 * Measure.of(spec, false).size(), names.size());
    }
}
