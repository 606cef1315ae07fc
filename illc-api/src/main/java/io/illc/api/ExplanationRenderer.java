package io.illc.api;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a QBAF in some format. The engine owns files: a renderer writes to the stream it is
 * given and never opens, closes or names files itself. Implementations are immutable and thread-safe.
 */
public interface ExplanationRenderer {

    /** The file extension the engine gives the output, without the dot ({@code dot}, {@code json}). */
    String fileExtension();

    /**
     * Writes {@code qbaf} to {@code out} knowing nothing else about it; must not close {@code out}.
     * Used as is by renderers that need no context, and by the default of the method below.
     */
    void render(Qbaf qbaf, OutputStream out) throws IOException;

    /**
     * Writes {@code qbaf} to {@code out}, with what the engine knows about the explanation (the run
     * summary, its metrics, the class names); must not close {@code out}. The engine always calls
     * this method. By default it ignores {@code context} and calls {@link #render(Qbaf, OutputStream)},
     * so a renderer that needs no context implements that one alone.
     */
    default void render(Qbaf qbaf, RenderContext context, OutputStream out) throws IOException {
        render(qbaf, out);
    }
}
