package io.illc.core.catalog;

import io.illc.api.Parameter;
import io.illc.api.Parameters;
import io.illc.api.PluginFactory;
import io.illc.api.PluginKind;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One discovered plugin: its kind, name, factory and the jar (or class folder) it came from.
 *
 * @param location the jar or folder of the factory class, for messages and {@code illc plugins}
 */
public record PluginDescriptor(PluginKind kind, String name, PluginFactory<?> factory, String location) {
    public PluginDescriptor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(location, "location");
    }

    /** "clustering plugin 'kmeans' (io.illc...KMeansFactory in /path/illc-plugins.jar)". */
    public String describe() {
        return kind.label() + " plugin '" + name + "' (" + factory.getClass().getName() + " in " + location + ")";
    }

    /** The declared defaults of every parameter that has one (optional and required ones left out). */
    public Parameters defaults() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter p : PluginException.guard(this, "could not list its parameters", factory::parameters)) {
            if (p.defaultValue() != null) {
                values.put(p.name(), p.defaultValue());
            }
        }
        return Parameters.of(values);
    }

    /**
     * A new plugin instance, typed by the caller. A plugin that throws or that was compiled against
     * an incompatible illc-api becomes a {@link PluginException} naming the plugin and its jar.
     */
    public <T> T create(Class<T> type, Parameters parameters) {
        Object instance = PluginException.guard(this, "could not be created", () -> factory.create(parameters));
        if (!type.isInstance(instance)) {
            throw new PluginException(describe() + " created a " + instance.getClass().getName()
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(instance);
    }
}
