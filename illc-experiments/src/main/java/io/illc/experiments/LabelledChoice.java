package io.illc.experiments;

import io.illc.core.catalog.PluginChoice;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A plugin of the grid (a clustering, an aggregation or a metric) with the label that names it in
 * {@code results.csv}, the report and file names. Two choices of one plugin with other parameters
 * (k-means and Ward, or two norms of one metric) are told apart by their labels.
 *
 * @param label  non-empty, of letters, digits and {@code - _ . ( ) = ;}: no comma, quote or space,
 *               so it can stand unquoted in a CSV header
 * @param plugin the resolved plugin and its parameters
 */
public record LabelledChoice(String label, PluginChoice plugin) {
    /** What a label may contain. */
    public static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_.()=;-]+");

    public LabelledChoice {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(plugin, "plugin");
        if (!LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("label '" + label + "' may only hold letters, digits and - _ . ( ) = ;");
        }
    }

    /** The plugin's name. */
    public String name() {
        return plugin.name();
    }
}
