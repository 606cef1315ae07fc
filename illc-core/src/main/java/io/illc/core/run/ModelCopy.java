package io.illc.core.run;

import io.illc.core.Workers;
import io.illc.core.model.ModelLoader;
import io.illc.core.spec.ModelSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The output folder's {@code model.json} copied from a weights JSON model file while the run
 * computes, instead of at the end: it is the largest file a run writes (the model's own size, 100 MB
 * and more), and it depends on nothing the run computes. Copied and synced to disk on a thread of its
 * own, in blocks, so that {@link #close} can stop it; {@link RunWriter} takes it when the model the
 * run loaded is that file as weights JSON, and writes {@code model.json} itself otherwise.
 */
public final class ModelCopy implements AutoCloseable {
    private static final String NAME = "model.json";
    /** Copied this much at a time, checking in between whether to stop. */
    private static final long BLOCK = 16L << 20;
    private static final ModelCopy NONE = new ModelCopy(null, null, null);

    private final Path source;
    private final CompletableFuture<Void> copied;
    private final AtomicBoolean stop;

    private ModelCopy(Path source, CompletableFuture<Void> copied, AtomicBoolean stop) {
        this.source = source;
        this.copied = copied;
        this.stop = stop;
    }

    /** No copy: {@link RunWriter} writes {@code model.json} itself. */
    public static ModelCopy none() {
        return NONE;
    }

    /** Starts copying the model file that {@code model} loads into {@code folder} when it is weights JSON. */
    public static ModelCopy start(ModelSpec model, OutputFolder folder) {
        if (!(model instanceof ModelSpec.Load load) || !ModelLoader.isWeightsJson(load.file(), load.format())) {
            return NONE;
        }
        Path target;
        try {
            target = folder.resolve(NAME);
        } catch (IOException e) {
            return NONE; // the folder's trouble is reported where the other files are written
        }
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> copied = Workers.inBackground("illc-copy-model", () -> {
            if (copy(load.file(), target, stop)) {
                folder.sync(NAME);
            }
            return null;
        });
        return new ModelCopy(load.file(), copied, stop);
    }

    /** Copies {@code source} into {@code folder} as {@code model.json} on this thread, and syncs it to disk. */
    static void now(Path source, OutputFolder folder) {
        Path target;
        try {
            target = folder.resolve(NAME);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + NAME + " in " + folder.staging(), e);
        }
        copy(source, target, new AtomicBoolean());
        folder.sync(NAME);
    }

    /**
     * Whether this is a copy of {@code file}, so that {@link #await} gives {@code model.json};
     * otherwise the caller writes it.
     */
    boolean of(Path file) {
        return source != null && source.equals(file);
    }

    /** Waits until the copy is on disk; what went wrong is rethrown as if the copy had been made here. */
    void await() {
        Workers.join(copied);
    }

    /** Stops the copy and deletes it: {@code model.json} is to be written otherwise. */
    void discard(OutputFolder folder) {
        close();
        if (copied != null) {
            try {
                Files.deleteIfExists(folder.resolve(NAME));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot replace " + NAME + " in " + folder.staging(), e);
            }
        }
    }

    /** Stops a copy still under way and waits for its thread, so that nothing is written into the folder after. */
    @Override
    public void close() {
        if (copied != null) {
            stop.set(true);
            copied.handle((done, failed) -> null).join();
        }
    }

    /** Copies {@code source} to {@code target} until told to {@code stop}; whether it copied all of it. */
    private static boolean copy(Path source, Path target, AtomicBoolean stop) {
        try (FileChannel from = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel to = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = from.size();
            long at = 0;
            while (at < size && !stop.get()) {
                long n = from.transferTo(at, Math.min(BLOCK, size - at), to);
                if (n <= 0) {
                    break; // the file ended early: it shrank meanwhile
                }
                at += n;
            }
            return !stop.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + NAME, e);
        }
    }
}
