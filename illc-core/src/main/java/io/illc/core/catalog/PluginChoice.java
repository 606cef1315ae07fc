package io.illc.core.catalog;

import io.illc.api.Parameters;
import io.illc.api.PluginKind;

import java.util.Objects;

/**
 * A plugin named in a spec, resolved against the catalog: its kind, name and fully defaulted,
 * checked parameters. Written back into the effective spec as {@code {"name": ..., "params": {...}}}.
 */
public record PluginChoice(PluginKind kind, String name, Parameters params) {
    public PluginChoice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(params, "params");
    }
}
