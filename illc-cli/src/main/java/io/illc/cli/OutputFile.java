package io.illc.cli;

import io.illc.core.InputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The checks of the one file a command writes, made before the command's work (training, reading a
 * model, drawing rows) so that a name that cannot be written fails first and costs nothing.
 */
final class OutputFile {
    private OutputFile() {
    }

    /**
     * Why {@code target} cannot be written: it is a folder, or it exists and may not be replaced.
     *
     * @param label    how the user gave it, the start of the message ({@code --out}, {@code OUT})
     * @param replace  whether an existing file may be replaced ({@code --force})
     * @param fileName what to give instead of a folder, e.g. "a file name ending in .json or .zip"
     */
    static Optional<String> problem(Path target, String label, boolean replace, String fileName) {
        if (Files.isDirectory(target)) {
            return Optional.of(label + ": " + target + " is a folder; give " + fileName);
        }
        if (!replace && Files.exists(target)) {
            return Optional.of(label + ": " + target + " exists; add --force to replace it, or choose another file");
        }
        return Optional.empty();
    }

    /** As {@link #problem}, thrown. */
    static void check(Path target, String label, boolean replace, String fileName) {
        problem(target, label, replace, fileName).ifPresent(p -> {
            throw new InputException(p);
        });
    }
}
