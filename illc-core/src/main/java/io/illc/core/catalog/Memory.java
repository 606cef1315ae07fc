package io.illc.core.catalog;

import java.util.Locale;

/** How much heap the JVM may use, and how a user gives it more, for out-of-memory messages. */
public final class Memory {
    /** What to do about it, in one clause. */
    public static final String HOW_TO_GIVE_MORE = "give Java more with JAVA_OPTS=-Xmx8g (or more), or use less data";

    private Memory() {
    }

    /** "the heap limit is 3.9 GB" (or "… 512 MB" below a gigabyte). */
    public static String heapText() {
        return heapText(Runtime.getRuntime().maxMemory());
    }

    static String heapText(long max) {
        if (max == Long.MAX_VALUE) {
            return "no heap limit was set";
        }
        double gigabytes = max / (1024.0 * 1024 * 1024);
        return gigabytes >= 1 ? String.format(Locale.ROOT, "the heap limit is %.1f GB", gigabytes)
                : "the heap limit is " + Math.round(max / (1024.0 * 1024)) + " MB";
    }
}
