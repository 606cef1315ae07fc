package io.illc.cli;

import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import io.illc.core.model.WeightsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Results never depend on the thread count: 1, 2 and 7 threads write byte-identical files (provenance aside). */
class ThreadsTest {
    @TempDir
    Path tmp;

    @Test
    void localExplanationsOnOneTwoAndSevenThreadsGiveByteIdenticalOutputs() throws Exception {
        assertSameOnOneTwoAndSevenThreads("{\"instances\": [0, 3, 17, 40, 41, 99, 568, 5, 6]}");
    }

    @Test
    void aSampledNeighbourhoodOnOneTwoAndSevenThreadsGivesByteIdenticalOutputs() throws Exception {
        Map<String, byte[]> one = assertSameOnOneTwoAndSevenThreads(
                "{\"instances\": [0, 3, 17, 40, 41, 99, 568, 5, 6], \"neighbourhood\": {\"sample\": 60}}");
        String provenance = new String(one.get("provenance.json"));
        assertTrue(provenance.contains("\"kind\" : \"sample\""), provenance);
        assertTrue(new String(one.get("spec.json")).contains("\"sample\": 60"));
    }

    @Test
    void perturbedNeighbourhoodsWithTheLimeBaselineOnOneTwoAndSevenThreadsGiveByteIdenticalOutputs() throws Exception {
        Map<String, byte[]> one = assertSameOnOneTwoAndSevenThreads("{\"instances\": [0, 3, 17, 568, 5],"
                + " \"neighbourhood\": {\"perturb\": {\"samples\": 80, \"scale\": 0.5}}, \"baseline\": \"lime\"}");
        String provenance = new String(one.get("provenance.json"));
        assertTrue(provenance.contains("\"kind\" : \"perturb\""), provenance);
        String summary = new String(one.get("local/summary.csv"));
        assertTrue(summary.startsWith("row,") && summary.lines().findFirst().orElseThrow()
                .endsWith(",effective-size,lime-io-unfaithfulness"), summary);
    }

    /**
     * A model large enough for every part that divides among threads: a weights JSON file of more
     * than 4 MiB (read layer by layer), layers wider than a block of the forward pass and a tile of the
     * ILLC loop's Gram matrices, and a holdout (the metrics on both parts, measured at the same time).
     */
    @Test
    void aLargeModelWithAHoldoutOnOneTwoAndSevenThreadsGivesByteIdenticalOutputs() throws Exception {
        Random random = new Random(11);
        int[] widths = {30, 300, 300, 300, 300, 2};
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 1; l < widths.length; l++) {
            double[][] w = new double[widths[l]][widths[l - 1]];
            for (double[] row : w) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = random.nextGaussian() / Math.sqrt(widths[l - 1] * (l == 1 ? 400.0 : 1.0));
                }
            }
            layers.add(new DenseLayer(Matrix.of(w), Vector.of(random.doubles(widths[l], -0.1, 0.1).toArray()),
                    l == widths.length - 1 ? Activation.SOFTMAX : Activation.RELU));
        }
        Path model = tmp.resolve("large.json");
        Files.writeString(model, WeightsJson.toJson(new Mlp(layers, Mlp.names("x", 30), Mlp.names("y", 2)), false, false));
        assertTrue(Files.size(model) > (4 << 20), "read layer by layer: " + Files.size(model));
        String spec = Cli.specFile(tmp, "large-spec.json", "{\"specVersion\": 1, \"seed\": 0, \"data\": {\"builtin\": \"breast-cancer\"},"
                + " \"model\": {\"load\": \"large.json\"}, \"compression\": {\"method\": \"illc\", \"shrink\": 0.8,"
                + " \"clustering\": {\"name\": \"agglomerative\"}, \"rows\": {\"holdout\": 0.2}}, \"renderers\": [{\"name\": \"json\"}]}");
        Map<String, byte[]> one = assertSameOnOneTwoAndSevenThreadsFor(spec);
        assertTrue(new String(one.get("metrics.json")).contains("(in-sample)"));
    }

    /** Runs the golden spec with this {@code local} section on 1, 2 and 7 threads; returns the one-thread files. */
    private Map<String, byte[]> assertSameOnOneTwoAndSevenThreads(String local) throws Exception {
        String spec = Cli.specFile(tmp, "local.json", Cli.goldenSpec().replace("\"clustering\": {\"name\": \"agglomerative\"}}",
                "\"clustering\": {\"name\": \"agglomerative\"}}, \"local\": " + local));
        Map<String, byte[]> one = assertSameOnOneTwoAndSevenThreadsFor(spec);
        assertTrue(one.containsKey("local/568/metrics.json"), one.keySet()::toString);
        return one;
    }

    /** Runs {@code spec} on 1, 2 and 7 threads and compares every file but the provenance; returns the one-thread files. */
    private Map<String, byte[]> assertSameOnOneTwoAndSevenThreadsFor(String spec) throws Exception {
        Map<String, byte[]> one = run(spec, 1);
        for (int threads : new int[]{2, 7}) {
            Map<String, byte[]> other = run(spec, threads);
            assertEquals(one.keySet(), other.keySet());
            for (String file : one.keySet()) {
                if (!file.equals("provenance.json")) {
                    assertArrayEquals(one.get(file), other.get(file), file + " with " + threads + " threads");
                }
            }
            assertTrue(new String(other.get("provenance.json")).contains("\"threads\" : " + threads));
        }
        return one;
    }

    @Test
    void aThreadCountBelowOneIsBadInputNamingTheOption() throws Exception {
        String spec = Cli.specFile(tmp, "g.json", Cli.goldenSpec());
        Cli.Outcome r = Cli.illc("run", spec, "--threads", "0", "--out", tmp.resolve("x").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("illc: --threads: 0; must be at least 1"), r.errLines());
    }

    private Map<String, byte[]> run(String spec, int threads) throws IOException {
        Path out = tmp.resolve("t" + threads);
        Cli.Outcome r = Cli.illc("run", "--quiet", spec, "--out", out.toString(), "--threads", Integer.toString(threads));
        assertEquals(0, r.code(), r.err());
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(out)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                files.put(out.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return files;
    }
}
