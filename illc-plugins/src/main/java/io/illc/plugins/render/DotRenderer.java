package io.illc.plugins.render;

import com.fasterxml.jackson.core.io.NumberOutput;
import io.illc.api.Activation;
import io.illc.api.Argument;
import io.illc.api.Edge;
import io.illc.api.ExplanationRenderer;
import io.illc.api.LocalContext;
import io.illc.api.Qbaf;
import io.illc.api.RenderContext;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Draws a QBAF as a Graphviz {@code digraph}: one column per layer (inputs left, outputs right),
 * supports green and attacks red, pen width {@code 0.5 + 4.5·s / max s}, s the unit-free
 * {@link EdgeStrength}, the maximum over the drawn edges into the same layer (per layer) or over all
 * drawn edges. Only the edges the {@link Thinning} keeps are drawn, and arguments left without a
 * drawn edge are hidden. Node labels show the argument's label (for an output, the class label of
 * the render context when it has one) and, when known, its strength (for outputs of a softmax or
 * sigmoid network: the predicted probability); tooltips show members, bias and base score, and an
 * edge's weight and s.
 *
 * <p>The output is a pure function of the QBAF: nodes in argument order, edges in edge order,
 * numbers formatted locale-independently. Immutable and thread-safe.
 */
final class DotRenderer implements ExplanationRenderer {
    private static final String SUPPORT_COLOR = "#1a9850";
    private static final String ATTACK_COLOR = "#d73027";
    private static final double MIN_PEN = 0.5;
    private static final double PEN_RANGE = 4.5;

    private final Thinning thinning;

    DotRenderer(Thinning thinning) {
        this.thinning = Objects.requireNonNull(thinning, "thinning");
    }

    @Override
    public String fileExtension() {
        return "dot";
    }

    @Override
    public void render(Qbaf qbaf, OutputStream out) throws IOException {
        render(qbaf, RenderContext.NONE, out);
    }

