package io.illc.plugins.render;

import io.illc.api.Activation;
import io.illc.api.Argument;
import io.illc.api.Edge;
import io.illc.api.ExplanationRenderer;
import io.illc.api.Qbaf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a QBAF in the weighted bipolar argumentation format ({@code .bag}) that Uncertainpy's
 * {@code BAG} parser reads, one fact per line ({@code docs/qbaf.md} cites the grammar):
 *
 * <pre>{@code
 * activation(1, relu).
 * activation(2, softmax).
 * arg(x1, 2.0).
 * arg(C1.0, 0.5).
 * arg(yes, 0.6224593312018546).
 * neuron(C1.0, 1, 0.5).
 * neuron(yes, 2, 0.5).
 * sup(x1, C1.0, 1.5).
 * att(C1.0, yes, 0.25).
 * }</pre>
 *
 * <ul>
 *   <li>{@code arg(name, base)} for every argument, in argument order: the base of an input is its
 *       feature value at the explained row (0 in a global QBAF, which has no row); of a cluster-neuron
 *       or an element-wise output its base score β = φ(bias); of a softmax output, which has no base
 *       score, σ(bias) — the base Uncertainpy's MLP-based semantics (a logistic of logit(β) plus the
 *       weighted sum) turns back into that bias.</li>
 *   <li>{@code sup(a, b, w)} for an edge of weight w &gt; 0 and {@code att(a, b, |w|)} for w &lt; 0:
 *       Uncertainpy subtracts an attack's weight, so attacks carry the magnitude.</li>
 *   <li>{@code activation(l, name)} ({@code activation(l, name, parameter)} for leaky-relu and elu)
 *       per layer 1..d+1, and {@code neuron(name, layer, bias)} per non-input argument: what the
 *       MLP-based semantics of this QBAF needs beyond base scores. Uncertainpy's parser skips facts
 *       other than {@code arg}, {@code att} and {@code sup}.</li>
 * </ul>
 *
 * Numbers are Java's round-trip decimal form, so reading the file back gives the same doubles. Names
 * must be readable by Uncertainpy's parser, which takes the text between the first {@code (} and
 * {@code )} of a line, drops spaces and splits at commas: an argument id with a bracket, a comma or
 * white space, or an empty id, is refused before anything is written. UTF-8, {@code \n} line ends.
 * Stateless and thread-safe.
 */
final class BagRenderer implements ExplanationRenderer {
    static final BagRenderer INSTANCE = new BagRenderer();

    private BagRenderer() {
    }

    @Override
    public String fileExtension() {
        return "bag";
    }

    @Override
    public void render(Qbaf qbaf, OutputStream out) throws IOException {
        for (Argument a : qbaf.arguments()) {
            checkName(a.id());
        }
        StringBuilder text = new StringBuilder();
        for (int l = 1; l <= qbaf.activations().size(); l++) {
            Activation phi = qbaf.activation(l);
            text.append("activation(").append(l).append(", ").append(phi.jsonName());
            if (phi.hasParameter()) {
                text.append(", ").append(number(phi.parameter()));
            }
            text.append(").\n");
        }
        for (Argument a : qbaf.arguments()) {
            text.append("arg(").append(a.id()).append(", ").append(number(base(qbaf, a))).append(").\n");
        }
        for (Argument a : qbaf.arguments()) {
            if (a.layer() > 0) {
                text.append("neuron(").append(a.id()).append(", ").append(a.layer()).append(", ")
                        .append(number(a.bias())).append(").\n");
            }
        }
        for (Edge e : qbaf.edges()) {
            text.append(e.weight() > 0 ? "sup(" : "att(").append(e.source()).append(", ").append(e.target())
                    .append(", ").append(number(Math.abs(e.weight()))).append(").\n");
        }
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The base written in {@code arg(name, base)}, see the class comment. */
    private static double base(Qbaf qbaf, Argument a) {
        if (a.layer() == 0) {
            return a.strength() == null ? 0.0 : a.strength();
        }
        if (a.baseScore() != null) {
            return a.baseScore();
        }
        return 1 / (1 + Math.exp(-a.bias()));
    }

    private static String number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("the .bag format cannot hold the number " + v);
        }
        return Double.toString(v);
    }

    private static void checkName(String id) {
        boolean bad = id.isEmpty();
        for (int i = 0; i < id.length() && !bad; i++) {
            char c = id.charAt(i);
            bad = c == '(' || c == ')' || c == ',' || Character.isWhitespace(c);
        }
        if (bad) {
            throw new IllegalArgumentException("argument id '" + id + "' cannot be written to a .bag file: Uncertainpy's"
                    + " parser reads names without brackets, commas or white space; rename the feature column or class");
        }
    }
}
