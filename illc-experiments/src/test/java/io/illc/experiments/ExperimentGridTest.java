package io.illc.experiments;

import io.illc.api.Activation;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.spec.CompressionSpec.Method;
import io.illc.core.spec.TrainSpec;
import io.illc.experiments.ExperimentGrid.Cell;
import io.illc.experiments.ExperimentGrid.Variant;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExperimentGridTest {
    private static final PluginCatalog CATALOG = PluginCatalog.discover(List.of());

    @Test
    void thePaperGridHas27CellsOrderedByDepthThenWidthThenSeed() {
        ExperimentGrid grid = ExperimentSpecs.paper(CATALOG).grid();
        List<Cell> cells = grid.cells();

        assertEquals(27, cells.size());
        assertEquals(new Cell(5, 100, 0), cells.get(0));
        assertEquals(new Cell(5, 100, 1), cells.get(1));
        assertEquals(new Cell(5, 100, 2), cells.get(2));
        assertEquals(new Cell(5, 200, 0), cells.get(3));
        assertEquals(new Cell(10, 100, 0), cells.get(9));
        assertEquals(new Cell(20, 500, 2), cells.get(26));
        assertEquals("d20-w500-s2", cells.get(26).id());
        assertEquals("d20-w500", cells.get(26).architecture());
    }

    @Test
    void everyCellIsCompressedOncePerSettingAndMethodWithPairsSideBySide() {
        ExperimentGrid grid = ExperimentSpecs.paper(CATALOG).grid();
        List<Variant> variants = grid.variants();

        // 2 clusterings × (2 aggregations × 2 methods + illc with refit fine-tuned).
        assertEquals(10, variants.size());
        assertEquals(List.of("global+average", "illc+average", "global+refit", "illc+refit", "illc+refit+finetune"),
                variants.subList(0, 5).stream().map(Variant::label).toList());
        assertEquals(List.of("kmeans", "ward"), variants.stream().map(v -> v.setting().clustering().label()).distinct().toList());
        assertEquals(List.of(Method.GLOBAL, Method.ILLC, Method.GLOBAL, Method.ILLC, Method.ILLC),
                variants.subList(5, 10).stream().map(Variant::method).toList());
        assertEquals(270, grid.cells().size() * variants.size());
        assertEquals(0.2, grid.holdout());
    }

    @Test
    void theQuickGridHasTwoCellsOfOneSeed() {
        ExperimentGrid grid = ExperimentSpecs.quick(CATALOG).grid();

        assertEquals(List.of(new Cell(5, 100, 0), new Cell(10, 100, 0)), grid.cells());
        assertEquals(10, grid.variants().size());
    }

    @Test
    void aCellTrainsDepthLayersOfWidthNeurons() {
        ExperimentGrid grid = ExperimentSpecs.paper(CATALOG).grid();

        TrainSpec t = grid.trainSpec(new Cell(5, 200, 1));

        assertEquals(List.of(200, 200, 200, 200, 200), t.hidden());
        assertEquals(Activation.RELU, t.activation());
        assertEquals(100, t.epochs());
        assertEquals(64, t.batchSize());
        assertEquals(0.001, t.learningRate());
        assertEquals(0.2, t.testFraction());
        assertEquals(Activation.SOFTMAX, t.output());
    }

    @Test
    void theTimeLeftIsExtrapolatedByDepthTimesWidthSquaredPlusALayerOverhead() {
        Eta eta = new Eta(1);
        assertEquals(java.util.Optional.empty(), eta.remaining(List.of(new Cell(1, 10, 0))));

        // 1 × (200² + 200²) = 80 000 units took 2 s; 2 × (200² + 200²) = 160 000 units are left → 4 s.
        eta.computed(new Cell(1, 200, 0), 2_000_000_000L);

        assertEquals(java.time.Duration.ofSeconds(4), eta.remaining(List.of(new Cell(2, 200, 0))).orElseThrow());
        // 3 × (100² + 200²) = 150 000 units → 3.75 s.
        assertEquals(java.time.Duration.ofMillis(3750), eta.remaining(List.of(new Cell(3, 100, 0))).orElseThrow());
    }

    @Test
    void theTimeLeftIsSharedByTheThreadsButNotByMoreThreadsThanCellsLeft() {
        Eta eta = new Eta(2);
        eta.computed(new Cell(1, 200, 0), 2_000_000_000L);

        // Two cells of 80 000 units: 4 s of work on 2 threads → 2 s; one such cell keeps one thread busy → 2 s.
        assertEquals(java.time.Duration.ofSeconds(2),
                eta.remaining(List.of(new Cell(1, 200, 1), new Cell(1, 200, 2))).orElseThrow());
        assertEquals(java.time.Duration.ofSeconds(2), eta.remaining(List.of(new Cell(1, 200, 1))).orElseThrow());
    }

    @Test
    void noTimeLeftIsGivenWhenNoCellIsLeft() {
        Eta eta = new Eta(1);
        eta.computed(new Cell(1, 200, 0), 2_000_000_000L);

        assertEquals(java.util.Optional.empty(), eta.remaining(List.of()));
    }

    @Test
    void aBudgetGroupsEveryVariantOfOneClusteringAndShrink() {
        ExperimentGrid grid = ExperimentSpecs.paper(CATALOG).grid();

        List<ExperimentGrid.Budget> budgets = grid.budgets();

        assertEquals(List.of("kmeans, shrink 0.8", "ward, shrink 0.8"), budgets.stream().map(ExperimentGrid.Budget::describe).toList());
        assertEquals(grid.variants().subList(5, 10), grid.variants(budgets.get(1)));
        Variant tuned = grid.variants().get(4);
        assertEquals(grid.variants().get(3), tuned.base());
    }
}
