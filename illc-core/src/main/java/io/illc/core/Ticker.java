package io.illc.core;

/**
 * A source of elapsed nanoseconds, as {@link System#nanoTime()}: the only clock the engines read, so
 * a test can bind a fake one and get fixed timings. Thread-safe.
 */
@FunctionalInterface
public interface Ticker {
    /** The wall clock of the JVM. */
    Ticker SYSTEM = System::nanoTime;

    /** Nanoseconds since an arbitrary origin; only differences mean anything. */
    long nanos();
}
