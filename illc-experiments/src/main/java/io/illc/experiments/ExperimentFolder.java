package io.illc.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import io.illc.core.InputException;
import io.illc.core.io.AtomicFiles;
import io.illc.core.io.FolderLock;
import io.illc.core.io.StrictJson;
import io.illc.core.spec.SpecFiles;
import io.illc.experiments.ExperimentGrid.Cell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * An experiment's output folder, written incrementally so that an interrupted run can resume:
 * <pre>
 * experiment.json            the effective spec (decides whether a rerun may resume)
 * models/&lt;key&gt;.json          trained models (weights JSON), &lt;key&gt;.training.json their accuracies
 * cells/&lt;cell id&gt;.json       the results of each finished cell
 * results.csv, report.md, figures/*.png   rewritten at the end of every run
 * </pre>
 * Every file is written with {@link AtomicFiles}, so an interruption never leaves a half-written
 * file under its final name. Not thread-safe: one run per folder at a time, which
 * {@link #lock} enforces between runs and processes.
 */
final class ExperimentFolder {
    static final String SPEC_FILE = "experiment.json";

    private final Path root;
    private final boolean resumed;

    private ExperimentFolder(Path root, boolean resumed) {
        this.root = root;
        this.resumed = resumed;
    }

    /**
     * The right to write {@code folder} (its {@link FolderLock}), creating its parent folder.
     *
     * @throws InputException when another experiment holds it (naming its PID), or the parent cannot be made
     */
    static FolderLock lock(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root.getParent());
            return FolderLock.tryAcquire(root).orElseThrow(() -> new InputException("output folder " + root
                    + " is being written by another illc experiment" + FolderLock.owner(root).map(o -> " (" + o + ")").orElse("")
                    + "; wait for it to finish (a later run resumes it), or choose another --out"));
        } catch (IOException e) {
            throw new InputException("cannot create output folder " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens {@code folder} for {@code spec}: a missing or empty folder starts a new experiment, a
     * folder of the same spec resumes it, another experiment's folder is refused unless {@code force},
     * which empties the folder and starts over, and any other non-empty folder is refused.
     *
     * @throws InputException when the folder is a file, holds another experiment and force is off, or
     *                        holds something that is not an experiment
     */
    static ExperimentFolder open(Path folder, ExperimentSpec spec, boolean force) {
        Path root = folder.toAbsolutePath().normalize();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new InputException("output " + root + " is a file, not a folder; choose another --out");
        }
        boolean resume = false;
        if (Files.isDirectory(root) && !isEmpty(root)) {
            Optional<String> mismatch = mismatch(root, spec);
            boolean experiment = Files.isRegularFile(root.resolve(SPEC_FILE));
            if (mismatch.isEmpty() && !force) {
                resume = true;
            } else if (force) {
                List<String> inside = SpecFiles.insideOutput(spec.filesRead(), root);
                if (!inside.isEmpty()) {
                    throw new InputException(inside); // emptying the folder would delete them
                }
                if (!experiment) {
                    // Emptying deletes all the folder holds: only an experiment's own folder is ours to delete.
                    throw new InputException("output folder " + root + " is not empty and " + mismatch.get()
                            + "; --force empties only an experiment's folder: choose another --out, or empty it first");
                }
                deleteTree(root);
            } else {
                throw new InputException("output folder " + root + " is not empty and " + mismatch.get()
                        + (experiment ? "; add --force to empty it and start over, or choose another --out"
                        : "; choose another --out, or empty it first"));
            }
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new InputException("cannot create output folder " + root + ": " + e.getMessage(), e);
        }
        ExperimentFolder opened = new ExperimentFolder(root, resume);
        opened.removeTemporaryFiles();
        opened.write(SPEC_FILE, ExperimentSpecWriter.write(spec));
        return opened;
    }

    /**
     * An existing experiment folder, opened as it is (nothing written or removed), to rebuild its
     * report.
     *
     * @throws InputException when it is not a folder with an {@value #SPEC_FILE}
     */
    static ExperimentFolder existing(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve(SPEC_FILE))) {
            throw new InputException(root + " is not an experiment folder: it has no " + SPEC_FILE
                    + "; give the folder an experiment wrote (its --out)");
        }
        return new ExperimentFolder(root, true);
    }

    /** Why {@code root} is not a folder of {@code spec}, or empty when it is. */
    private static Optional<String> mismatch(Path root, ExperimentSpec spec) {
        Path file = root.resolve(SPEC_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.of("is not an experiment folder (it has no " + SPEC_FILE + ")");
        }
        JsonNode stored;
        try {
            stored = StrictJson.readTree(Files.readAllBytes(file), file.toString(), "{\"experimentVersion\": 1}");
        } catch (IOException | InputException e) {
            return Optional.of("its " + SPEC_FILE + " cannot be read (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (stored == null || !stored.isObject()) {
            return Optional.of("its " + SPEC_FILE + " is not a JSON object");
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) stored).remove("output");
        return firstDifference(stored, ExperimentSpecWriter.resultDefining(spec), "$")
                .map(path -> "holds an experiment of another spec (" + SPEC_FILE + " differs at " + path + ")");
    }

    /** The JSON path of the first difference between two trees, comparing scalars by their JSON text. */
    static Optional<String> firstDifference(JsonNode a, JsonNode b, String path) {
        if (a.isObject() && b.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (!a.has(name) || !b.has(name)) {
                    return Optional.of(path + "." + name);
                }
                Optional<String> d = firstDifference(a.get(name), b.get(name), path + "." + name);
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (a.isArray() && b.isArray()) {
            Iterator<JsonNode> x = a.elements();
            Iterator<JsonNode> y = b.elements();
            for (int i = 0; x.hasNext() || y.hasNext(); i++) {
                if (!x.hasNext() || !y.hasNext()) {
                    return Optional.of(path + "[" + i + "]");
                }
                Optional<String> d = firstDifference(x.next(), y.next(), path + "[" + i + "]");
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        // IntNode 0 and LongNode 0 are equal as JSON text though not as nodes.
        return a.toString().equals(b.toString()) ? Optional.empty() : Optional.of(path);
    }

    Path root() {
        return root;
    }

    /** True when the folder held a previous run of the same spec. */
    boolean resumed() {
        return resumed;
    }

    /** {@code cells/<cell id>.json}, relative to the root. */
    static String cellFile(Cell cell) {
        return "cells/" + cell.id() + ".json";
    }

    /** The bytes of {@code relative}, or empty when it does not exist. */
    Optional<byte[]> read(String relative) {
        Path file = resolve(relative);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Writes {@code relative} atomically ({@link AtomicFiles#write}). */
    void write(String relative, byte[] bytes) {
        Path target = resolve(relative);
        try {
            Files.createDirectories(target.getParent());
            AtomicFiles.write(target, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Deletes {@code relative} if it exists. */
    void delete(String relative) {
        try {
            Files.deleteIfExists(resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + relative + " in " + root, e);
        }
    }

    Path resolve(String relative) {
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException(relative + " is outside the output folder");
        }
        return file;
    }

    /** Temporary files left by an interrupted write. */
    private void removeTemporaryFiles() {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(AtomicFiles::isTemporary).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + root, e);
        }
    }

    private static boolean isEmpty(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new InputException("cannot read output folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + root, e);
        }
    }
}
