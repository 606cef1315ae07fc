package io.illc.cli;

import io.illc.core.io.AtomicFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.IntStream;
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
 * <p>Plain JUnit 5, no property-testing library: each property is a {@code @TestFactory} whose
 * case {@code i} is drawn from {@code new SplittableRandom(seed + i)}, so a case depends on its
 * own seed only. The seed defaults to a fixed one per property (20 specs, 21 weights, 22 CSVs)
 * and the number of cases to {@value #DEFAULT_CASES}, so CI sees the same cases every time. A long fuzzing run:
 * {@code -Dillc.fuzz.cases=5000}; other cases: {@code -Dillc.fuzz.seed=N} (the same N for every
 * property). Each test's name shows its seed, index and input; to rerun one failing case, pass
 * {@code -Dillc.fuzz.seed=<its seed> -Dillc.fuzz.cases=1} and select its method with
 * {@code -Dtest=HostileInputProperties#method} (docs/reliability.md). The plugin property runs every
 * combination, whatever the count. After the class, one line per property says how many cases
 * ended in which exit code.
 */
class HostileInputProperties {
    private static final int DEFAULT_CASES = 60;
    private static final int CASES = Integer.getInteger("illc.fuzz.cases", DEFAULT_CASES);
    private static final Long SEED = Long.getLong("illc.fuzz.seed");

    private static final List<String> RESULT_FILES = List.of("spec.json", "model.json", "compressed-model.json",
            "clusters.json", "metrics.json", "provenance.json", "qbaf.json");
    private static final String GOLDEN_MODEL_TEXT = read(Cli.GOLDEN_MODEL);

    /** Property -> exit code -> number of cases; printed once after the class. */
    private static final Map<String, Map<Integer, Integer>> OUTCOMES = new ConcurrentSkipListMap<>();

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void printOutcomes() {
        OUTCOMES.forEach((property, codes) -> {
            StringBuilder line = new StringBuilder("[HostileInputProperties] " + property + ":");
            codes.forEach((code, count) -> line.append(' ').append(count).append(" x exit ").append(code));
            System.out.println(line);
        });
    }

    // ---- cases -----------------------------------------------------------------------------

    /** One generated input and the short text that names it in the test's display name. */
    private record Sample<T>(String label, T value) {
    }

    /** Draws one sample from a random source; the only state is the source it is given. */
    @FunctionalInterface
    private interface Generator<T> {
        Sample<T> next(SplittableRandom random);
    }

    /** Checks the contract for one input. */
    @FunctionalInterface
    private interface Check<T> {
        void run(T input) throws IOException;
    }

    /**
     * {@link #CASES} dynamic tests for one property: case {@code i} draws its input from
     * {@code new SplittableRandom(seed + i)}, where {@code seed} is {@code illc.fuzz.seed} or {@code defaultSeed}.
     */
    private static <T> Stream<DynamicTest> cases(long defaultSeed, Generator<T> generator, Check<T> check) {
        long seed = SEED == null ? defaultSeed : SEED;
        return IntStream.range(0, CASES).mapToObj(i -> {
            Sample<T> sample = generator.next(new SplittableRandom(seed + i));
            String name = "seed " + (seed + i) + " (" + seed + " + " + i + "): " + shortForm(sample.label());
            return named(name, () -> check.run(sample.value()));
        });
    }

    /**
     * A dynamic test whose failure message starts with {@code name}: surefire reports dynamic
     * tests by index ({@code method()[7]}), so the case would otherwise be lost.
     */
    private static DynamicTest named(String name, Executable test) {
        return DynamicTest.dynamicTest(name, () -> {
            try {
                test.execute();
            } catch (AssertionError | Exception e) {
                throw new AssertionError(name + ": " + e.getMessage(), e);
            }
        });
    }

    /** One line of at most 160 characters, so a report stays readable. */
    private static String shortForm(String label) {
        String line = label.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
        return line.length() <= 160 ? line : line.substring(0, 157) + "...";
    }

    /** One of {@code values}, uniformly. */
    @SafeVarargs
    private static <T> T pick(SplittableRandom random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /**
     * An int in {@code [min, max]}; one time in eight each bound, so the edges (an empty file, the
     * last character) are tried in every small run.
     */
    private static int between(SplittableRandom random, int min, int max) {
        int roll = random.nextInt(8);
        return roll == 0 ? min : roll == 1 ? max : random.nextInt(min, max + 1);
    }

    /** A weighted choice between generators: {@code weights[k]} for {@code generators[k]}. */
    private static <T> Generator<T> frequency(int[] weights, List<Generator<T>> generators) {
        int total = IntStream.of(weights).sum();
        return random -> {
            int roll = random.nextInt(total);
            for (int k = 0; ; k++) {
                roll -= weights[k];
                if (roll < 0) {
                    return generators.get(k).next(random);
                }
            }
        };
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
            OUTCOMES.computeIfAbsent(category, c -> new ConcurrentSkipListMap<>()).merge(r.code(), 1, Integer::sum);
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

    @TestFactory
    Stream<DynamicTest> randomSpecsKeepTheContract() {
        return cases(20, specs(), spec -> runAndCheck("specs", spec, false, dir -> { }));
    }

    private static Generator<String> specs() {
        Generator<String> valid = HostileInputProperties::validSpec;
        Generator<String> replaced = random -> {
            Sample<String> spec = valid.next(random);
            String key = pick(random, "\"seed\": ", "\"shrink\": ", "\"method\": ", "\"name\": ", "\"builtin\": ",
                    "\"specVersion\": ", "\"load\": ");
            String value = pick(random, "-1", "0", "1e308", "\"x\"", "null", "[]", "{}", "true", "2147483647", "0.5",
                    "\"NaN\"", "NaN", "-0", "[2147483647]", "\"\"", "\"../../../etc/passwd\"");
            return new Sample<>(spec.label() + ", " + key + value, replaceValue(spec.value(), key, value));
        };
        Generator<String> extraKey = random -> {
            Sample<String> spec = valid.next(random);
            String field = pick(random, "\"seed\": 5", "\"sead\": 1", "\"hidden\": [2147483647]", "\"output\": 3",
                    "\"local\": {\"instances\": [100000]}");
            return new Sample<>(spec.label() + ", extra " + field, spec.value().replaceFirst("\\{", "{" + field + ", "));
        };
        Generator<String> truncated = random -> {
            Sample<String> spec = valid.next(random);
            int at = between(random, 0, 400);
            return new Sample<>(spec.label() + ", cut at " + at, spec.value().substring(0, Math.min(at, spec.value().length())));
        };
        Generator<String> flipped = random -> {
            Sample<String> spec = valid.next(random);
            int at = between(random, 0, 400);
            char c = (char) between(random, ' ', '~');
            int i = Math.min(at, spec.value().length() - 1);
            return new Sample<>(spec.label() + ", char " + i + " -> '" + c + "'",
                    spec.value().substring(0, i) + c + spec.value().substring(i + 1));
        };
        Generator<String> trained = random -> {
            int epochs = between(random, -2, 6);
            String hidden = pick(random, "[2147483647]", "[0]", "[-1]", "[3, 3]", "[]", "[1e9]", "\"4\"");
            return new Sample<>("trained iris, hidden " + hidden + ", epochs " + epochs, """
                    {"specVersion": 1, "seed": 1, "data": {"builtin": "iris"},
                     "model": {"train": {"hidden": %s, "epochs": %d}}, "compression": {"method": "global", "shrink": 0.5}}
                    """.formatted(hidden, epochs));
        };
        return frequency(new int[]{2, 4, 2, 2, 2, 2}, List.of(valid, replaced, extraKey, truncated, flipped, trained));
    }

    /** A valid spec on the golden model: method, shrink (two decimals in [0.05, 1]), clustering and seed at random. */
    private static Sample<String> validSpec(SplittableRandom random) {
        String method = pick(random, "global", "illc", "sparx");
        double shrink = between(random, 5, 100) / 100.0;
        String clustering = pick(random, "agglomerative", "kmeans");
        long seed = between(random, 0, 1000);
        return new Sample<>(method + " " + shrink + " " + clustering + " seed " + seed, """
                {"specVersion": 1, "seed": %d, "data": {"builtin": "breast-cancer"}, "model": {"load": %s},
                 "compression": {"method": "%s", "shrink": %s, "clustering": {"name": "%s"}}}
                """.formatted(seed, quoted(Cli.GOLDEN_MODEL.toString()), method, shrink, clustering));
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

    @TestFactory
    Stream<DynamicTest> randomWeightsFilesKeepTheContract() {
        String spec = """
                {"specVersion": 1, "seed": 0, "data": {"builtin": "breast-cancer"}, "model": {"load": "model.json"},
                 "compression": {"method": "global", "shrink": 0.5}}
                """;
        return cases(21, weights(), model -> runAndCheck("weights", spec, true, dir -> Files.write(dir.resolve("model.json"), model)));
    }

    private static Generator<byte[]> weights() {
        String text = GOLDEN_MODEL_TEXT;
        Generator<String> truncated = random -> {
            int at = between(random, 0, text.length() - 1);
            return new Sample<>("cut at " + at, text.substring(0, at));
        };
        Generator<String> valueReplaced = random -> {
            int at = between(random, 0, text.length() - 1);
            String value = pick(random, "NaN", "Infinity", "1e999", "\"x\"", "null", "[]", "-0", "1e-400", "true");
            return new Sample<>("number at " + at + " -> " + value, replaceNumberAt(text, at, value));
        };
        Generator<String> valueDropped = random -> {
            int at = between(random, 0, text.length() - 1);
            return new Sample<>("number at " + at + " dropped", dropNumberAt(text, at));
        };
        Generator<String> keyDuplicated = random -> random.nextBoolean()
                ? new Sample<>("duplicate key layers", text.replaceFirst("\\{\"layers\"", "{\"layers\": [], \"layers\""))
                : new Sample<>("duplicate key activation",
                        text.replaceFirst("\"activation\"", "\"activation\": \"relu\", \"activation\""));
        Generator<String> renamed = random -> {
            String activation = pick(random, "\"relu\"", "\"sigmoid\"", "\"tanh\"");
            return new Sample<>(activation + " renamed to \"swish\"", text.replaceFirst(activation, "\"swish\""));
        };
        Generator<byte[]> randomBytes = random -> {
            byte[] bytes = new byte[between(random, 0, 200)];
            random.nextBytes(bytes);
            return new Sample<>(bytes.length + " random bytes", bytes);
        };
        return frequency(new int[]{3, 3, 3, 1, 1, 1}, List.of(utf8(truncated), utf8(valueReplaced), utf8(valueDropped),
                utf8(keyDuplicated), utf8(renamed), randomBytes));
    }

    private static Generator<byte[]> utf8(Generator<String> text) {
        return random -> {
            Sample<String> s = text.next(random);
            return new Sample<>(s.label(), s.value().getBytes(StandardCharsets.UTF_8));
        };
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

    @TestFactory
    Stream<DynamicTest> randomCsvFilesKeepTheContract() {
        String spec = """
                {"specVersion": 1, "seed": 0, "data": {"csv": "data.csv", "label": "y"},
                 "model": {"train": {"hidden": [3], "epochs": 2}}, "compression": {"method": "global", "shrink": 0.5}}
                """;
        return cases(22, csvs(), csv -> runAndCheck("csv", spec, true, dir -> Files.writeString(dir.resolve("data.csv"), csv)));
    }

    private static Generator<String> csvs() {
        return random -> {
            int rows = between(random, 1, 12);
            int features = between(random, 1, 4);
            long seed = random.nextLong();
            int traits = 0;
            for (int bit = 0; bit < 8; bit++) {
                // Each trait one time in four: about four files in ten have no broken cell or row,
                // so the well-formed files in unusual formats (BOM, CRLF, quoted header) are tried too.
                traits |= random.nextInt(4) == 0 ? 1 << bit : 0;
            }
            return new Sample<>(rows + " rows x " + features + " features, traits " + traitNames(traits) + ", cell seed " + seed,
                    csv(rows, features, seed, traits));
        };
    }

    /** The hostile traits in {@code traits}, bit by bit as {@link #csv} reads them. */
    private static String traitNames(int traits) {
        String[] names = {"crlf", "quoted-header", "duplicate-header", "quoted-numbers", "bad-cell", "ragged-row",
                "empty-cell+blank-line", "bom"};
        List<String> on = new ArrayList<>();
        for (int bit = 0; bit < names.length; bit++) {
            if ((traits & (1 << bit)) != 0) {
                on.add(names[bit]);
            }
        }
        return on.isEmpty() ? "none" : String.join("+", on);
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

    private static final List<String> BEHAVIOURS = List.of("ok", "throw", "wrong-labels", "too-many-clusters", "allocate", "recurse");
    private static final List<String> AGGREGATIONS = List.of("average", "hostile-nan");

    /** Every behaviour x aggregation x NaN metric (24 cases), whatever {@code illc.fuzz.cases} says: there are no more. */
    @TestFactory
    Stream<DynamicTest> randomPluginBehavioursKeepTheContract() {
        return BEHAVIOURS.stream().flatMap(behaviour -> AGGREGATIONS.stream().flatMap(aggregation -> Stream.of(false, true)
                .map(nanMetric -> named(behaviour + " / " + aggregation + " / nanMetric " + nanMetric,
                        () -> pluginBehaviourKeepsTheContract(behaviour, aggregation, nanMetric)))));
    }

    private static void pluginBehaviourKeepsTheContract(String behaviour, String aggregation, boolean nanMetric) throws IOException {
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
}
