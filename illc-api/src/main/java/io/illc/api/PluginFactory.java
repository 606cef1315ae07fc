package io.illc.api;

import java.util.List;

/**
 * A stateless factory that {@link java.util.ServiceLoader} finds, one sub-interface per plugin
 * kind. Implementations need a public no-argument constructor and a {@code META-INF/services}
 * entry under their sub-interface's name.
 *
 * @param <T> the plugin type; instances it creates must be immutable and thread-safe
 */
public interface PluginFactory<T> {

    /** The permanent, lower-case kebab-case name specs use, e.g. {@code kmeans}. */
    String name();

    /** One line for {@code illc plugins}. */
    String description();

    /** The parameters the plugin takes, in the order {@code illc describe} shows them. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /** The plugin's version; by default the jar's {@code Implementation-Version}, or "dev". */
    default String version() {
        String v = getClass().getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * A new plugin instance.
     *
     * @param parameters checked values for every declared parameter (defaults filled in)
     * @throws IllegalArgumentException when the values do not fit together; the message is shown
     *                                  to the user next to the plugin's JSON path
     */
    T create(Parameters parameters);
}
