package io.illc.experiments;

import io.illc.core.InputException;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.catalog.Suggestions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The built-in experiment specs, JSON resources of this package that read like any spec file:
 * <ul>
 *   <li>{@code paper}: the grid of the ILLC paper: 5, 10 and 20 hidden layers × 100, 200 and 500
 *       ReLU neurons, training seeds 0, 1 and 2, shrink 0.8, k-means and Ward, global vs illc,
 *       each with the {@code average} (SpArX) and the {@code refit} aggregation, illc + refit also
 *       fine-tuned, breast-cancer with 20 % of the rows held out for scoring, 100 epochs; 27 models
 *       and 270 compressions (54 fine-tuned), every variant of a budget at the same cluster counts;</li>
 *   <li>{@code quick}: 5 and 10 hidden layers × 100 neurons, training seed 0, otherwise the same;
 *       2 models, for CI and a first look.</li>
 * </ul>
 * Their output folders ({@code illc-out/paper}, {@code illc-out/quick}) are relative to the working
 * directory.
 */
public final class ExperimentSpecs {
    /** The names of the built-in specs. */
    public static final List<String> NAMES = List.of("paper", "quick");

    private ExperimentSpecs() {
    }

    /** The paper's grid. */
    public static ExperimentSpec paper(PluginCatalog catalog) {
        return builtin("paper", catalog);
    }

    /** The small grid for CI. */
    public static ExperimentSpec quick(PluginCatalog catalog) {
        return builtin("quick", catalog);
    }

    /**
     * A built-in spec by name, parsed against {@code catalog} with the working directory as base.
     *
     * @throws InputException for an unknown name, or when a plugin it names is not installed
     */
    public static ExperimentSpec builtin(String name, PluginCatalog catalog) {
        return new ExperimentSpecParser(catalog).parse(text(name), Path.of("").toAbsolutePath(), name + ".json");
    }

    /** The JSON text of a built-in spec, to print or copy and edit. */
    public static String text(String name) {
        if (!NAMES.contains(name)) {
            throw new InputException("unknown built-in experiment '" + name + "'; available: " + String.join(", ", NAMES)
                    + Suggestions.didYouMean(String.valueOf(name), NAMES));
        }
        try (InputStream in = ExperimentSpecs.class.getResourceAsStream(name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + ".json is missing from the illc-core jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in experiment " + name, e);
        }
    }
}
