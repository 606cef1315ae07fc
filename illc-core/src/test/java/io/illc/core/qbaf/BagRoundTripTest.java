package io.illc.core.qbaf;

import io.illc.api.Activation;
import io.illc.api.Argument;
import io.illc.api.Edge;
import io.illc.api.ExplanationRenderer;
import io.illc.api.ExplanationRendererFactory;
import io.illc.api.Mlp;
import io.illc.api.Parameters;
import io.illc.api.Qbaf;
import io.illc.api.RenderContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code bag} renderer's file, read back the way Uncertainpy's {@code BAG} parser reads it
 * (keyword = the text before the first {@code (}; fields = the text up to the first {@code )},
 * spaces dropped, split at commas; unknown keywords skipped) and evaluated with the MLP-based
 * semantics, gives the QBAF's strengths.
 */
class BagRoundTripTest {
    private static final double TOLERANCE = 1e-12;

    @Test
    void aHandWrittenQbafIsWrittenAsTheseFacts() throws IOException {
        Qbaf qbaf = QbafEvaluatorTest.handQbaf();

        String text = render(qbaf);

        assertEquals("""
                activation(1, tanh).
                activation(2, sigmoid).
                arg(x, 0.0).
                arg(y, 0.0).
                arg(C1.0, 0.46211715726000974).
                arg(out, 0.2689414213699951).
                neuron(C1.0, 1, 0.5).
                neuron(out, 2, -1.0).
                sup(C1.0, out, 2.0).
                att(y, C1.0, 1.0).
                sup(x, C1.0, 0.25).
                """, text);
    }

    @Test
    void readingTheBagBackReproducesTheStrengthsOfRandomLocalQbafs() throws IOException {
        Random random = new Random(18);
        List<Activation> hidden = List.of(Activation.RELU, Activation.TANH, Activation.leakyRelu(0.2), Activation.elu(0.5),
                Activation.GELU);
        for (int trial = 0; trial < 30; trial++) {
            Activation phi = hidden.get(trial % hidden.size());
            Activation output = trial % 2 == 0 ? Activation.SOFTMAX : Activation.SIGMOID;
            Mlp mlp = RandomQbafs.network(random, 1 + random.nextInt(5), new int[] {1 + random.nextInt(4), 1 + random.nextInt(3)},
                    output == Activation.SOFTMAX ? 3 : 1, phi, output);
            double[] row = random.doubles(mlp.inputCount(), -3, 3).toArray();
            Qbaf qbaf = RandomQbafs.local(mlp, row);

            Read read = read(render(qbaf));

            double[] back = new QbafEvaluator(read.qbaf).strengths(read.inputBases);
            for (int i = 0; i < back.length; i++) {
                Argument a = qbaf.arguments().get(i);
                assertEquals(a.id(), read.qbaf.arguments().get(i).id());
                assertEquals(a.strength(), back[i], TOLERANCE, a.id());
            }
            assertEquals(qbaf.edges(), read.qbaf.edges());
        }
    }

    @Test
    void aSoftmaxOutputIsWrittenWithTheLogisticOfItsBiasAsBase() throws IOException {
        Mlp mlp = RandomQbafs.network(new Random(1), 2, new int[] {2}, 2, Activation.RELU, Activation.SOFTMAX);
        Qbaf qbaf = RandomQbafs.global(mlp);
        Argument out = qbaf.arguments().get(qbaf.arguments().size() - 1);

        String line = render(qbaf).lines().filter(l -> l.startsWith("arg(" + out.id() + ",")).findFirst().orElseThrow();

        assertEquals("arg(" + out.id() + ", " + 1 / (1 + Math.exp(-out.bias())) + ").", line);
    }

    @Test
    void refusesAnArgumentNameUncertainpyCouldNotRead() {
        Qbaf hand = QbafEvaluatorTest.handQbaf();
        List<Argument> renamed = new ArrayList<>(hand.arguments());
        renamed.set(0, QbafEvaluatorTest.input("mean radius"));
        List<Edge> edges = hand.edges().stream()
                .map(e -> e.source().equals("x") ? new Edge("mean radius", e.target(), e.weight()) : e).toList();
        Qbaf bad = new Qbaf(renamed, edges, hand.activations(), null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> render(bad));

        assertTrue(e.getMessage().contains("'mean radius'"), e.getMessage());
    }

    private static String render(Qbaf qbaf) throws IOException {
        ExplanationRendererFactory bag = ServiceLoader.load(ExplanationRendererFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.name().equals("bag")).findFirst().orElseThrow();
        ExplanationRenderer renderer = bag.create(Parameters.empty());
        assertEquals("bag", renderer.fileExtension());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.render(qbaf, RenderContext.NONE, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A QBAF read from a .bag file, and the bases of its input arguments (the row). */
    private record Read(Qbaf qbaf, double[] inputBases) {
    }

    private static Read read(String text) {
        Map<Integer, Activation> activations = new HashMap<>();
        Map<String, Double> bases = new LinkedHashMap<>();
        Map<String, double[]> neurons = new HashMap<>();
        List<Edge> edges = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String keyword = line.split("\\(", -1)[0];
            if (keyword.isBlank()) {
                continue;
            }
            Matcher m = Pattern.compile(Pattern.quote(keyword) + "\\((.*?)\\)").matcher(line);
            assertTrue(m.find(), line);
            String[] f = m.group(1).replace(" ", "").split(",", -1);
            switch (keyword) {
                case "arg" -> bases.put(f[0], Double.parseDouble(f[1]));
                case "att" -> edges.add(new Edge(f[0], f[1], -Double.parseDouble(f[2])));
                case "sup" -> edges.add(new Edge(f[0], f[1], Double.parseDouble(f[2])));
                case "neuron" -> neurons.put(f[0], new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
                case "activation" -> {
                    Activation a = Activation.fromName(f[1]);
                    activations.put(Integer.parseInt(f[0]), f.length > 2 ? Activation.of(a.kind(), Double.parseDouble(f[2])) : a);
                }
                default -> throw new AssertionError("unexpected fact " + line);
            }
        }
        List<Activation> phis = new ArrayList<>();
        for (int l = 1; l <= activations.size(); l++) {
            phis.add(activations.get(l));
        }
        List<Argument> arguments = new ArrayList<>();
        List<Double> row = new ArrayList<>();
        bases.forEach((name, base) -> {
            double[] neuron = neurons.get(name);
            if (neuron == null) {
                arguments.add(QbafEvaluatorTest.input(name));
                row.add(base);
                return;
            }
            int layer = (int) neuron[0];
            Activation phi = phis.get(layer - 1);
            arguments.add(layer == phis.size() ? QbafEvaluatorTest.output(name, layer, neuron[1], phi)
                    : QbafEvaluatorTest.cluster(name, layer, neuron[1], phi));
            if (phi.isElementWise()) {
                assertEquals(phi.apply(neuron[1]), base, 0.0, "the base of " + name + " is φ(bias)");
            }
        });
        return new Read(new Qbaf(arguments, edges, phis, null), row.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
