package io.illc.cli;

import io.illc.core.run.Progress;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress for a person watching a terminal: one line per stage, and one line for training that
 * is rewritten in place each epoch ({@code epoch 12/60 loss 0.1234}). Not thread-safe.
 */
final class TerminalProgress implements Progress {
    private final PrintWriter err;
    /** Length of the epoch line on screen, 0 when the cursor is at the start of a fresh line. */
    private int openLine;

    TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void stage(String message) {
        endLine();
        err.println(message);
        err.flush();
    }

    @Override
    public void epoch(int epoch, int epochs, double loss) {
        rewrite(String.format(Locale.ROOT, "epoch %d/%d loss %.4f", epoch, epochs, loss));
        if (epoch >= epochs) {
            endLine();
        }
        err.flush();
    }

    /** {@code explaining rows [##########----------] 120/569}, rewritten in place. */
    @Override
    public void step(String what, int done, int total) {
        int width = 30;
        int filled = total == 0 ? width : (int) ((long) width * done / total);
        rewrite(String.format(Locale.ROOT, "%s [%s%s] %d/%d", what, "#".repeat(filled), "-".repeat(width - filled), done, total));
        if (done >= total) {
            endLine();
        }
        err.flush();
    }

    private void rewrite(String line) {
        // A shorter line than the last one would leave its tail on screen: blank it out.
        String padding = " ".repeat(Math.max(0, openLine - line.length()));
        err.print("\r" + line + padding);
        openLine = line.length();
    }

    private void endLine() {
        if (openLine > 0) {
            err.println();
            openLine = 0;
        }
    }
}
