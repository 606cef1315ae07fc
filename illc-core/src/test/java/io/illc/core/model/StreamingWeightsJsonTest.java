package io.illc.core.model;

import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import io.illc.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streaming reader ({@link WeightsJson}) against the tree-based reader it replaced
 * ({@link TreeWeightsJson}): the same weights to the bit, and the same message for every document
 * either rejects.
 */
class StreamingWeightsJsonTest {
    private static final String SOURCE = "m.json";

    @Test
    void readsTheGoldenModelsToTheSameBitsAsTheTreeReader() throws IOException {
        for (String name : List.of("bc_tiny.model.json", "iris_tiny.model.json",
                "iris_tiny.illc.ward.shrink0.5.compressed-model.json")) {
            byte[] json = Files.readAllBytes(WeightsJsonTest.golden(name));
            assertSameBits(TreeWeightsJson.parse(json, name), WeightsJson.parse(json, name));
            assertSameBits(TreeWeightsJson.parse(json, name), WeightsJson.read(WeightsJsonTest.golden(name)));
            assertSameBits(TreeWeightsJson.parse(json, name), WeightsJson.parse(json, name, 4));
        }
    }

    @Test
    void readsARandomModelToTheSameBitsAsTheTreeReader() {
        Mlp mlp = randomModel(new Random(15), 6, 40);
        byte[] json = WeightsJson.toBytes(mlp);
        ModelFile streamed = WeightsJson.parse(json, SOURCE);
        assertSameBits(TreeWeightsJson.parse(json, SOURCE), streamed);
        assertSameBits(new ModelFile(mlp, true, true), streamed);
        for (int threads = 1; threads <= 7; threads += 3) {
            assertSameBits(streamed, WeightsJson.parse(json, SOURCE, threads));
        }
    }

    /** A file large enough to be mapped and read in parallel by {@link WeightsJson#read(Path, int)}. */
    @Test
    void readsALargeFileInParallelToTheSameBitsAsInOnePass(@TempDir Path dir) throws IOException {
        Mlp mlp = randomModel(new Random(16), 6, 260);
        Path file = dir.resolve("large.json");
        Files.write(file, WeightsJson.toBytes(mlp));
        assertTrue(Files.size(file) > (4 << 20), "large enough to be read in parallel: " + Files.size(file));
        ModelFile onePass = WeightsJson.read(file, 1);
        assertSameBits(new ModelFile(mlp, true, true), onePass);
        assertSameBits(onePass, WeightsJson.read(file, 2));
        assertSameBits(onePass, WeightsJson.read(file, 4));
        assertSameBits(onePass, WeightsJson.read(file, 7));
        assertEquals(WeightsJson.shape(file, 1), WeightsJson.shape(file, 4));
        // A damaged large file: the same message on every thread count.
        byte[] damaged = WeightsJson.toBytes(mlp);
        int at = new String(damaged, StandardCharsets.ISO_8859_1).lastIndexOf("\"bias\"");
        damaged[at + 10] = 'x';
        Files.write(file, damaged);
        Object damagedInParallel = outcome(() -> WeightsJson.read(file, 4));
        assertEquals(outcome(() -> WeightsJson.read(file, 1)), damagedInParallel);
        assertEquals(damagedInParallel, outcome(() -> WeightsJson.read(file, 2)));
        assertTrue(damagedInParallel.toString().contains("malformed JSON at line "), damagedInParallel::toString);
    }

