package io.illc.experiments;

import io.illc.api.DetailKey;
import io.illc.experiments.CellResult.Outcome;
import io.illc.experiments.ExperimentGrid.Cell;
import io.illc.experiments.ExperimentGrid.Setting;
import io.illc.experiments.ExperimentGrid.Variant;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The PNG figures of an experiment, the analogues of the paper's Figure 2, for every architecture
 * and setting on the first training seed's model:
 * <ul>
 *   <li>(a) structural unfaithfulness per layer, global vs illc: the metric's
 *       {@code details.perLayer}, hidden layers 1..d and the output layer ("out");</li>
 *   <li>(b) its cumulative sum over the layers;</li>
 *   <li>(c) the share of dead neurons per hidden layer: the original's ({@code dead-neurons}
 *       {@code details.perLayer}) and each compression's cluster-neurons
 *       ({@code details.perLayerCompressed}).</li>
 * </ul>
 * (a) and (b) use the first {@code structural-unfaithfulness} metric of the spec, (c) the first
 * {@code dead-neurons}; without that metric the figure is not drawn. 800 × 500 pixels, drawn
 * headless.
 */
public final class ExperimentFigures {
    /** Figure size in pixels. */
    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;

    private static final String STRUCTURAL = "structural-unfaithfulness";
    private static final String DEAD = "dead-neurons";

    private ExperimentFigures() {
    }

    /** The three kinds of figure, named after the panels of the paper's Figure 2. */
    public enum Kind {
        STRUCTURAL_PER_LAYER("2a", "structural-per-layer"),
        STRUCTURAL_CUMULATIVE("2b", "structural-cumulative"),
        DEAD_NEURONS("2c", "dead-neurons");

        private final String panel;
        private final String fileSuffix;

        Kind(String panel, String fileSuffix) {
            this.panel = panel;
            this.fileSuffix = fileSuffix;
        }

        public String panel() {
            return panel;
        }
    }

    /**
     * A written figure.
     *
     * @param path    relative to the output folder, e.g. {@code figures/d5-w100-s0-kmeans-average-0.8-dead-neurons.png}
     * @param title   the chart's title
     * @param cell    the cell whose model it shows
     * @param setting the clustering, aggregation and shrink
     * @param kind    which panel
     */
    public record Figure(String path, String title, Cell cell, Setting setting, Kind kind) {
        public Figure {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(cell, "cell");
            Objects.requireNonNull(setting, "setting");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** Draws every figure of the first training seed's cells (of every loaded model) into {@code figures/}. */
    static List<Figure> write(ExperimentSpec spec, List<CellResult> cells, ExperimentFolder folder) {
        List<Figure> out = new ArrayList<>();
        long seed = spec.grid().trains() ? spec.grid().trainingSeeds().get(0) : 0;
        Optional<String> structural = firstLabel(spec, STRUCTURAL);
        Optional<String> dead = firstLabel(spec, DEAD);
        for (CellResult cell : cells) {
            if (cell.cell().trainingSeed() != seed) {
                continue;
            }
            for (Setting setting : spec.grid().settings()) {
                List<Outcome> outcomes = spec.grid().methods().stream()
                        .map(m -> cell.outcome(new Variant(setting, m))).toList();
                if (structural.isPresent()) {
                    out.add(draw(folder, cell.cell(), setting, Kind.STRUCTURAL_PER_LAYER,
                            structuralChart(cell.cell(), setting, outcomes, structural.get(), false)));
                    out.add(draw(folder, cell.cell(), setting, Kind.STRUCTURAL_CUMULATIVE,
                            structuralChart(cell.cell(), setting, outcomes, structural.get(), true)));
                }
                if (dead.isPresent()) {
                    out.add(draw(folder, cell.cell(), setting, Kind.DEAD_NEURONS,
                            deadChart(cell.cell(), setting, outcomes, dead.get())));
                }
            }
        }
        return out;
    }

    private static Optional<String> firstLabel(ExperimentSpec spec, String pluginName) {
        return spec.metrics().stream().filter(m -> m.name().equals(pluginName)).map(LabelledChoice::label).findFirst();
    }

    private static Figure draw(ExperimentFolder folder, Cell cell, Setting setting, Kind kind, CategoryChart chart) {
        String path = "figures/" + cell.id() + "-" + setting.slug() + "-" + kind.fileSuffix + ".png";
        folder.write(path, png(chart));
        return new Figure(path, chart.getTitle(), cell, setting, kind);
    }

    /** Figure 2a (or 2b, {@code cumulative}): one line per method over layers 1..d and "out". */
    static CategoryChart structuralChart(Cell cell, Setting setting, List<Outcome> outcomes, String label, boolean cumulative) {
        String what = cumulative ? "Cumulative structural unfaithfulness" : "Structural unfaithfulness per layer";
        CategoryChart chart = chart(what + ": " + title(cell, setting),
                label + (cumulative ? ", sum over layers 1..l" : " of the layer"));
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        // Points of both methods at the same layer share one x position, as in a line plot.
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        for (Outcome o : outcomes) {
            List<Double> perLayer = numbers(o.metric(label).details().get(DetailKey.PER_LAYER.name()), label + " details.perLayer");
            List<Double> y = new ArrayList<>();
            double sum = 0;
            for (double v : perLayer) {
                sum += v;
                y.add(cumulative ? sum : v);
            }
            chart.addSeries(o.variant().method().jsonName(), layers(cell.depth(), true), y);
        }
        return chart;
    }

    /** Figure 2c: the share of dead neurons per hidden layer, original vs each compression. */
    static CategoryChart deadChart(Cell cell, Setting setting, List<Outcome> outcomes, String label) {
        CategoryChart chart = chart("Dead neurons per hidden layer, " + title(cell, setting), "share of dead neurons");
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        List<String> x = layers(cell.depth(), false);
        chart.addSeries("original", x, numbers(outcomes.get(0).metric(label).details().get(DetailKey.PER_LAYER.name()), label + " details.perLayer"));
        for (Outcome o : outcomes) {
            chart.addSeries(o.variant().method().jsonName() + " (clusters)", x,
                    numbers(o.metric(label).details().get(DetailKey.PER_LAYER_COMPRESSED.name()), label + " details.perLayerCompressed"));
        }
        return chart;
    }

    private static String title(Cell cell, Setting setting) {
        return cell.isLoaded() ? cell.id() + ", " + setting.describe()
                : cell.depth() + " × " + cell.width() + ", " + setting.describe() + ", training seed " + cell.trainingSeed();
    }

    private static CategoryChart chart(String title, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("layer").yAxisTitle(yTitle).build();
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(12f));
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setXAxisLabelRotation(0);
        return chart;
    }

    /** "1".."d", then "out" when {@code withOutput}. */
    private static List<String> layers(int depth, boolean withOutput) {
        List<String> x = new ArrayList<>();
        for (int l = 1; l <= depth; l++) {
            x.add(Integer.toString(l));
        }
        if (withOutput) {
            x.add("out");
        }
        return x;
    }

    private static List<Double> numbers(Object detail, String what) {
        if (!(detail instanceof List<?> list)) {
            throw new IllegalStateException(what + " is missing; the figure needs it");
        }
        return list.stream().map(v -> ((Number) v).doubleValue()).toList();
    }

    /** The chart as PNG bytes. */
    static byte[] png(CategoryChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG in memory", e);
        }
    }
}
