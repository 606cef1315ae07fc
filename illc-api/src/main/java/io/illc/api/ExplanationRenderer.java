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

    /** Writes {@code qbaf} to {@code out}; must not close {@code out}. */
    void render(Qbaf qbaf, OutputStream out) throws IOException;
}
