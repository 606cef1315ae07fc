package io.illc.core.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.illc.core.InputException;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reading the JSON documents users write (pipeline and experiment specs): UTF-8 text, strict JSON
 * (no trailing content, no duplicate keys), and one clear message for each way that can fail.
 */
public final class StrictJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private StrictJson() {
    }

    /**
     * The text of {@code file}.
     *
     * @param what how messages name the file ("spec file", "experiment spec")
     * @param hint what to do when it does not exist
     */
    public static String readText(Path file, String what, String hint) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(what + " " + file + " does not exist; " + hint, e);
        } catch (MalformedInputException e) {
            throw new InputException(what + " " + file + " is not UTF-8 text; save it as UTF-8 JSON", e);
        } catch (IOException e) {
            throw new InputException("cannot read " + what + " " + file + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    /**
     * The JSON tree of {@code json}.
     *
     * @param source  names the document in messages
     * @param example a minimal valid document, for the message about an empty one
     */
    public static JsonNode readTree(String json, String source, String example) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InputException(source + ": malformed JSON" + where + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InputException(source + ": the document is empty; it is a JSON object such as " + example);
        }
        return root;
    }

    /** {@code demo} for {@code demo.json}: the default output folder's name. */
    public static String baseName(String fileName) {
        String name = Path.of(fileName).getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }
}
