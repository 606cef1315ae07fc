package io.illc.cli;

import io.illc.core.io.AtomicFiles;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile-input suite: random specs (valid and mutated), random weights files (truncated, cut
 * short by a value, NaN, huge numbers, random bytes), random CSVs (BOM, CRLF, quotes, blank lines,
 * non-numeric cells, duplicate headers, ragged rows) and random plugin behaviours, each run through
 * {@code illc run} in-process. The contract: exit 0 with a complete output folder, or exit 2 with
 * only "illc: ..." lines on stderr (one per problem; exactly one where there can be only one) and
 * no output; never exit 1, never a stack trace, never a staging folder left behind.
 *
 * <p>The number of tries comes from {@code jqwik.tries.default} (src/test/resources/junit-platform.properties,
 * kept small for CI) and the seeds are fixed, so CI sees the same cases every time. A long fuzzing
 * run: {@code mvn -B -o -pl illc-cli -am test -Dtest=HostileInputProperties -Djqwik.tries.default=5000}
 * (docs/reliability.md). Each property prints how many cases ended in which exit code.
 */
class HostileInputProperties {
    private static final List<String> RESULT_FILES = List.of("spec.json", "model.json", "compressed-model.json",
            "clusters.json", "metrics.json", "provenance.json", "qbaf.json");
    private static final String GOLDEN_MODEL_TEXT = read(Cli.GOLDEN_MODEL);

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the contract ----------------------------------------------------------------------

