package io.illc.cli;

import io.illc.core.InputException;
import picocli.CommandLine.Option;

/** {@code --threads N}: how many rows or cells run at once; results are the same for every N. */
final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: the spec's execution.threads, else every processor)."
                    + " Results are the same for every N.")
    Integer threads;

    /** The option's value, checked; {@code null} when not given. */
    Integer value() {
        if (threads != null && threads < 1) {
            throw new InputException("--threads: " + threads + "; must be at least 1");
        }
        return threads;
    }
}
