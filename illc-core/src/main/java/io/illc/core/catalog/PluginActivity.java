package io.illc.core.catalog;

import java.util.Optional;

/**
 * Which plugin call is running right now, for the one place that cannot be told by an exception: a
 * shutdown hook (Ctrl-C, SIGTERM, or a plugin calling {@code System.exit}) that says what was
 * running when the process ended. Diagnostics only; nothing reads it to decide anything.
 * Thread-safe: the last call entered wins, which is exact for a run (plugin calls are sequential).
 */
public final class PluginActivity {
    private static volatile String current;

    private PluginActivity() {
    }

    /** Marks {@code plugin} as running; returns what ran before, for {@link #leave}. */
    static String enter(String plugin) {
        String outer = current;
        current = plugin;
        return outer;
    }

    static void leave(String outer) {
        current = outer;
    }

    /** The plugin ("clustering plugin 'x' (... in a.jar)") being called now, if any. */
    public static Optional<String> current() {
        return Optional.ofNullable(current);
    }
}
