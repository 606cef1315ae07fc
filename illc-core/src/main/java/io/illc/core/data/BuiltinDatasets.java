package io.illc.core.data;

import io.illc.core.InputException;
import io.illc.core.catalog.Suggestions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The datasets bundled with illc, loaded by name. Each is a CSV resource in this package, copied
 * byte for byte from its source (see {@code docs/datasets.md} and {@code NOTICE} for sources and
 * the CC BY 4.0 licence); its label is the last column.
 *
 * <ul>
 *   <li>{@code breast-cancer}: Breast Cancer Wisconsin (Diagnostic), 569 rows, 30 features, label
 *       {@code diagnosis} with classes {@code "0"} = benign and {@code "1"} = malignant.</li>
 *   <li>{@code iris}: Fisher's iris, 150 rows, 4 features, label {@code species} with classes
 *       {@code "0"}, {@code "1"}, {@code "2"} = setosa, versicolor, virginica.</li>
 * </ul>
 *
 * <p>Class names are the label tokens as they appear in the file; no names are invented. What the
 * tokens mean, as the sources document it, is {@link #classLabels}, for pictures only.
 */
public final class BuiltinDatasets {
    /** Name to resource file; the names are permanent, like plugin names. */
    private static final Map<String, String> RESOURCES = Map.of(
            "breast-cancer", "breast_cancer.csv",
            "iris", "iris.csv");
    private static final List<String> NAMES = RESOURCES.keySet().stream().sorted().toList();
    /** What each class token means, from the sources' documentation (docs/datasets.md). */
    private static final Map<String, Map<String, String>> CLASS_LABELS = Map.of(
            "breast-cancer", Map.of("0", "benign", "1", "malignant"),
            "iris", Map.of("0", "setosa", "1", "versicolor", "2", "virginica"));

    private BuiltinDatasets() {
    }

    /** The names of the built-in datasets, sorted. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Loads a built-in dataset; its sha256 is that of the bundled CSV bytes.
     *
     * @throws InputException for an unknown name, listing the available ones
     */
    public static Dataset load(String name) {
        return CsvLoader.parse(bytes(resource(name)), "builtin dataset '" + name + "'", name, null, true);
    }

    /**
     * The feature columns of a built-in dataset, from its header line alone: what a check of a spec
     * needs, without parsing the rows.
     *
     * @throws InputException for an unknown name, listing the available ones
     */
    public static List<String> featureNames(String name) {
        String resource = resource(name);
        return CsvLoader.featureColumns(stream(resource), "builtin dataset '" + name + "'", null, true);
    }

    /**
     * The label column of a built-in dataset (its last column), from its header line alone.
     *
     * @throws InputException for an unknown name, listing the available ones
     */
    public static String labelName(String name) {
        String resource = resource(name);
        // Read as a file without a label, every column is a feature: the label is the last of them.
        List<String> columns = CsvLoader.featureColumns(stream(resource), "builtin dataset '" + name + "'", null, false);
        return columns.get(columns.size() - 1);
    }

    private static String resource(String name) {
        String resource = RESOURCES.get(name);
        if (resource == null) {
            throw new InputException("unknown builtin dataset '" + name + "'; available: "
                    + String.join(", ", NAMES) + Suggestions.didYouMean(String.valueOf(name), NAMES));
        }
        return resource;
    }

    /**
     * What the class names of built-in dataset {@code name} stand for ({@code "1"} → {@code "malignant"}),
     * for display: the data, models and QBAF ids keep the tokens. Empty for an unknown name.
     */
    public static Map<String, String> classLabels(String name) {
        return CLASS_LABELS.getOrDefault(name, Map.of());
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = stream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled resource " + resource, e);
        }
    }

    private static InputStream stream(String resource) {
        InputStream in = BuiltinDatasets.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("resource " + resource + " is missing from the illc-core jar");
        }
        return in;
    }
}