    @Test
    void readsNumbersInEveryJsonSpellingToTheSameBitsAsTheTreeReaderAndTheJdk() {
        List<String> literals = List.of("1", "-0", "-0.0", "1E5", "2e-3", "4.9e-324", "1.7976931348623157e308",
                "12345678901234567890123", "-9223372036854775809", "2147483648", "0.1000000000000000055511151231257827",
                "2.2250738585072011e-308", "1e-400", "9007199254740993", "9007199254740993.0", "0.30000000000000004",
                "123456789.123456789e-5", "2.4703282292062328e-324", "1.00000000000000011102230246251565404236316680908203125");
        String json = "{\"layers\": [{\"weights\": [" + literals + "], \"bias\": [3], \"activation\": \"relu\"}]}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ModelFile streamed = WeightsJson.parse(bytes, SOURCE);
        assertSameBits(TreeWeightsJson.parse(bytes, SOURCE), streamed);
        double[] read = streamed.mlp().layers().get(0).weights().row(0);
        for (int i = 0; i < literals.size(); i++) {
            String literal = literals.get(i);
            // Integers are read as integers (so -0 is 0), everything else as Double.parseDouble reads it.
            double expected = literal.matches("-?[0-9]+") ? new java.math.BigInteger(literal).doubleValue()
                    : Double.parseDouble(literal);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(read[i]), literal);
        }
    }

    @Test
    void acceptsTheFieldsOfEveryObjectInAnyOrder() {
        String json = "{\"layers\": [{\"activation\": {\"slope\": 0.3, \"name\": \"leaky-relu\"}, \"bias\": [1, 2],"
                + " \"weights\": [[1, 2], [3, 4]]}, {\"bias\": [0], \"activation\": \"sigmoid\", \"weights\": [[5, 6]]}],"
                + " \"outputs\": [\"y\"], \"meta\": {\"any\": [1, {\"thing\": null}]}, \"version\": 1, \"inputs\": [\"a\", \"b\"],"
                + " \"format\": \"illc-mlp\"}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ModelFile m = WeightsJson.parse(bytes, SOURCE);
        assertSameBits(TreeWeightsJson.parse(bytes, SOURCE), m);
        assertEquals(Activation.of(Activation.Kind.LEAKY_RELU, 0.3), m.mlp().layers().get(0).activation());
        assertEquals(List.of("a", "b"), m.mlp().inputNames());
    }

    /**
     * Thousands of damaged documents (a character dropped, a token inserted or swapped), each
     * read by both readers: both accept it with the same bits, or both reject it in the same words.
     */
    @Test
    void rejectsEveryDamagedDocumentInTheSameWordsAsTheTreeReader() {
        String base = "{\"format\": \"illc-mlp\", \"version\": 1, \"inputs\": [\"a\", \"b\"], \"outputs\": [\"no\", \"yes\"],"
                + " \"meta\": {\"note\": [1.5, true]}, \"layers\": [{\"weights\": [[1.0, -0.5], [0.25, 2]], \"bias\": [0.5, -1],"
                + " \"activation\": {\"name\": \"elu\", \"alpha\": 0.5}}, {\"activation\": \"softmax\", \"bias\": [0, 1e-3],"
                + " \"weights\": [[2.0, 1], [0.1, -3]]}]}";
        String[] snippets = {"NaN", "Infinity", "-Infinity", "1e999", "\"x\"", "[]", "{}", "[[]]", "[1]", "[[1]]", ",", "]",
                "}", "[", "{", ":", "null", "true", "0", "1.5", "\"softmax\"", "\"relu\"", "\"weights\": [[1, 2]],",
                "\"bias\": [1],", "\"activation\": \"linear\",", "\"wieghts\": 1,", "\"meta\": 1,", "\"layers\": [],", "-", "\"\"",
                "\"a\"", "99999999999999999999", "{\"weights\": [[1, 2]], \"bias\": [0], \"activation\": \"relu\"},"};
        Random random = new Random(1515);
        int accepted = 0;
        for (int i = 0; i < 4000; i++) {
            String json = base;
            for (int edits = 1 + random.nextInt(2); edits > 0; edits--) {
                json = mutate(json, random, snippets);
            }
            if (compare(json)) {
                accepted++;
            }
        }
        assertTrue(accepted > 0, "some damaged documents are still valid models");
    }

    /** A file shortened by another program while it is mapped: a clear message, not an internal error. */
    @Test
    void aFileShortenedWhileItIsReadIsReportedAsChanged(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("shrinking.json");
        Files.write(file, WeightsJson.toBytes(randomModel(new Random(17), 4, 200)));
        MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(100);
        }
        InputException e = assertThrows(InputException.class, () -> WeightsJson.readMapped(mapped, file.toString(), 2));
        assertEquals("model file " + file + " changed while it was read: it is shorter than when it was opened;"
                + " read it again once it is complete", e.getMessage());
    }

    @Test
    void theShapeReaderRejectsEveryDamagedDocumentInTheSameWordsAndAgreesOnEveryValidOne(@TempDir Path dir) throws IOException {
        String base = "{\"inputs\": [\"a\", \"b\"], \"layers\": [{\"weights\": [[1.0, -0.5], [0.25, 2e-3], [1E2, 3]],"
                + " \"bias\": [0.5, -1, 0], \"activation\": \"relu\"}, {\"activation\": \"softmax\", \"bias\": [0, 1e-3],"
                + " \"weights\": [[2.0, 1, 0], [0.1, -3, 7]]}]}";
        // Numbers that overflow only through their exponent or their length must be caught without converting the rest.
        String huge = "1" + "0".repeat(320);
        String[] snippets = {"NaN", "1e999", "-1E400", huge, "-" + huge + ".5", "1" + "0".repeat(300), "\"x\"", "[]",
                "[[]]", "[1]", "[[1]]", ",", "]", "}", "[", "null", "true", "0", "\"softmax\"", "\"weights\": [[1, 2]],",
                "\"bias\": [1],", "\"wieghts\": 1,", "\"inputs\": [\"a\"],", "-"};
        Random random = new Random(15);
        Path file = dir.resolve("m.json");
        int accepted = 0;
        for (int i = 0; i < 1500; i++) {
            String json = base;
            for (int edits = 1 + random.nextInt(2); edits > 0; edits--) {
                json = mutate(json, random, snippets);
            }
            Files.writeString(file, json);
            Object read = outcome(() -> WeightsJson.read(file));
            Object shape;
            try {
                shape = WeightsJson.shape(file);
            } catch (RuntimeException e) {
                shape = e.getClass().getName() + ": " + e.getMessage();
            }
            Object parallelShape;
            try {
                parallelShape = WeightsJson.shape(Files.readAllBytes(file), file.toString(), 3);
            } catch (RuntimeException e) {
                parallelShape = e.getClass().getName() + ": " + e.getMessage();
            }
            if (read instanceof ModelFile m) {
                accepted++;
                assertEquals(ModelShape.of(new LoadedModel(m.mlp(), m.namedInputs(), m.namedOutputs(), ModelLoader.WEIGHTS_JSON)),
                        shape, json);
            } else {
                assertEquals(read, shape, json);
            }
            assertEquals(shape, parallelShape, "layers read in parallel");
        }
        assertTrue(accepted > 0, "some damaged documents are still valid models");
    }

    private static String mutate(String json, Random random, String[] snippets) {
        int at = random.nextInt(json.length() + 1);
        return switch (random.nextInt(3)) {
            case 0 -> at < json.length() ? json.substring(0, at) + json.substring(Math.min(json.length(), at + 1 + random.nextInt(3))) : json;
            case 1 -> json.substring(0, at) + snippets[random.nextInt(snippets.length)] + json.substring(at);
            default -> {
                // Swap a token for a snippet: the value after a colon, comma or bracket.
                int start = at;
                while (start < json.length() && ":,[{ ".indexOf(json.charAt(start)) < 0) {
                    start++;
                }
                int end = start + 1;
                while (end < json.length() && ",]}".indexOf(json.charAt(end)) < 0) {
                    end++;
                }
                yield start + 1 >= json.length() ? json
                        : json.substring(0, start + 1) + snippets[random.nextInt(snippets.length)] + json.substring(Math.min(end, json.length()));
            }
        };
    }

    /** Whether both readers accepted {@code json}; fails the test when they disagree. */
    private static boolean compare(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Object tree = outcome(() -> TreeWeightsJson.parse(bytes, SOURCE));
        Object streamed = outcome(() -> WeightsJson.parse(bytes, SOURCE));
        Object parallel = outcome(() -> WeightsJson.parse(bytes, SOURCE, 3));
        if (tree instanceof ModelFile t && streamed instanceof ModelFile s && parallel instanceof ModelFile p) {
            assertSameBits(t, s);
            assertSameBits(t, p);
            return true;
        }
        assertEquals(tree, streamed, () -> "for " + json);
        assertEquals(tree, parallel, () -> "layers read in parallel, for " + json);
        return false;
    }

    /** The model, or the class and message of what was thrown. */
    private static Object outcome(java.util.function.Supplier<ModelFile> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    static void assertSameBits(ModelFile expected, ModelFile actual) {
        assertEquals(expected.namedInputs(), actual.namedInputs());
        assertEquals(expected.namedOutputs(), actual.namedOutputs());
        assertEquals(expected.mlp().inputNames(), actual.mlp().inputNames());
        assertEquals(expected.mlp().outputNames(), actual.mlp().outputNames());
        assertEquals(expected.mlp().layers().size(), actual.mlp().layers().size());
        for (int l = 0; l < expected.mlp().layers().size(); l++) {
            DenseLayer e = expected.mlp().layers().get(l);
            DenseLayer a = actual.mlp().layers().get(l);
            assertEquals(e.activation(), a.activation());
            assertArrayEquals(bits(e.weights().toRowMajor()), bits(a.weights().toRowMajor()), "layer " + l + " weights");
            assertArrayEquals(bits(e.bias().toArray()), bits(a.bias().toArray()), "layer " + l + " bias");
            assertEquals(e.weights().rows(), a.weights().rows());
        }
    }

    private static long[] bits(double[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Double.doubleToRawLongBits(values[i]);
        }
        return out;
    }

    /** A model whose weights span the doubles: tiny, huge, subnormal, negative zero and integers. */
    static Mlp randomModel(Random random, int layers, int width) {
        List<DenseLayer> out = new ArrayList<>();
        int inputs = 7;
        for (int l = 0; l < layers; l++) {
            int outputs = l == layers - 1 ? 3 : width;
            double[][] w = new double[outputs][inputs];
            for (double[] row : w) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = anyDouble(random);
                }
            }
            double[] b = new double[outputs];
            for (int j = 0; j < b.length; j++) {
                b[j] = anyDouble(random);
            }
            out.add(new DenseLayer(Matrix.of(w), Vector.of(b), l == layers - 1 ? Activation.SOFTMAX : Activation.RELU));
            inputs = outputs;
        }
        return new Mlp(out, Mlp.names("x", 7), Mlp.names("y", 3));
    }

    private static double anyDouble(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextGaussian();
            case 1 -> Math.scalb(random.nextDouble() - 0.5, random.nextInt(2000) - 1000);
            case 2 -> Double.longBitsToDouble(random.nextLong() & 0x000fffffffffffffL); // subnormal
            case 3 -> -0.0;
            case 4 -> random.nextInt(2001) - 1000;
            default -> {
                double v = Double.longBitsToDouble(random.nextLong());
                yield Double.isFinite(v) ? v : 1.0;
            }
        };
    }
}