    /** Runs {@code spec} in a fresh folder and checks the contract; returns the exit code. */
    private static int runAndCheck(String category, String specText, boolean oneProblem, FileSetup setup, String... extra)
            throws IOException {
        Path dir = Files.createTempDirectory("illc-fuzz");
        try {
            setup.writeInto(dir);
            Path spec = dir.resolve("spec.json");
            Files.writeString(spec, specText);
            Path out = dir.resolve("out");
            List<String> args = new ArrayList<>(List.of("run", spec.toString(), "--out", out.toString()));
            args.addAll(List.of(extra));
            Cli.Outcome r = Cli.illc(args.toArray(String[]::new));
            Statistics.label(category).collect("exit " + r.code());
            String context = "\nspec: " + specText + "\nstderr: " + r.err();
            assertTrue(r.code() == 0 || r.code() == 2, "exit code " + r.code() + context);
            assertFalse(r.err().contains("\tat "), "a stack trace" + context);
            assertFalse(r.err().contains("internal error"), "an internal error" + context);
            assertFalse(r.err().contains("Exception"), "a Java class name" + context);
            for (String line : r.errLines()) {
                assertTrue(line.startsWith("illc: "), "a line not from illc: " + line + context);
            }
            if (r.code() == 0) {
                for (String f : RESULT_FILES) {
                    assertTrue(Files.isRegularFile(out.resolve(f)), "exit 0 without " + f + context);
                }
            } else {
                assertFalse(Files.exists(out), "exit 2 with an output folder" + context);
                assertFalse(r.errLines().isEmpty(), "exit 2 without a message" + context);
                if (oneProblem) {
                    assertEquals(1, r.errLines().size(), "more than one line" + context);
                }
            }
            try (Stream<Path> left = Files.list(dir)) {
                assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".out")), "a staging folder or lock left" + context);
            }
            return r.code();
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    @FunctionalInterface
    private interface FileSetup {
        void writeInto(Path dir) throws IOException;
    }

    // ---- specs -----------------------------------------------------------------------------

    @Property(seed = "20", shrinking = ShrinkingMode.OFF)
    void randomSpecsKeepTheContract(@ForAll("specs") String spec) throws IOException {
        runAndCheck("specs", spec, false, dir -> { });
    }

    @Provide
    Arbitrary<String> specs() {
        Arbitrary<String> valid = Combinators.combine(
                Arbitraries.of("global", "illc", "sparx"),
                Arbitraries.doubles().between(0.05, 1.0),
                Arbitraries.of("agglomerative", "kmeans"),
                Arbitraries.longs().between(0, 1000)).as((method, shrink, clustering, seed) -> """
                {"specVersion": 1, "seed": %d, "data": {"builtin": "breast-cancer"}, "model": {"load": %s},
                 "compression": {"method": "%s", "shrink": %s, "clustering": {"name": "%s"}}}
                """.formatted(seed, quoted(Cli.GOLDEN_MODEL.toString()), method, shrink, clustering));
        Arbitrary<String> replaced = Combinators.combine(valid,
                Arbitraries.of("\"seed\": ", "\"shrink\": ", "\"method\": ", "\"name\": ", "\"builtin\": ",
                        "\"specVersion\": ", "\"load\": "),
                Arbitraries.of("-1", "0", "1e308", "\"x\"", "null", "[]", "{}", "true", "2147483647", "0.5",
                        "\"NaN\"", "NaN", "-0", "[2147483647]", "\"\"", "\"../../../etc/passwd\""))
                .as((spec, key, value) -> replaceValue(spec, key, value));
        Arbitrary<String> extraKey = Combinators.combine(valid, Arbitraries.of("\"seed\": 5", "\"sead\": 1",
                "\"hidden\": [2147483647]", "\"output\": 3", "\"local\": {\"instances\": [100000]}"))
                .as((spec, field) -> spec.replaceFirst("\\{", "{" + field + ", "));
        Arbitrary<String> truncated = Combinators.combine(valid, Arbitraries.integers().between(0, 400))
                .as((spec, at) -> spec.substring(0, Math.min(at, spec.length())));
        Arbitrary<String> flipped = Combinators.combine(valid, Arbitraries.integers().between(0, 400),
                Arbitraries.chars().range(' ', '~')).as((spec, at, c) -> {
                    int i = Math.min(at, spec.length() - 1);
                    return spec.substring(0, i) + c + spec.substring(i + 1);
                });
        Arbitrary<String> trained = Combinators.combine(Arbitraries.integers().between(-2, 6),
                Arbitraries.of("[2147483647]", "[0]", "[-1]", "[3, 3]", "[]", "[1e9]", "\"4\""))
                .as((epochs, hidden) -> """
                {"specVersion": 1, "seed": 1, "data": {"builtin": "iris"},
                 "model": {"train": {"hidden": %s, "epochs": %d}}, "compression": {"method": "global", "shrink": 0.5}}
                """.formatted(hidden, epochs));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, valid), net.jqwik.api.Tuple.of(4, replaced), net.jqwik.api.Tuple.of(2, extraKey),
                net.jqwik.api.Tuple.of(2, truncated), net.jqwik.api.Tuple.of(2, flipped), net.jqwik.api.Tuple.of(2, trained));
    }

    private static String replaceValue(String spec, String key, String value) {
        int at = spec.indexOf(key);
        if (at < 0) {
            return spec;
        }
        int start = at + key.length();
        int end = start;
        int depth = 0;
        boolean inString = false;
        for (; end < spec.length(); end++) {
            char c = spec.charAt(end);
            if (inString) {
                if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            }
        }
        return spec.substring(0, start) + value + spec.substring(end);
    }

    private static String quoted(String path) {
        return "\"" + path.replace("\\", "\\\\") + "\"";
    }

    // ---- weights files ---------------------------------------------------------------------

    @Property(seed = "21", shrinking = ShrinkingMode.OFF)
    void randomWeightsFilesKeepTheContract(@ForAll("weights") byte[] model) throws IOException {
        String spec = """
                {"specVersion": 1, "seed": 0, "data": {"builtin": "breast-cancer"}, "model": {"load": "model.json"},
                 "compression": {"method": "global", "shrink": 0.5}}
                """;
        runAndCheck("weights", spec, true, dir -> Files.write(dir.resolve("model.json"), model));
    }

    @Provide
    Arbitrary<byte[]> weights() {
        String text = GOLDEN_MODEL_TEXT;
        Arbitrary<Integer> position = Arbitraries.integers().between(0, text.length() - 1);
        Arbitrary<String> truncated = position.map(at -> text.substring(0, at));
        Arbitrary<String> valueReplaced = Combinators.combine(position,
                Arbitraries.of("NaN", "Infinity", "1e999", "\"x\"", "null", "[]", "-0", "1e-400", "true"))
                .as((at, value) -> replaceNumberAt(text, at, value));
        Arbitrary<String> valueDropped = position.map(at -> dropNumberAt(text, at));
        Arbitrary<String> keyDuplicated = Arbitraries.of(text.replaceFirst("\\{\"layers\"", "{\"layers\": [], \"layers\""),
                text.replaceFirst("\"activation\"", "\"activation\": \"relu\", \"activation\""));
        Arbitrary<String> renamed = Arbitraries.of("\"relu\"", "\"sigmoid\"", "\"tanh\"").map(a -> text.replaceFirst(a, "\"swish\""));
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, truncated.map(HostileInputProperties::utf8)),
                net.jqwik.api.Tuple.of(3, valueReplaced.map(HostileInputProperties::utf8)),
                net.jqwik.api.Tuple.of(3, valueDropped.map(HostileInputProperties::utf8)),
                net.jqwik.api.Tuple.of(1, keyDuplicated.map(HostileInputProperties::utf8)),
                net.jqwik.api.Tuple.of(1, renamed.map(HostileInputProperties::utf8)),
                net.jqwik.api.Tuple.of(1, random));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The bounds of the number token at or after {@code at}, or null. */
    private static int[] numberAt(String text, int at) {
        int start = at;
        while (start < text.length() && "-0123456789".indexOf(text.charAt(start)) < 0) {
            start++;
        }
        if (start >= text.length()) {
            return null;
        }
        int end = start;
        while (end < text.length() && "-+.eE0123456789".indexOf(text.charAt(end)) >= 0) {
            end++;
        }
        return new int[]{start, end};
    }

    private static String replaceNumberAt(String text, int at, String value) {
        int[] n = numberAt(text, at);
        return n == null ? text : text.substring(0, n[0]) + value + text.substring(n[1]);
    }

    /** Removes one number and its comma from an array: a shape mismatch. */
    private static String dropNumberAt(String text, int at) {
        int[] n = numberAt(text, at);
        if (n == null) {
            return text;
        }
        int end = n[1];
        if (end + 2 <= text.length() && text.startsWith(", ", end)) {
            end += 2;
        }
        return text.substring(0, n[0]) + text.substring(end);
    }

    // ---- CSV files -------------------------------------------------------------------------

    @Property(seed = "22", shrinking = ShrinkingMode.OFF)
    void randomCsvFilesKeepTheContract(@ForAll("csvs") String csv) throws IOException {
        String spec = """
                {"specVersion": 1, "seed": 0, "data": {"csv": "data.csv", "label": "y"},
                 "model": {"train": {"hidden": [3], "epochs": 2}}, "compression": {"method": "global", "shrink": 0.5}}
                """;
        runAndCheck("csv", spec, true, dir -> Files.writeString(dir.resolve("data.csv"), csv));
    }

    @Provide
    Arbitrary<String> csvs() {
        return Combinators.combine(Arbitraries.integers().between(1, 12), Arbitraries.integers().between(1, 4),
                Arbitraries.longs(), Arbitraries.integers().between(0, 255)).as(HostileInputProperties::csv);
    }

    /** A random table of {@code rows} × {@code features} numbers and a 0/1 label "y", with the hostile traits {@code traits} picks. */
    private static String csv(int rows, int features, long seed, int traits) {
        Random random = new Random(seed);
        String eol = (traits & 1) != 0 ? "\r\n" : "\n";
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>();
        for (int f = 0; f < features; f++) {
            header.add((traits & 2) != 0 && f == 0 ? "\"first, \"\"quoted\"\"\nname\"" : "x" + f);
        }
        if ((traits & 4) != 0 && features > 1) {
            header.set(1, header.get(0));
        }
        header.add("y");
        table.add(header);
        for (int r = 0; r < rows; r++) {
            List<String> row = new ArrayList<>();
            for (int f = 0; f < features; f++) {
                String v = String.valueOf(Math.round(random.nextGaussian() * 1000) / 100.0);
                row.add((traits & 8) != 0 && random.nextInt(4) == 0 ? "\"" + v + "\"" : v);
            }
            row.add(String.valueOf(r % 2));
            table.add(row);
        }
        if ((traits & 16) != 0) {
            table.get(1 + random.nextInt(rows)).set(random.nextInt(features), random.nextBoolean() ? "abc" : "NaN");
        }
        if ((traits & 32) != 0) {
            table.get(1 + random.nextInt(rows)).add("extra");
        }
        if ((traits & 64) != 0) {
            table.get(1 + random.nextInt(rows)).set(random.nextInt(features), "");
        }
        StringBuilder text = new StringBuilder((traits & 128) != 0 ? "\uFEFF" : "");
        for (int i = 0; i < table.size(); i++) {
            text.append(String.join(",", table.get(i))).append(eol);
            if ((traits & 64) != 0 && i == table.size() / 2) {
                text.append(eol); // a blank line between rows
            }
        }
        return text.toString();
    }

    // ---- plugin behaviours -----------------------------------------------------------------

    @Property(seed = "23", shrinking = ShrinkingMode.OFF)
    void randomPluginBehavioursKeepTheContract(@ForAll("behaviours") String behaviour,
                                               @ForAll("aggregations") String aggregation,
                                               @ForAll boolean nanMetric) throws IOException {
        String spec = Cli.goldenSpec().replace("{\"name\": \"agglomerative\"}",
                "{\"name\": \"hostile\", \"params\": {\"behaviour\": \"" + behaviour + "\"}}, \"aggregation\": {\"name\": \""
                        + aggregation + "\"}");
        Path plugins = Files.createTempDirectory("illc-fuzz-plugins");
        try {
            int code = runAndCheck("plugins", spec, true, dir -> { }, "--plugin-path", HostilePlugins.folder(plugins, nanMetric).toString());
            boolean wellBehaved = behaviour.equals("ok") && aggregation.equals("average") && !nanMetric;
            assertEquals(wellBehaved ? 0 : 2, code, behaviour + " / " + aggregation + " / nanMetric " + nanMetric);
        } finally {
            AtomicFiles.deleteTree(plugins);
        }
    }

    @Provide
    Arbitrary<String> behaviours() {
        return Arbitraries.of("ok", "throw", "wrong-labels", "too-many-clusters", "allocate", "recurse");
    }

    @Provide
    Arbitrary<String> aggregations() {
        return Arbitraries.of("average", "hostile-nan");
    }
}
