package io.illc.core.pipeline;

import io.illc.core.Workers;
import io.illc.core.io.StrictJson;
import io.illc.core.linalg.Nd;
import io.illc.core.model.LoadedModel;
import io.illc.core.model.ModelLoader;
import io.illc.core.model.ModelShape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model file of a spec, read from the moment the command line names the spec: {@code illc run}
 * spends about 0.1–0.2 s on Guice, the plugin catalog and checking the spec before its model stage
 * starts, and reading a large weights JSON file takes longer than that. The read and the hash
 * started here are the ones {@link ModelStage#begin} would start (the same reader), so the
 * model stage takes them over when it asks for the same file, in the same format, unchanged since;
 * it gives the same model, digest and errors, in the same place of the run. For {@code illc
 * validate} the same holds of the model's shape ({@link #startShape}, {@link #shape}).
 *
 * <p>A guess only ({@link SpecGlance}): anything unexpected in the spec (not JSON, no file to load,
 * another engine, streamed data) reads nothing ahead; the spec's own parse decides everything.
 * At most one read is pending, for the run that {@link #start}ed it; {@link #close} drops one not
 * taken.
 */
public final class ModelReadAhead implements AutoCloseable {
    /**
     * From this many processors, a run's OpenBLAS also starts loading here, beside the model, rather
     * than when the pipeline starts: a run's first product had waited about 0.07 s for it. On two
     * vCPUs the early load took the CPU the start needed and the run was no faster, or slower under
     * load (docs/benchmarks.md, fourteenth pass); with processors to spare it is free.
     */
    static final int BLAS_AHEAD_PROCESSORS = 8;

    /**
     * Whether a run reading its model ahead also starts loading OpenBLAS: with processors to spare,
     * and for weights JSON only, whose reading starts no native code (the other formats start ND4J,
     * which should not make JavaCPP's first pointers while another thread is inside its loader).
     */
    static boolean loadBlasAhead(int processors, Path model, String format) {
        return processors >= BLAS_AHEAD_PROCESSORS && ModelLoader.isWeightsJson(model, format);
    }

    /** The pending read: the glance at the spec, then the read it started (or none). */
    private static final AtomicReference<CompletableFuture<Read>> PENDING = new AtomicReference<>();

    private final CompletableFuture<Read> read;

    private ModelReadAhead(CompletableFuture<Read> read) {
        this.read = read;
    }

    /**
     * A file being read and hashed ({@code loaded} and {@code hash}), or only its shape read
     * ({@code shape}; the other two null), as it was on disk when the reading started.
     */
    record Read(Path file, String format, long size, FileTime modified, CompletableFuture<LoadedModel> loaded,
                CompletableFuture<String> hash, CompletableFuture<ModelShape> shape) {
    }

    /**
     * Starts reading the model file that the spec file {@code specFile} names, if it names one. The
     * glance at the spec (token by token, a few milliseconds) is on a thread of its own, which then
     * starts Jackson's data binding for the spec's own parse: the caller goes on to picocli and Guice
     * meanwhile.
     *
     * @param threads the run's thread count when the command line gives one, else {@code null}
     * @return the read ahead, to {@link #close} when the run ends
     */
    public static ModelReadAhead start(Path specFile, Integer threads) {
        return start(specFile, threads, false);
    }

    /**
     * Starts reading the shape of the model file that the spec file {@code specFile} names, as
     * {@link ModelLoader#shape} reads it, for {@code illc validate}: {@link #shape} takes it over.
     */
    public static ModelReadAhead startShape(Path specFile) {
        return start(specFile, null, true);
    }

    private static ModelReadAhead start(Path specFile, Integer threads, boolean shapeOnly) {
        // Only a regular file can be read twice: a glance at a pipe (illc run <(…)) would eat the spec.
        BasicFileAttributes spec = attributes(specFile);
        if (spec == null || !spec.isRegularFile()) {
            return none();
        }
        CompletableFuture<Read> read = new CompletableFuture<>();
        if (!PENDING.compareAndSet(null, read)) {
            return none(); // one read at a time
        }
        Workers.inBackground("illc-model-glance", () -> {
            Read started = null;
            try {
                started = glanceAndRead(specFile, threads, shapeOnly);
            } catch (RuntimeException e) {
                // the run reads as if there were no read ahead
            } finally {
                read.complete(started);
            }
            // Then Jackson's data binding, for the spec's own parse on the caller's thread.
            StrictJson.start();
            return null;
        });
        return new ModelReadAhead(read);
    }

    /** The read the spec asks for, started, or {@code null} when it names nothing to read ahead. */
    private static Read glanceAndRead(Path specFile, Integer threads, boolean shapeOnly) {
        SpecGlance guess = SpecGlance.of(specFile.toAbsolutePath().normalize());
        if (guess == null) {
            return null;
        }
        BasicFileAttributes file = attributes(guess.file());
        if (file == null || !file.isRegularFile()) {
            return null; // a missing file is the spec parse's to report
        }
        if (shapeOnly) {
            return readShape(guess.file(), guess.format());
        }
        int count = threads != null ? threads : guess.threads() != null ? guess.threads() : Workers.available();
        if (loadBlasAhead(Workers.available(), guess.file(), guess.format())) {
            Nd.loadInBackground(); // the run's own call (PipelineRunner) then finds it started
        }
        return read(guess.file(), guess.format(), count);
    }

    /** No read ahead (for a run on another engine). */
    public static ModelReadAhead none() {
        return new ModelReadAhead(null);
    }

    /** The read started, or {@code null} when none was (waits for the glance at the spec). */
    Read read() {
        return read == null ? null : read.join();
    }

    /** Whether this started reading a model file (and holds the pending read until taken or closed). */
    public boolean reading() {
        return read() != null;
    }

    /** Drops the read if the run did not take it. */
    @Override
    public void close() {
        if (read != null) {
            PENDING.compareAndSet(read, null);
        }
    }

    /**
     * The pending read of {@code file} in {@code format} (null to detect it), taken over, or
     * {@code null} when there is none or the file changed since it began.
     */
    static Read take(Path file, String format) {
        return take(file, format, false);
    }

    /**
     * The shape of {@code file} in {@code format} (null to detect it), as {@link ModelLoader#shape}
     * gives it: the one read ahead ({@link #startShape}) when that is pending for this file, else
     * read now. The same shape or error either way.
     */
    public static ModelShape shape(Path file, String format) {
        Read ahead = take(file, format, true);
        return ahead != null ? Workers.join(ahead.shape) : ModelLoader.shape(file, format);
    }

    /** {@link #take(Path, String)} of a shape read ({@code shape}) or of a model read. */
    static Read take(Path file, String format, boolean shape) {
        CompletableFuture<Read> pending = PENDING.get();
        Read read = pending == null ? null : pending.join(); // the glance: milliseconds
        if (read == null || !read.file.equals(file) || !Objects.equals(read.format, format)
                || (read.shape != null) != shape) {
            return null;
        }
        if (!PENDING.compareAndSet(pending, null)) {
            return null;
        }
        BasicFileAttributes now = attributes(file);
        return now != null && now.size() == read.size && now.lastModifiedTime().equals(read.modified) ? read : null;
    }

    /**
     * Starts reading {@code file} (a large weights JSON file on up to {@code threads} threads) and
     * hashing it, each on a thread of its own, noting the file's size and time to tell a changed file.
     */
    static Read read(Path file, String format, int threads) {
        BasicFileAttributes before = attributes(file);
        CompletableFuture<String> hash = Workers.inBackground("illc-model-hash", () -> Hashes.sha256(file));
        CompletableFuture<LoadedModel> loaded = Workers.inBackground("illc-model-read",
                () -> ModelLoader.load(file, format, threads));
        return started(file, format, before, loaded, hash, null);
    }

    /** Starts reading the shape of {@code file} on a thread of its own, noting the file's size and time. */
    private static Read readShape(Path file, String format) {
        BasicFileAttributes before = attributes(file);
        return started(file, format, before, null, null,
                Workers.inBackground("illc-model-read", () -> ModelLoader.shape(file, format)));
    }

    /** A read begun on {@code file} as {@code before} found it (null when it could not be read). */
    private static Read started(Path file, String format, BasicFileAttributes before, CompletableFuture<LoadedModel> loaded,
                                CompletableFuture<String> hash, CompletableFuture<ModelShape> shape) {
        return new Read(file, format, before == null ? -1 : before.size(), before == null ? null : before.lastModifiedTime(),
                loaded, hash, shape);
    }

    private static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
