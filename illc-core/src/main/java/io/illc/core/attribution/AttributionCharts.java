package io.illc.core.attribution;

import io.illc.core.attribution.AttributionSettings.Method;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One ranked bar chart per attribution method ({@code attribution-<method>.png}): the
 * {@value #BARS} arguments of largest |attribution|, largest first (ties in argument order), bars
 * that raise the target green and bars that lower it red. 800 × 500 pixels, drawn headless; the same
 * attributions give the same bytes. Stateless.
 */
public final class AttributionCharts {
    /** The most arguments a chart shows. */
    public static final int BARS = 20;
    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    private static final Color RAISES = new Color(0x1a9850);
    private static final Color LOWERS = new Color(0xd73027);

    private AttributionCharts() {
    }

    /** The file name of {@code method}'s chart. */
    public static String fileName(Method method) {
        return "attribution-" + method.jsonName() + ".png";
    }

    /** The chart of {@code method}'s attributions of {@code r}'s target, as PNG bytes. */
    public static byte[] png(Attributions.Result r, Method method) {
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(r.methods().get(method).entrySet());
        // A stable sort keeps argument order among equal magnitudes.
        ranked.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue())));
        List<Map.Entry<String, Double>> shown = ranked.subList(0, Math.min(BARS, ranked.size()));
        List<String> names = shown.stream().map(Map.Entry::getKey).toList();
        List<Double> raises = shown.stream().map(e -> Math.max(0, e.getValue())).toList();
        List<Double> lowers = shown.stream().map(e -> Math.min(0, e.getValue())).toList();
        String title = method.jsonName() + " attribution of " + r.target()
                + (ranked.size() > BARS ? " (the " + BARS + " largest of " + ranked.size() + ")" : "");
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("argument").yAxisTitle(method.jsonName()).build();
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(12f));
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setSeriesColors(new Color[] {RAISES, LOWERS});
        chart.addSeries("raises " + r.target(), names, raises);
        chart.addSeries("lowers " + r.target(), names, lowers);
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG in memory", e);
        }
    }
}
