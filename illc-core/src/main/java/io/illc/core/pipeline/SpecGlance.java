package io.illc.core.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.illc.core.model.ModelLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What a spec file seems to load, seen before the spec is parsed ({@link ModelReadAhead}'s glance):
 * {@code model.load} resolved as the spec parser resolves it, {@code model.format} and
 * {@code execution.threads}. A guess only: a spec that is not plainly a model file read here (not
 * JSON, a duplicate key, no file to load, an unknown format, another engine, streamed rows) gives
 * none, and the spec's own parse decides everything.
 *
 * @param file    the model file, absolute
 * @param format  the format the spec names, or {@code null} to detect it
 * @param threads the spec's thread count, or {@code null} when it gives none that is an int of at least 1
 */
record SpecGlance(Path file, String format, Integer threads) {
    /**
     * Reads the spec token by token: Jackson's tree model starts its whole data binding first (about
     * 0.15 s of classes in a fresh JVM), which the read would wait for. Duplicate keys fail, as in the
     * spec's own parse.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** The glance at the spec file {@code specFile} (absolute), or {@code null} when it names nothing to read ahead. */
    static SpecGlance of(Path specFile) {
        Members model = new Members();
        Members execution = new Members();
        try (JsonParser spec = JSON.createParser(Files.readAllBytes(specFile))) {
            if (spec.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (spec.nextToken() == JsonToken.FIELD_NAME) {
                String name = spec.currentName();
                spec.nextToken();
                switch (name) {
                    case "model" -> model.read(spec);
                    case "execution" -> execution.read(spec);
                    default -> spec.skipChildren();
                }
            }
            if (spec.nextToken() != null) {
                return null; // content after the document
            }
        } catch (IOException | RuntimeException e) {
            return null; // the spec's own parse says what is wrong with it
        }
        String load = model.text("load");
        boolean knownFormat = !model.has("format") || model.isNull("format")
                || model.text("format") != null && ModelLoader.FORMATS.contains(model.text("format"));
        if (load == null || load.isBlank() || !knownFormat
                || execution.has("engine") && !"local".equals(execution.text("engine"))
                || "stream".equals(execution.text("data"))) {
            return null; // nothing to load, or loaded another way (another engine, rows streamed)
        }
        try {
            return new SpecGlance(specFile.getParent().resolve(load).toAbsolutePath().normalize(),
                    model.text("format"), execution.positiveInt("threads"));
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** The scalar members of one object of the spec (a member that is an object or array is only noted). */
    private static final class Members {
        private final Map<String, JsonToken> tokens = new HashMap<>();
        private final Map<String, String> texts = new HashMap<>();
        private final Map<String, Integer> ints = new HashMap<>();

        /** Reads the value the parser is at: the members of an object, nothing of anything else. */
        void read(JsonParser in) throws IOException {
            if (in.currentToken() != JsonToken.START_OBJECT) {
                in.skipChildren();
                return;
            }
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                JsonToken value = in.nextToken();
                tokens.put(name, value);
                if (value == JsonToken.VALUE_STRING) {
                    texts.put(name, in.getText());
                } else if (value == JsonToken.VALUE_NUMBER_INT && in.getNumberType() == JsonParser.NumberType.INT) {
                    ints.put(name, in.getIntValue());
                }
                in.skipChildren();
            }
        }

        boolean has(String name) {
            return tokens.containsKey(name);
        }

        boolean isNull(String name) {
            return tokens.get(name) == JsonToken.VALUE_NULL;
        }

        /** The member's string, or {@code null} when it is missing or not a string. */
        String text(String name) {
            return texts.get(name);
        }

        /** The member's int when it is one of at least 1, else {@code null}. */
        Integer positiveInt(String name) {
            Integer value = ints.get(name);
            return value != null && value >= 1 ? value : null;
        }
    }
}
