package io.illc.core.catalog;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which plugin call is running right now, for the one place that cannot be told by an exception: a
 * shutdown hook (Ctrl-C, SIGTERM, or a plugin calling {@code System.exit}) that says what was
 * running when the process ended. Diagnostics only; nothing reads it to decide anything.
 * Thread-safe: each thread's call is kept apart (a run measures its metrics at the same time), and
 * {@link #current} names the call entered last of those still running.
 */
public final class PluginActivity {
    private record Call(String plugin, long order) {
    }

    private static final Map<Thread, Call> RUNNING = new ConcurrentHashMap<>();
    private static final AtomicLong ENTERED = new AtomicLong();

    private PluginActivity() {
    }

    /** Marks {@code plugin} as running on this thread; returns what this thread ran before, for {@link #leave}. */
    static String enter(String plugin) {
        Call outer = RUNNING.put(Thread.currentThread(), new Call(plugin, ENTERED.incrementAndGet()));
        return outer == null ? null : outer.plugin();
    }

    /** Ends this thread's call; {@code outer} (from {@link #enter}) runs on again, or nothing. */
    static void leave(String outer) {
        if (outer == null) {
            RUNNING.remove(Thread.currentThread());
        } else {
            RUNNING.put(Thread.currentThread(), new Call(outer, ENTERED.incrementAndGet()));
        }
    }

    /** The plugin ("clustering plugin 'x' (... in a.jar)") being called now, if any: the one entered last. */
    public static Optional<String> current() {
        return RUNNING.values().stream().max(Comparator.comparingLong(Call::order)).map(Call::plugin);
    }
}
