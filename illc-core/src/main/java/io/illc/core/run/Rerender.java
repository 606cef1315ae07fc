package io.illc.core.run;

import io.illc.api.ExplanationRenderer;
import io.illc.api.PluginKind;
import io.illc.api.Qbaf;
import io.illc.api.RenderContext;
import io.illc.core.InputException;
import io.illc.core.catalog.GuardedPlugins;
import io.illc.core.catalog.ParameterResolver;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.catalog.PluginDescriptor;
import io.illc.core.catalog.PluginException;
import io.illc.core.io.AtomicFiles;
import io.illc.core.qbaf.QbafJson;
import io.illc.core.qbaf.StrengthDecomposer;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders an existing run's QBAF ({@code qbaf.json}) again with another renderer or other
 * parameters, without recomputing anything. Each file is replaced atomically. The stored QBAF is
 * refused when its strengths do not follow from its biases and weights ({@link StrengthDecomposer}).
 */
public final class Rerender {
    private final PluginCatalog catalog;
    private final Graphviz graphviz;

    @Inject
    public Rerender(PluginCatalog catalog, Graphviz graphviz) {
        this.graphviz = graphviz;
        this.catalog = catalog;
    }

    /**
     * @param runFolder a run's output folder (or a {@code local/<row>} folder) holding {@code qbaf.json}
     * @param renderer  the renderer's name
     * @param params    parameter values as text ({@code edgeQuantile=0.9})
     * @return the file written
     */
    public Path render(Path runFolder, String renderer, Map<String, String> params, Progress progress) {
        if (!Files.isDirectory(runFolder)) {
            String what = Files.exists(runFolder) ? " is a file" : " does not exist";
            throw new InputException(runFolder + what + "; give the output folder of a run (the folder holding qbaf.json)");
        }
        Path stored = runFolder.resolve("qbaf.json");
        Qbaf qbaf = QbafJson.read(stored);
        try {
            new StrengthDecomposer(GuardedPlugins.activationInverses(catalog)).check(qbaf);
        } catch (IllegalArgumentException e) {
            throw new InputException(stored + ": " + e.getMessage(), e);
        }
        PluginDescriptor plugin = catalog.require(PluginKind.RENDERER, renderer);
        ExplanationRenderer instance = plugin.create(ExplanationRenderer.class,
                new ParameterResolver().resolveStrings(plugin, params, Path.of("").toAbsolutePath()));
        Path target = runFolder.resolve("qbaf." + instance.fileExtension());
        try {
            AtomicFiles.write(target, out -> PluginException.guard(plugin, "failed to render " + target.getFileName(), () -> {
                try {
                    // The stored run's spec and metrics are not re-read: the page gets no
                    // summary panel, as a re-render always has; the documents beside the QBAF are.
                    instance.render(qbaf, RenderContext.NONE.withDocuments(documents(runFolder)), out);
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            if (target.getFileName().toString().equals("qbaf.dot")) {
                Path svg = runFolder.resolve("qbaf.svg");
                Files.deleteIfExists(svg);
                graphviz.svg(target, svg).ifPresent(progress::note);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** {@code features.json} and {@code attribution.json} of the run folder, those that exist. */
    private static Map<String, String> documents(Path runFolder) {
        Map<String, String> documents = new LinkedHashMap<>();
        for (String name : List.of(RenderContext.FEATURES, RenderContext.ATTRIBUTION)) {
            Path file = runFolder.resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    documents.put(name, Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            }
        }
        return documents;
    }
}
