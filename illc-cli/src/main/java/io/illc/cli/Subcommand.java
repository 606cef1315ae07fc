package io.illc.cli;

import io.illc.core.Illc;
import io.illc.core.run.Progress;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What every {@code illc} subcommand shares: the common options, the session, and the engine built
 * from the plugin folders. {@link #call()} returns the exit code; errors are thrown and turned into
 * messages by {@link Failures}.
 */
abstract class Subcommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    @ParentCommand
    /** {@link IllcCommand}, or a command group such as {@link DataCommand}. */
    Object parent;

    final Session session;

    Subcommand(Session session) {
        this.session = session;
    }

    /** The common options given after and before the command name. */
    final CommonOptions.Effective options() {
        if (parent instanceof IllcCommand top) {
            return common.merge(top.common);
        }
        if (parent instanceof DataCommand group) {
            return common.merge(group.common);
        }
        return common.merge(new CommonOptions());
    }

    /** The engine with the plugins of the class path, of every --plugin-path and of ILLC_PLUGIN_PATH. */
    final Illc illc() {
        return service(Illc.class);
    }

    /** A service of the invocation's injector (built on first use from the plugin folders). */
    final <T> T service(Class<T> type) {
        return session.service(type, options().pluginPaths());
    }

    /**
     * Progress lines on stderr when it is a terminal and --quiet is off; notes (such as why no SVG
     * was written) on stderr unless --quiet, terminal or not.
     */
    final Progress progress() {
        Progress shown = shownProgress();
        // The stage is recorded whatever is shown, for the out-of-memory and interruption messages.
        return new Progress() {
            @Override
            public void stage(String message) {
                session.stage(message);
                shown.stage(message);
            }

            @Override
            public void step(String what, int done, int total) {
                shown.step(what, done, total);
            }

            @Override
            public void epoch(int epoch, int epochs, double loss) {
                shown.epoch(epoch, epochs, loss);
            }

            @Override
            public void note(String message) {
                shown.note(message);
            }
        };
    }

    private Progress shownProgress() {
        if (options().quiet()) {
            return Progress.SILENT;
        }
        if (session.terminal()) {
            return new TerminalProgress(session.err());
        }
        return new Progress() {
            @Override
            public void stage(String message) {
            }

            @Override
            public void note(String message) {
                session.err().println("illc: " + message);
                session.err().flush();
            }
        };
    }

    final PrintWriter out() {
        return session.out();
    }
}
