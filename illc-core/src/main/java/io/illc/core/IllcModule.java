package io.illc.core;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.run.DotProgram;
import io.illc.core.run.Graphviz;
import io.illc.core.spec.SpecParser;

import java.nio.file.Path;
import java.util.List;

/**
 * The Guice wiring of the engines: the plugin catalog, the clock and the Graphviz program are
 * bound here; the stages, engines and services are injected through their constructors. The
 * plugin folders are fixed for the life of the injector (one per CLI invocation); per-run values
 * such as specs and seeds are method arguments, not bindings. Tests replace a binding (a fake
 * {@link Ticker}, a fake {@link Graphviz}) with {@code Modules.override(new IllcModule(...)).with(...)}.
 */
public final class IllcModule extends AbstractModule {
    private final List<Path> pluginFolders;

    public IllcModule(List<Path> pluginFolders) {
        this.pluginFolders = List.copyOf(pluginFolders);
    }

    @Override
    protected void configure() {
        bind(Ticker.class).toInstance(Ticker.SYSTEM);
        bind(Graphviz.class).to(DotProgram.class);
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
