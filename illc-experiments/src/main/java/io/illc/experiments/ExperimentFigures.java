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
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
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
 * {@code dead-neurons}; without that metric the figure is not drawn. And the report's one figure,
 * {@value #IO_FIGURE}: every model's io-unfaithfulness under each method against SpArX global's on
 * log–log axes, with the line y = x ({@link #ioChart}), 800 × 650 pixels. The others are 800 × 500
 * pixels. Drawn headless; the same numbers give the same bytes.
 */
public final class ExperimentFigures {
    /** Figure size in pixels. */
    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;
    /** The height of {@link #IO_FIGURE}: nearly square, so that y = x is nearly a diagonal. */
    public static final int IO_HEIGHT = 650;

    /** The report's figure, relative to the output folder. */
    public static final String IO_FIGURE = "figures/io-vs-sparx.png";

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

    /**
     * The per-layer figures {@link #write} draws for {@code cells}, by path relative to the output
     * folder, without drawing them: what a folder holds after a run, for a report rebuilt without the
     * metrics' details.
     */
    static List<String> paths(ExperimentSpec spec, List<CellResult> cells) {
        long seed = spec.grid().trains() ? spec.grid().trainingSeeds().get(0) : 0;
        List<String> out = new ArrayList<>();
        for (CellResult cell : cells) {
            if (cell.cell().trainingSeed() != seed) {
                continue;
            }
            for (Setting setting : spec.grid().settings()) {
                if (firstLabel(spec, STRUCTURAL).isPresent()) {
                    out.add(path(cell.cell(), setting, Kind.STRUCTURAL_PER_LAYER));
                    out.add(path(cell.cell(), setting, Kind.STRUCTURAL_CUMULATIVE));
                }
                if (firstLabel(spec, DEAD).isPresent()) {
                    out.add(path(cell.cell(), setting, Kind.DEAD_NEURONS));
                }
            }
        }
        return out;
    }

    private static String path(Cell cell, Setting setting, Kind kind) {
        return "figures/" + cell.id() + "-" + setting.slug() + "-" + kind.fileSuffix + ".png";
    }

    private static Figure draw(ExperimentFolder folder, Cell cell, Setting setting, Kind kind, CategoryChart chart) {
        String path = path(cell, setting, kind);
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

    /**
     * Writes {@link #IO_FIGURE} when io-unfaithfulness was measured and some budget has a SpArX baseline.
     *
     * @return its path, or empty when there is nothing to draw
     */
    static Optional<String> writeIoFigure(ExperimentSpec spec, SparxComparison comparison, ExperimentFolder folder) {
        return ioChart(spec, comparison).map(chart -> {
            folder.write(IO_FIGURE, png(chart));
            return IO_FIGURE;
        });
    }

    /**
     * Every model's io-unfaithfulness (held-out rows with a holdout): x = SpArX global's, y = the
     * method's in the same budget, one series per budget and method (the budget named only when there
     * are several), log–log, with y = x: a point below the line is a model where the method is lower.
     * Models where either value is not positive cannot be drawn on a log axis and are left out.
     *
     * @return the chart; empty without io-unfaithfulness, a baseline or a drawable point
     */
    static Optional<XYChart> ioChart(ExperimentSpec spec, SparxComparison comparison) {
        if (comparison.ioLabel().isEmpty()) {
            return Optional.empty();
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(IO_HEIGHT)
                .title("io-unfaithfulness per model" + (spec.grid().holdout() > 0 ? " (held-out rows)" : ""))
                .xAxisTitle("SpArX global").yAxisTitle("method, same model and cluster counts").build();
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(12f));
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        // Decades only, as 1E-3: io spans many decades, and every minor tick's label would overlap.
        chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setXAxisDecimalPattern("0E0");
        chart.getStyler().setYAxisDecimalPattern("0E0");
        // Top left is where a method would be orders of magnitude worse than SpArX: usually empty.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(6);
        double low = Double.POSITIVE_INFINITY;
        double high = 0;
        boolean severalBudgets = spec.grid().budgets().size() > 1;
        for (ExperimentGrid.Budget budget : spec.grid().budgets()) {
            Optional<Variant> baseline = comparison.baseline(budget);
            if (baseline.isEmpty()) {
                continue;
            }
            for (Variant v : spec.grid().variants(budget)) {
                if (v.equals(baseline.get())) {
                    continue;
                }
                double[][] pairs = comparison.ioPairs(budget, v);
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                for (int i = 0; i < pairs[0].length; i++) {
                    if (pairs[0][i] > 0 && pairs[1][i] > 0) {
                        x.add(pairs[1][i]);
                        y.add(pairs[0][i]);
                        low = Math.min(low, Math.min(pairs[0][i], pairs[1][i]));
                        high = Math.max(high, Math.max(pairs[0][i], pairs[1][i]));
                    }
                }
                if (!x.isEmpty()) {
                    chart.addSeries((severalBudgets ? budget.describe() + ": " : "") + v.label(), x, y);
                }
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            return Optional.empty();
        }
        XYSeries diagonal = chart.addSeries("y = x", List.of(low, high), List.of(low, high));
        diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(Color.GRAY);
        return Optional.of(chart);
    }

    /** The chart as PNG bytes. */
    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG in memory", e);
        }
    }
}
