package io.illc.core.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.illc.core.Workers;
import io.illc.core.model.LoadedModel;
import io.illc.core.model.ModelLoader;

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
 * spends about 0.2 s on picocli, Guice, the plugin catalog and checking the spec before its model
 * stage starts, and reading a large weights JSON file takes longer than that. The read and the hash
 * started here are the ones {@link ModelStage#begin} would start (same reader, same threads), so the
 * model stage takes them over when it asks for the same file, in the same format, unchanged since;
 * it gives the same model, digest and errors, in the same place of the run.
 *
 * <p>A guess only: the spec is looked at with a streaming parser for {@code model.load},
 * {@code model.format} and {@code execution}, and anything unexpected (not JSON, no file to load,
 * another engine, streamed data) reads nothing ahead; the spec's own parse decides everything.
 * At most one read is pending, for the run that {@link #start}ed it; {@link #close} drops one not
 * taken.
 */
public final class ModelReadAhead implements AutoCloseable {
    private static final AtomicReference<Read> PENDING = new AtomicReference<>();
    private static final JsonFactory JSON = new JsonFactory();

    private final Read read;

    private ModelReadAhead(Read read) {
        this.read = read;
    }

    /** A file being read and hashed, as it was on disk when the reading started. */
    record Read(Path file, String format, long size, FileTime modified, CompletableFuture<LoadedModel> loaded,
                CompletableFuture<String> hash) {
    }

    /**
     * Starts reading the model file that the spec file {@code specFile} names, if it names one.
     *
     * @param threads the run's thread count when the command line gives one, else {@code null}
     * @return the read ahead, to {@link #close} when the run ends
     */
    public static ModelReadAhead start(Path specFile, Integer threads) {
        Guess guess = guess(specFile.toAbsolutePath().normalize());
        if (guess == null) {
            return none();
        }
        BasicFileAttributes file = attributes(guess.file);
        if (file == null || !file.isRegularFile() || PENDING.get() != null) {
            return none(); // a missing file is the spec parse's to report
        }
        int count = threads != null ? threads : guess.threads != null ? guess.threads : Workers.available();
        Read read = read(guess.file, guess.format, count);
        return new ModelReadAhead(PENDING.compareAndSet(null, read) ? read : null);
    }

    /** No read ahead (for a run on another engine). */
    public static ModelReadAhead none() {
        return new ModelReadAhead(null);
    }

    /** The read started, or {@code null} when none was. */
    Read read() {
        return read;
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
        Read read = PENDING.get();
        if (read == null || !read.file.equals(file) || !Objects.equals(read.format, format)) {
            return null;
        }
        if (!PENDING.compareAndSet(read, null)) {
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
        CompletableFuture<String> hash = CompletableFuture.supplyAsync(() -> Hashes.sha256(file));
        CompletableFuture<LoadedModel> loaded = Workers.inBackground("illc-model-read",
                () -> ModelLoader.load(file, format, threads));
        return new Read(file, format, before == null ? -1 : before.size(), before == null ? null : before.lastModifiedTime(),
                loaded, hash);
    }

    private static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** What the spec seems to load, resolved as the spec parser resolves it. */
    private record Guess(Path file, String format, Integer threads) {
    }

    private static Guess guess(Path specFile) {
        try (JsonParser json = JSON.createParser(specFile.toFile())) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String load = null;
            String format = null;
            Integer threads = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("model") && value == JsonToken.START_OBJECT) {
                    while (json.nextToken() == JsonToken.FIELD_NAME) {
                        String key = json.currentName();
                        JsonToken v = json.nextToken();
                        if (key.equals("load") && v == JsonToken.VALUE_STRING) {
                            load = json.getText();
                        } else if (key.equals("format") && v == JsonToken.VALUE_STRING) {
                            format = json.getText();
                        } else {
                            json.skipChildren();
                        }
                    }
                } else if (field.equals("execution") && value == JsonToken.START_OBJECT) {
                    while (json.nextToken() == JsonToken.FIELD_NAME) {
                        String key = json.currentName();
                        JsonToken v = json.nextToken();
                        if (key.equals("threads") && v == JsonToken.VALUE_NUMBER_INT && json.getIntValue() >= 1) {
                            threads = json.getIntValue();
                        } else if (key.equals("engine") && !(v == JsonToken.VALUE_STRING && json.getText().equals("local"))
                                || key.equals("data") && v == JsonToken.VALUE_STRING && json.getText().equals("stream")) {
                            return null; // another engine, or rows streamed: their own ways of loading
                        } else {
                            json.skipChildren();
                        }
                    }
                } else {
                    json.skipChildren();
                }
            }
            if (load == null || load.isBlank() || format != null && !ModelLoader.FORMATS.contains(format)) {
                return null;
            }
            return new Guess(specFile.getParent().resolve(load).toAbsolutePath().normalize(), format, threads);
        } catch (IOException | RuntimeException e) {
            return null; // the spec's own parse says what is wrong with it
        }
    }
}