    /** The picture with the context's class labels, and edges ranked by σ from its features.json. */
    @Override
    public void render(Qbaf qbaf, RenderContext context, OutputStream out) throws IOException {
        out.write(toDot(qbaf, context).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    String toDot(Qbaf qbaf) {
        return toDot(qbaf, RenderContext.NONE);
    }

    String toDot(Qbaf qbaf, RenderContext context) {
        EdgeStrength strength = EdgeStrength.of(qbaf, context);
        Thinning.Drawn drawn = thinning.apply(qbaf, strength);
        Map<String, Integer> layerOf = new HashMap<>();
        Map<Edge, Double> strengthOf = new IdentityHashMap<>();
        for (Argument a : qbaf.arguments()) {
            layerOf.put(a.id(), a.layer());
        }
        for (int i = 0; i < qbaf.edges().size(); i++) {
            strengthOf.put(qbaf.edges().get(i), strength.get(i));
        }
        Set<String> shown = new HashSet<>();
        // The largest s per target layer (per layer) or over all drawn edges (key 0).
        Map<Integer, Double> maxStrength = new HashMap<>();
        for (Edge e : drawn.edges()) {
            shown.add(e.source());
            shown.add(e.target());
            maxStrength.merge(widthGroup(e, layerOf), strengthOf.get(e), Math::max);
        }
        List<Argument> visible = qbaf.arguments().stream().filter(a -> shown.contains(a.id())).toList();
        Map<String, String> classLabels = context.classLabels();

        StringBuilder dot = new StringBuilder();
        dot.append("// illc QBAF: ").append(drawn.edges().size()).append(" of ").append(qbaf.edges().size())
                .append(" edges drawn (").append(drawn.rule()).append(", and ").append(drawn.pathEdges())
                .append(" more on the strongest path to each output; s = ").append(strength.measure()).append("); ")
                .append(qbaf.arguments().size() - visible.size()).append(" of ").append(qbaf.arguments().size())
                .append(" arguments hidden for want of a drawn edge\n");
        dot.append("digraph qbaf {\n");
        dot.append("  rankdir=LR;\n");
        dot.append("  ranksep=1.2;\n");
        dot.append("  node [shape=box, style=\"rounded,filled\"];\n");
        dot.append("  edge [arrowsize=0.7];\n");
        if (qbaf.local() != null) {
            dot.append("  labelloc=t;\n");
            dot.append("  label=").append(quote(title(qbaf.local(), classLabels))).append(";\n");
        }
        int layer = -1;
        for (Argument a : visible) {
            if (a.layer() != layer) {
                if (layer >= 0) {
                    dot.append("  }\n");
                }
                layer = a.layer();
                dot.append("  subgraph layer_").append(layer).append(" {\n");
                dot.append("    rank=same;\n");
            }
            dot.append("    ").append(node(a, qbaf, classLabels)).append('\n');
        }
        if (layer >= 0) {
            dot.append("  }\n");
        }
        for (Edge e : drawn.edges()) {
            boolean support = e.relation() == Edge.Relation.SUPPORT;
            double max = maxStrength.get(widthGroup(e, layerOf));
            double s = strengthOf.get(e);
            dot.append("  ").append(quote(e.source())).append(" -> ").append(quote(e.target()))
                    .append(" [color=\"").append(support ? SUPPORT_COLOR : ATTACK_COLOR).append('"')
                    .append(", penwidth=").append(String.format(Locale.ROOT, "%.2f",
                            MIN_PEN + PEN_RANGE * (max > 0 ? s / max : 0)))
                    .append(", tooltip=").append(quote(e.source() + (support ? " supports " : " attacks ")
                            + e.target() + ", weight " + exact(e.weight()) + ", s " + exact(s)))
                    .append("];\n");
        }
        dot.append("}\n");
        return dot.toString();
    }

    private int widthGroup(Edge e, Map<String, Integer> layerOf) {
        return thinning.perLayer() ? layerOf.get(e.target()) : 0;
    }

    private static String title(LocalContext local, Map<String, String> classLabels) {
        return "row " + local.row() + ": predicted " + classLabels.getOrDefault(local.prediction(), local.prediction())
                + (local.trueLabel() == null ? "" : ", true label " + classLabels.getOrDefault(local.trueLabel(), local.trueLabel()));
    }

    private static String node(Argument a, Qbaf qbaf, Map<String, String> classLabels) {
        String name = a.kind() == Argument.Kind.OUTPUT ? classLabels.getOrDefault(a.id(), a.label()) : a.label();
        StringBuilder label = new StringBuilder(name);
        if (a.strength() != null) {
            label.append('\n').append(strengthName(a, qbaf.outputActivation())).append(" = ").append(brief(a.strength()));
        }
        String fill = switch (a.kind()) {
            case INPUT -> "#deebf7";
            case CLUSTER -> "#f0f0f0";
            case OUTPUT -> "#fee8c8";
        };
        StringBuilder attributes = new StringBuilder();
        attributes.append("label=").append(quote(label.toString()))
                .append(", fillcolor=\"").append(fill).append('"')
                .append(", tooltip=").append(quote(tooltip(a)));
        if (qbaf.local() != null && a.kind() == Argument.Kind.OUTPUT && a.id().equals(qbaf.local().prediction())) {
            // The predicted class gets a double border so the answer stands out.
            attributes.append(", peripheries=2");
        }
        return quote(a.id()) + " [" + attributes + "];";
    }

    /** "P" for the outputs of a probabilistic output layer, "s" (strength) otherwise. */
    private static String strengthName(Argument a, Activation outputActivation) {
        boolean probability = outputActivation == Activation.SOFTMAX || outputActivation == Activation.SIGMOID;
        return a.kind() == Argument.Kind.OUTPUT && probability ? "P" : "s";
    }

    private static String tooltip(Argument a) {
        StringBuilder t = new StringBuilder();
        switch (a.kind()) {
            case INPUT -> t.append("input feature ").append(a.id());
            case CLUSTER -> t.append("cluster-neuron of layer ").append(a.layer()).append(", original neurons ")
                    .append(a.members().stream().map(String::valueOf).collect(Collectors.joining(", ")));
            case OUTPUT -> t.append("output (class ").append(a.id()).append(')');
        }
        if (a.bias() != null) {
            t.append("\nbias = ").append(exact(a.bias()));
        }
        if (a.baseScore() != null) {
            t.append("\nbase score = ").append(exact(a.baseScore()));
        }
        if (a.strength() != null) {
            t.append("\nstrength = ").append(exact(a.strength()));
        }
        return t.toString();
    }

    /**
     * The shortest decimal that reads back to {@code v} (Jackson's Schubfach writer, as in the JSON
     * document): unlike {@code Double.toString}, the same on every JDK.
     */
    static String exact(double v) {
        return NumberOutput.toString(v, true);
    }

    /** Four significant digits, no exponent for everyday magnitudes, no locale. */
    static String brief(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
        double magnitude = Math.abs(v);
        return magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e6) ? rounded.toPlainString() : rounded.toString();
    }

    /**
     * A DOT double-quoted string: backslashes and quotes escaped, line breaks as DOT's centred
     * line break {@code \n}, so no user text can end the string or inject an escape sequence.
     */
    static String quote(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> q.append("\\\\");
                case '"' -> q.append("\\\"");
                case '\n' -> q.append("\\n");
                case '\r' -> {
                    if (i + 1 >= s.length() || s.charAt(i + 1) != '\n') {
                        q.append("\\n");
                    }
                }
                default -> q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
