package io.illc.core;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.spec.SpecParser;

import java.nio.file.Path;
import java.util.List;

/**
 * The Guice wiring of the engines. The plugin folders are fixed for the life of the injector (one
 * per CLI invocation); per-run values such as specs and seeds are method arguments, not bindings.
 */
public final class IllcModule extends AbstractModule {
    private final List<Path> pluginFolders;

    public IllcModule(List<Path> pluginFolders) {
        this.pluginFolders = List.copyOf(pluginFolders);
    }

    @Provides
    @Singleton
    PluginCatalog catalog() {
        return PluginCatalog.discover(pluginFolders);
    }

    @Provides
    @Singleton
    SpecParser specParser(PluginCatalog catalog) {
        return new SpecParser(catalog);
    }
}
