package io.illc.plugins.render;

import io.illc.api.Activation;
import io.illc.api.Argument;
import io.illc.api.Edge;
import io.illc.api.LocalContext;
import io.illc.api.Qbaf;
import io.illc.api.RenderContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DotRendererTest {

    private static String render(Qbaf qbaf, EdgeSelection selection) throws IOException {
        return render(qbaf, new Thinning(selection, false), RenderContext.NONE);
    }

    private static String render(Qbaf qbaf, Thinning thinning, RenderContext context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DotRenderer(thinning).render(qbaf, context, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> edgeLines(String dot) {
        return dot.lines().filter(l -> l.contains(" -> ")).map(String::strip).toList();
    }

    @Test
    void drawsTheEdgesAtOrAboveTheQuantileAndThePathToEveryOutputAndHidesArgumentsWithoutOne() throws IOException {
        // |w| sorted: 0.5, 1, 1, 1, 1, 2, 2, 3: the 0.8 quantile (position 5.6) is 2, which keeps
        // b -> C1.0, C1.0 -> C2.0 and C1.1 -> C2.1. The strongest path back from "no" is
        // no <- C2.0 <- C1.0 <- b (|-2| > |1|), from "yes": yes <- C2.1 <- C1.1 (3 > |-1|) <- b.
        String dot = render(HandQbaf.global(), new EdgeSelection.Quantile(0.8));

        assertEquals(List.of(
                "\"b\" -> \"C1.0\" [color=\"#d73027\", penwidth=3.50, tooltip=\"b attacks C1.0, weight -2.0, s 2.0\"];",
                "\"b\" -> \"C1.1\" [color=\"#1a9850\", penwidth=1.25, tooltip=\"b supports C1.1, weight 0.5, s 0.5\"];",
                "\"C1.0\" -> \"C2.0\" [color=\"#1a9850\", penwidth=3.50, tooltip=\"C1.0 supports C2.0, weight 2.0, s 2.0\"];",
                "\"C1.1\" -> \"C2.1\" [color=\"#1a9850\", penwidth=5.00, tooltip=\"C1.1 supports C2.1, weight 3.0, s 3.0\"];",
                "\"C2.0\" -> \"no\" [color=\"#1a9850\", penwidth=2.00, tooltip=\"C2.0 supports no, weight 1.0, s 1.0\"];",
                "\"C2.1\" -> \"yes\" [color=\"#d73027\", penwidth=2.00, tooltip=\"C2.1 attacks yes, weight -1.0, s 1.0\"];"),
                edgeLines(dot));
        assertFalse(dot.contains("\"a\""), "a has no drawn edge and must not be drawn:\n" + dot);
        assertTrue(dot.startsWith("// illc QBAF: 6 of 8 edges drawn (s >= 2.0 (the 0.8 quantile of s), and 3 more on the"
                + " strongest path to each output; s = |weight|); 1 of 8 arguments hidden for want of a drawn edge\n"), dot);
    }

    @Test
    void topKDrawsTheKStrongestEdgesInsteadOfTheQuantile() throws IOException {
        // Largest |w|: C1.1 -> C2.1 (3), then b -> C1.0 and C1.0 -> C2.0 tie at 2: the earlier edge wins;
        // C1.0 -> C2.0 comes back with the path to "no".
        String dot = render(HandQbaf.global(), new EdgeSelection.TopK(2));

        assertTrue(dot.startsWith("// illc QBAF: 6 of 8 edges drawn (the 2 edges of largest s, and 4 more on the strongest"
                + " path to each output;"), dot);
    }

    @Test
    void perLayerThinningKeepsEdgesInEveryLayerAndWidthsRelativeToTheLayer() throws IOException {
        // Into layer 1 the 0.8 quantile of (1, 2, 0.5) is 1.6: b -> C1.0 only; into layer 2 of (2, 1, 3)
        // it is 2.6: C1.1 -> C2.1; into the outputs both edges (1, 1).
        String dot = render(HandQbaf.global(), new Thinning(new EdgeSelection.Quantile(0.8), true), RenderContext.NONE);

        assertTrue(dot.startsWith("// illc QBAF: 6 of 8 edges drawn (s >= the 0.8 quantile of s into each layer, and 2 more"), dot);
        // The strongest edge into each layer is drawn 5 wide.
        for (String strongest : List.of("\"b\" -> \"C1.0\"", "\"C1.1\" -> \"C2.1\"", "\"C2.0\" -> \"no\"")) {
            assertTrue(dot.contains(strongest + " [color=\"#d73027\", penwidth=5.00") || dot.contains(strongest
                    + " [color=\"#1a9850\", penwidth=5.00"), strongest + "\n" + dot);
        }
    }

    @Test
    void ranksInputEdgesByWeightTimesTheFeaturesStandardDeviation() throws IOException {
        // σ(a) = 10, σ(b) = 0.1: a -> C1.0 gets s = 10, b -> C1.0 s = 0.2, b -> C1.1 s = 0.05.
        RenderContext context = RenderContext.NONE.withDocuments(Map.of(RenderContext.FEATURES,
                "{\"std\": {\"a\": 10, \"b\": 0.1}}"));
        String dot = render(HandQbaf.global(), new Thinning(new EdgeSelection.TopK(1), true), context);

        assertTrue(dot.contains("\"a\" -> \"C1.0\" [color=\"#1a9850\", penwidth=5.00, tooltip=\"a supports C1.0, weight 1.0, s 10.0\"]"), dot);
        assertTrue(dot.contains("s = |weight × σ| (input edges), |weight| (others)"), dot);
    }

    @Test
    void showsClassLabelsForOutputsAndInTheTitle() throws IOException {
        RenderContext context = new RenderContext(null, Map.of(), List.of("no", "yes"),
                Map.of("no", "benign", "yes", "malignant"), Map.of());
        String dot = render(HandQbaf.local(), new Thinning(new EdgeSelection.Quantile(0), true), context);

        assertTrue(dot.contains("  label=\"row 7: predicted benign, true label malignant\";\n"), dot);
        assertTrue(dot.contains("\"no\" [label=\"benign\\nP = 0.9241\""), dot);
    }

    @Test
    void laysOutOneRankPerLayerFromLeftToRight() throws IOException {
        String dot = render(HandQbaf.global(), new EdgeSelection.Quantile(0));

        assertTrue(dot.contains("digraph qbaf {\n  rankdir=LR;\n"), dot);
        int previous = -1;
        for (int layer = 0; layer <= 3; layer++) {
            int at = dot.indexOf("  subgraph layer_" + layer + " {\n    rank=same;\n");
            assertTrue(at > previous, "layer " + layer + " must follow layer " + (layer - 1) + ":\n" + dot);
            previous = at;
        }
        assertEquals(8, edgeLines(dot).size());
        assertTrue(dot.contains("    \"C1.0\" [label=\"C1.0 (2 neurons)\", fillcolor=\"#f0f0f0\", tooltip="
                + "\"cluster-neuron of layer 1, original neurons 0, 2\\nbias = 0.5\\nbase score = 0.5\"];\n"), dot);
    }

    @Test
    void showsStrengthsAndThePredictedProbabilityOfALocalExplanation() throws IOException {
        String dot = render(HandQbaf.local(), new EdgeSelection.Quantile(0));

        assertTrue(dot.contains("  label=\"row 7: predicted no, true label yes\";\n"), dot);
        assertTrue(dot.contains("\"a\" [label=\"a\\ns = 2\""), dot);
        assertTrue(dot.contains("\"C1.0\" [label=\"C1.0 (2 neurons)\\ns = 1.5\""), dot);
        // softmax(3, 0.5) = (0.92414..., 0.07586...); the predicted class gets a double border.
        assertTrue(dot.contains("\"no\" [label=\"no\\nP = 0.9241\", fillcolor=\"#fee8c8\", tooltip=\"output (class no)\\nbias = 0.0"
                + "\\nstrength = " + HandQbaf.STRENGTHS[6] + "\", peripheries=2];"), dot);
        String yes = dot.lines().filter(l -> l.startsWith("    \"yes\" [")).findFirst().orElseThrow();
        assertTrue(yes.startsWith("    \"yes\" [label=\"yes\\nP = 0.07586\""), yes);
        assertFalse(yes.contains("peripheries"), yes);
    }

    @Test
    void escapesQuotesBackslashesAndLineBreaksInIdsAndLabels() throws IOException {
        String odd = "size \"big\" \\ small\nnew line";
        Qbaf qbaf = new Qbaf(List.of(
                new Argument(odd, 0, Argument.Kind.INPUT, odd, List.of(), null, null, null),
                new Argument("out", 1, Argument.Kind.OUTPUT, "out", List.of(), 0.0, 0.0, null)),
                List.of(new Edge(odd, "out", 1)), List.of(Activation.LINEAR), null);

        String dot = render(qbaf, new EdgeSelection.Quantile(0));

        assertTrue(dot.contains("\"size \\\"big\\\" \\\\ small\\nnew line\" -> \"out\""), dot);
        assertEquals("\"a\\\\b\\\"c\\nd\\ne\"", DotRenderer.quote("a\\b\"c\r\nd\re"));
    }

    @Test
    void formatsNumbersWithFourSignificantDigits() {
        assertEquals("2", DotRenderer.brief(2.0));
        assertEquals("0.9241", DotRenderer.brief(0.924141819978757));
        assertEquals("1001", DotRenderer.brief(1001));
        assertEquals("-0.0001235", DotRenderer.brief(-0.00012345678));
        assertEquals("1.235E+7", DotRenderer.brief(12345678));
        assertEquals("0", DotRenderer.brief(-0.0));
    }

    @Test
    void rendersTheSameBytesEveryTimeAndLeavesTheStreamOpen() throws IOException {
        DotRenderer renderer = new DotRenderer(new Thinning(new EdgeSelection.Quantile(0.5), true));
        CloseTrackingStream first = new CloseTrackingStream();
        renderer.render(HandQbaf.local(), first);
        CloseTrackingStream second = new CloseTrackingStream();
        renderer.render(HandQbaf.local(), second);

        assertArrayEquals(first.toByteArray(), second.toByteArray());
        assertFalse(first.closed);
        assertEquals("dot", renderer.fileExtension());
    }

    @Test
    void graphvizRendersEveryVariantWithoutErrorsOrWarnings(@TempDir Path dir) throws Exception {
        GraphvizDot.assumeInstalled();
        List<Qbaf> qbafs = List.of(HandQbaf.global(), HandQbaf.local(), HandQbaf.sigmoidOutput(), randomQbaf(new Random(3)),
                new Qbaf(List.of(), List.of(), List.of(Activation.SOFTMAX), null));
        List<EdgeSelection> selections = List.of(new EdgeSelection.Quantile(0.8), new EdgeSelection.Quantile(0),
                new EdgeSelection.TopK(1));
        int n = 0;
        for (Qbaf qbaf : qbafs) {
            for (EdgeSelection selection : selections) {
                Path file = dir.resolve("qbaf" + n++ + ".dot");
                Files.writeString(file, render(qbaf, selection), StandardCharsets.UTF_8);
                GraphvizDot.renderSvg(file);
            }
        }
        Path odd = dir.resolve("odd.dot");
        Files.writeString(odd, render(new Qbaf(List.of(
                new Argument("x \"1\" \\", 0, Argument.Kind.INPUT, "x \"1\" \\", List.of(), null, null, 3.0),
                new Argument("ü", 1, Argument.Kind.OUTPUT, "ü\nline", List.of(), 0.0, 0.5, 0.9)),
                List.of(new Edge("x \"1\" \\", "ü", -1)), List.of(Activation.SIGMOID),
                new LocalContext(0, List.of(3.0), "ü", null)), new EdgeSelection.Quantile(0)), StandardCharsets.UTF_8);
        GraphvizDot.renderSvg(odd);
    }

    /** A QBAF of a random 5 → 4 → 3 network with about a third of the weights zero (no edge). */
    static Qbaf randomQbaf(Random random) {
        int[] widths = {5, 4, 3};
        List<Argument> arguments = new ArrayList<>();
        List<List<String>> ids = new ArrayList<>();
        for (int layer = 0; layer < widths.length; layer++) {
            List<String> layerIds = new ArrayList<>();
            for (int i = 0; i < widths[layer]; i++) {
                Argument.Kind kind = layer == 0 ? Argument.Kind.INPUT
                        : layer == widths.length - 1 ? Argument.Kind.OUTPUT : Argument.Kind.CLUSTER;
                String id = kind == Argument.Kind.CLUSTER ? "C" + layer + "." + i : (kind == Argument.Kind.INPUT ? "f" : "class ") + i;
                Double bias = layer == 0 ? null : random.nextGaussian();
                Double base = kind == Argument.Kind.CLUSTER ? Math.max(0, bias) : null;
                arguments.add(new Argument(id, layer, kind, id, kind == Argument.Kind.CLUSTER ? List.of(2 * i, 2 * i + 1) : List.of(),
                        bias, base, random.nextDouble()));
                layerIds.add(id);
            }
            ids.add(layerIds);
        }
        List<Edge> edges = new ArrayList<>();
        for (int layer = 1; layer < widths.length; layer++) {
            for (String target : ids.get(layer)) {
                for (String source : ids.get(layer - 1)) {
                    if (random.nextInt(3) != 0) {
                        edges.add(new Edge(source, target, random.nextGaussian()));
                    }
                }
            }
        }
        return new Qbaf(arguments, edges, List.of(Activation.RELU, Activation.SOFTMAX), new LocalContext(4, random.doubles(5).boxed().toList(),
                "class 1", "class 2"));
    }

    /** Records whether the renderer closed the stream it was given. */
    static final class CloseTrackingStream extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
