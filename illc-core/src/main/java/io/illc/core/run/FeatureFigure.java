package io.illc.core.run;

import io.illc.api.Argument;
import io.illc.api.DenseLayer;
import io.illc.api.Mlp;
import io.illc.api.Qbaf;
import io.illc.core.qbaf.FeatureSummary;

import javax.imageio.ImageIO;
import java.awt.AWTError;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.HeadlessException;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code features.png}: the feature summaries of a QBAF as a grid of small horizontal bar charts
 * (SpArX's per-cluster word clouds, made readable): one column per layer, one panel per
 * cluster-neuron or output, each with the {@link #BARS} features of largest |S|, supports green to
 * the right and attacks red to the left of a zero line, bars scaled to the panel's largest |S|.
 * Drawn with the JDK's Java 2D only; the same summary gives the same bytes on one machine.
 */
final class FeatureFigure {
    /** Features per panel. */
    static final int BARS = 6;
    /** Above this many non-input arguments the figure is not drawn: features.json has them all. */
    static final int MAX_PANELS = 150;

    private static final int PANEL_W = 330;
    private static final int ROW_H = 15;
    private static final int TITLE_H = 18;
    private static final int PANEL_H = TITLE_H + BARS * ROW_H + 12;
    private static final int NAME_W = 150;
    private static final int MARGIN = 12;
    private static final int HEADER_H = 46;
    private static final Color SUPPORT = new Color(0x1a9850);
    private static final Color ATTACK = new Color(0xd73027);
    private static final Color TEXT = new Color(0x1f2328);
    private static final Color MUTED = new Color(0x656d76);

    private FeatureFigure() {
    }

    /**
     * Starts Java 2D's fonts, text rendering and PNG encoder on a daemon thread of their own (about
     * 0.15 s of class loading and initialisation), so that a run which will draw the figure need not
     * wait for them at its end. The figure's pixels do not depend on it. A failure is ignored here:
     * {@link #png} meets it again and the run says why there is no figure.
     */
    static void prepareInBackground() {
        Thread prepare = new Thread(() -> {
            try {
                BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = image.createGraphics();
                try {
                    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
                    g.getFontMetrics().stringWidth("x");
                    g.drawString("x", 0, 8);
                } finally {
                    g.dispose();
                }
                ImageIO.write(image, "png", new ByteArrayOutputStream());
            } catch (AWTError | HeadlessException | LinkageError | IOException e) {
                // png() meets it again and the run reports it there
            }
        }, "illc-figure-prepare");
        prepare.setDaemon(true);
        prepare.start();
    }

    /** True when {@link #png} draws a QBAF of this network (at most {@link #MAX_PANELS} hidden and output arguments). */
    static boolean drawable(Mlp network) {
        return network.layers().stream().mapToInt(DenseLayer::outputs).sum() <= MAX_PANELS;
    }

    /**
     * The PNG bytes, or empty when the QBAF has more than {@link #MAX_PANELS} non-input arguments.
     *
     * @param classLabels what a reader sees for an output's class name; may be empty
     */
    static Optional<byte[]> png(Qbaf qbaf, FeatureSummary summary, Map<String, String> classLabels) {
        List<String> ids = summary.arguments();
        if (ids.size() > MAX_PANELS) {
            return Optional.empty();
        }
        List<List<Argument>> columns = new ArrayList<>();
        for (Argument a : qbaf.arguments()) {
            if (a.kind() == Argument.Kind.INPUT) {
                continue;
            }
            while (columns.size() < a.layer()) {
                columns.add(new ArrayList<>());
            }
            columns.get(a.layer() - 1).add(a);
        }
        int rows = columns.stream().mapToInt(List::size).max().orElse(0);
        int width = Math.max(1, columns.size()) * (PANEL_W + MARGIN) + MARGIN;
        int height = HEADER_H + Math.max(1, rows) * (PANEL_H + MARGIN) + MARGIN;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(TEXT);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString("Input features that support (green) and attack (red) each argument", MARGIN, 20);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.setColor(MUTED);
            g.drawString(summary.scale() == FeatureSummary.Scale.STD
                    ? "global: mean path sum over " + summary.rows() + " rows × the feature's standard deviation (docs/qbaf.md)"
                    : "local: path sum × the feature's value at the explained row (docs/qbaf.md)", MARGIN, 37);
            for (int c = 0; c < columns.size(); c++) {
                List<Argument> column = columns.get(c);
                for (int r = 0; r < column.size(); r++) {
                    Argument a = column.get(r);
                    String title = a.kind() == Argument.Kind.OUTPUT && classLabels.containsKey(a.id())
                            ? classLabels.get(a.id()) + " (output " + a.id() + ")" : a.label();
                    panel(g, MARGIN + c * (PANEL_W + MARGIN), HEADER_H + r * (PANEL_H + MARGIN), title,
                            summary.features(), summary.of(a.id()));
                }
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode features.png", e);
        }
        return Optional.of(out.toByteArray());
    }

    private static void panel(Graphics2D g, int x, int y, String title, List<String> features, double[] values) {
        g.setColor(new Color(0xf6f8fa));
        g.fillRect(x, y, PANEL_W, PANEL_H);
        g.setColor(new Color(0xd0d7de));
        g.drawRect(x, y, PANEL_W, PANEL_H);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
        g.setColor(TEXT);
        g.drawString(title, x + 6, y + 13);
        List<Integer> order = new ArrayList<>();
        for (int f = 0; f < values.length; f++) {
            if (values[f] != 0) {
                order.add(f);
            }
        }
        // Largest |S| first; ties in input order, so the picture is the same every time.
        order.sort(Comparator.comparingDouble((Integer f) -> -Math.abs(values[f])).thenComparingInt(f -> f));
        List<Integer> top = order.subList(0, Math.min(BARS, order.size()));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        FontMetrics metrics = g.getFontMetrics();
        if (top.isEmpty()) {
            g.setColor(MUTED);
            g.drawString("no feature reaches it", x + 6, y + TITLE_H + 12);
            return;
        }
        double max = Math.abs(values[top.get(0)]);
        int chartX = x + NAME_W;
        int chartW = PANEL_W - NAME_W - 50;
        int zero = chartX + chartW / 2;
        for (int i = 0; i < top.size(); i++) {
            int f = top.get(i);
            int rowY = y + TITLE_H + i * ROW_H;
            g.setColor(TEXT);
            g.drawString(clip(features.get(f), metrics, NAME_W - 10), x + 6, rowY + 11);
            int length = (int) Math.round(chartW / 2.0 * Math.abs(values[f]) / max);
            g.setColor(values[f] > 0 ? SUPPORT : ATTACK);
            g.fillRect(values[f] > 0 ? zero : zero - length, rowY + 3, Math.max(1, length), ROW_H - 5);
            g.setColor(MUTED);
            g.drawString(brief(values[f]), chartX + chartW + 4, rowY + 11);
        }
        g.setColor(MUTED);
        g.setStroke(new BasicStroke(1));
        g.drawLine(zero, y + TITLE_H, zero, y + TITLE_H + top.size() * ROW_H);
    }

    private static String clip(String text, FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && metrics.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    /** Three significant digits with a sign. */
    private static String brief(double v) {
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros();
        double magnitude = Math.abs(v);
        String s = magnitude >= 1e-3 && magnitude < 1e5 ? rounded.toPlainString() : rounded.toString();
        return v > 0 ? "+" + s : s;
    }
}
