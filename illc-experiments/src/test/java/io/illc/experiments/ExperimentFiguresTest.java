package io.illc.experiments;

import io.illc.api.MetricResult;
import io.illc.api.Parameters;
import io.illc.api.PluginKind;
import io.illc.core.catalog.PluginChoice;
import io.illc.core.spec.CompressionSpec.Method;
import io.illc.experiments.CellResult.Outcome;
import io.illc.experiments.ExperimentGrid.Cell;
import io.illc.experiments.ExperimentGrid.Setting;
import io.illc.experiments.ExperimentGrid.Variant;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperimentFiguresTest {
    static final Setting SETTING = new Setting(
            new LabelledChoice("kmeans", new PluginChoice(PluginKind.CLUSTERING, "kmeans", Parameters.empty())),
            new LabelledChoice("average", new PluginChoice(PluginKind.AGGREGATION, "average", Parameters.empty())), 0.8);

    /** The number of distinct colours of an image. */
    static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    private static Outcome outcome(Method method, List<Double> perLayer, List<Double> deadCompressed) {
        return new Outcome(new Variant(SETTING, method), List.of(2, 2),
                Map.of("structural-unfaithfulness", MetricResult.of(0.1, Map.of("perLayer", perLayer)),
                        "dead-neurons", MetricResult.of(0.25, Map.of("perLayer", List.of(0.5, 0.0),
                                "perLayerCompressed", deadCompressed))),
                Map.of());
    }

    private static BufferedImage image(CategoryChart chart) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(ExperimentFigures.png(chart)));
        assertNotNull(image, "a PNG that ImageIO reads");
        return image;
    }

    private final List<Outcome> outcomes = List.of(
            outcome(Method.GLOBAL, List.of(0.3, 0.2, 0.1), List.of(0.5, 0.0)),
            outcome(Method.ILLC, List.of(0.2, 0.1, 0.1), List.of(0.0, 0.5)));

    @Test
    void structuralUnfaithfulnessPerLayerIsAPngOf800By500WithContent() throws IOException {
        CategoryChart chart = ExperimentFigures.structuralChart(new Cell(2, 4, 0), SETTING, outcomes, "structural-unfaithfulness", false);

        BufferedImage image = image(chart);

        assertEquals(800, image.getWidth());
        assertEquals(500, image.getHeight());
        assertTrue(colours(image) > 2, "not a blank image");
        assertTrue(chart.getTitle().contains("2 × 4, kmeans, average, shrink 0.8, training seed 0"), chart.getTitle());
        assertEquals("layer", chart.getXAxisTitle());
        assertEquals(List.of("global", "illc"), List.copyOf(chart.getSeriesMap().keySet()));
    }

    @Test
    void theCumulativeFigureSumsTheLayers() throws IOException {
        CategoryChart chart = ExperimentFigures.structuralChart(new Cell(2, 4, 0), SETTING, outcomes, "structural-unfaithfulness", true);

        // 0.3, 0.3 + 0.2, 0.3 + 0.2 + 0.1.
        List<Double> y = chart.getSeriesMap().get("global").getYData().stream().map(Number::doubleValue).toList();
        assertEquals(0.3, y.get(0), 1e-12);
        assertEquals(0.5, y.get(1), 1e-12);
        assertEquals(0.6, y.get(2), 1e-12);
        assertEquals(List.of("1", "2", "out"), chart.getSeriesMap().get("global").getXData());
        assertTrue(colours(image(chart)) > 2);
    }

    @Test
    void theDeadNeuronFigureShowsTheOriginalAndEachCompression() throws IOException {
        CategoryChart chart = ExperimentFigures.deadChart(new Cell(2, 4, 0), SETTING, outcomes, "dead-neurons");

        assertEquals(List.of("original", "global (clusters)", "illc (clusters)"), List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals(List.of("1", "2"), chart.getSeriesMap().get("original").getXData());
        BufferedImage image = image(chart);
        assertEquals(800, image.getWidth());
        assertEquals(500, image.getHeight());
        assertTrue(colours(image) > 2);
    }
}
