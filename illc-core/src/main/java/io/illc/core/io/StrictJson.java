package io.illc.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.illc.core.InputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one JSON reader for everything users give us and everything we read back (pipeline and
 * experiment specs, weights JSON models, {@code qbaf.json}, an experiment's cell and model files):
 * strict JSON, rejected the same way and in the same words wherever it is read.
 *
 * <ul>
 *   <li>a syntax error, a duplicate key and content after the document are
 *       {@code <source>: malformed JSON at line L, column C ($.path): <what>};</li>
 *   <li>{@code NaN}, {@code Infinity} and numbers too large for a double are
 *       {@code <source>: malformed JSON at line L, column C ($.path): NaN is not a finite number; ...}
 *       (Python's json module writes such literals, so they get a path rather than a bare syntax error);</li>
 *   <li>an empty document is {@code <source>: the document is empty; ...}.</li>
 * </ul>
 * Wrong types are the caller's to report, at their JSON path; {@link #describe} words what was found.
 *
 * <p>{@link #stream} reads a large document token by token (a weights JSON model of 100 MB) with
 * the same strictness and the same messages, and with the same precedence: a syntax error anywhere
 * wins over a non-finite number anywhere, which wins over whatever the caller finds wrong.
 * Every problem is an {@link InputException}. Stateless and thread-safe.
 */
public final class StrictJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    // Parsed only to be rejected below with a path: see #checkFinite.
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    // Correctly rounded like Double.parseDouble (the same bits), and about three
                    // times as fast: the digits of a large weights JSON are most of its load time.
                    .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                    .build())
            .build();

    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)]");

    private StrictJson() {
    }

    /**
     * Starts Jackson's data binding on the calling thread (its classes take 0.1–0.15 s to load in a
     * fresh JVM), so that the first parse on another thread finds it started.
     */
    public static void start() {
        readTree("{}", "the start of data binding", "{}");
    }

    /**
     * The text of {@code file}, without the byte-order mark that some editors (Windows Notepad) put
     * first: it is no part of the JSON (RFC 8259 lets a parser ignore it), and the bytes' reader
     * ({@link #readTree(byte[], String, String)}) skips it too.
     *
     * @param what how messages name the file ("spec file", "experiment spec")
     * @param hint what to do when it does not exist
     */
    public static String readText(Path file, String what, String hint) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
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
        return read(() -> MAPPER.createParser(json), source, example);
    }

    /**
     * The JSON tree of UTF-8 (or UTF-16/32, detected; a byte-order mark is allowed) {@code json}.
     *
     * @param source  names the document in messages
     * @param example a minimal valid document, for the message about an empty one
     */
    public static JsonNode readTree(byte[] json, String source, String example) {
        return read(() -> MAPPER.createParser(json), source, example);
    }

    /**
     * Reads a document token by token: {@code reader} is called on its first token and must consume
     * exactly one value (the document); content after it, a syntax error or a non-finite number
     * anywhere in the document fails as {@link #readTree} fails, even where {@code reader} has stopped
     * looking. A caller that finds the content wrong should remember it, consume the rest of the value
     * and report after this returns, so that a malformed document is reported as malformed first.
     *
     * @param json    UTF-8 (or UTF-16/32, detected; a byte-order mark is allowed); not closed
     * @param source  names the document in messages
     * @param example a minimal valid document, for the message about an empty one
     */
    public static <T> T stream(InputStream json, String source, String example, StreamReader<T> reader) {
        return stream(() -> MAPPER.createParser(json), source, example, reader);
    }

    /** {@link #stream(InputStream, String, String, StreamReader)} over bytes in memory. */
    public static <T> T stream(byte[] json, String source, String example, StreamReader<T> reader) {
        return stream(() -> MAPPER.createParser(json), source, example, reader);
    }

    /** Consumes one JSON value from {@link Tokens}, starting at its current token. */
    @FunctionalInterface
    public interface StreamReader<T> {
        T read(Tokens in) throws IOException;
    }

    private static <T> T stream(Input input, String source, String example, StreamReader<T> reader) {
        try (JsonParser parser = input.open()) {
            try {
                if (parser.nextToken() == null) {
                    throw new InputException(source + ": the document is empty; it is a JSON object such as " + example);
                }
                Tokens tokens = new Tokens(parser);
                T result;
                try {
                    result = reader.read(tokens);
                } catch (NotFinite e) {
                    // readTree parses the whole document before it looks at numbers: so does this.
                    while (!parser.getParsingContext().inRoot() && parser.nextToken() != null) {
                        // a syntax error further on is thrown by nextToken and wins
                    }
                    checkEnd(parser, source);
                    throw malformed(source, e.at, e.path, e.text
                            + " is not a finite number; JSON numbers are finite (no NaN or Infinity) and fit a double");
                }
                checkEnd(parser, source);
                return result;
            } catch (JsonProcessingException e) {
                String path = e instanceof StreamReadException s && s.getProcessor() != null
                        ? path(s.getProcessor().getParsingContext()) : "$";
                throw malformed(source, e.getLocation(), path, firstLine(e.getOriginalMessage()));
            }
        } catch (IOException e) {
            throw new InputException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private static void checkEnd(JsonParser parser, String source) throws IOException {
        // As ObjectMapper.readTree leaves it: Jackson names the current token in some messages.
        parser.clearCurrentToken();
        if (parser.nextToken() != null) {
            throw malformed(source, parser.currentTokenLocation(), "$",
                    "more content after the end of the JSON document; a file holds one JSON value");
        }
    }

    /** A non-finite number, on its way to {@link #stream} (which first reads the rest of the document). */
    private static final class NotFinite extends RuntimeException {
        final transient JsonLocation at;
        final String path;
        final String text;

        NotFinite(JsonLocation at, String path, String text) {
            super(null, null, false, false);
            this.at = at;
            this.path = path;
            this.text = text;
        }
    }

    /**
     * The tokens of a document being {@linkplain #stream streamed}: a thin view of Jackson's parser
     * that checks every number it hands out or skips for finiteness. Not thread-safe.
     */
    public static final class Tokens {
        private final JsonParser parser;

        Tokens(JsonParser parser) {
            this.parser = parser;
        }

        /** Moves to the next token and returns it ({@code null} at the end of the input). */
        public JsonToken next() throws IOException {
            return parser.nextToken();
        }

        /** The current token. */
        public JsonToken current() {
            return parser.currentToken();
        }

        /** Whether the current token is a number. */
        public boolean isNumber() {
            JsonToken t = parser.currentToken();
            return t != null && t.isNumeric();
        }

        /** The current field name (on a {@link JsonToken#FIELD_NAME}). */
        public String name() throws IOException {
            return parser.currentName();
        }

        /** The current number as a double; a non-finite one fails the document. */
        public double number() throws IOException {
            double v = parser.getDoubleValue();
            if (!Double.isFinite(v)) {
                throw notFinite();
            }
            return v;
        }

        /**
         * Checks the current number as {@link #number} does, converting it only when it could be
         * non-finite: one of fewer than 309 characters, all digits, signs and a point (no exponent,
         * no NaN or Infinity), is below 10^308 in magnitude, so a finite double whatever its digits.
         */
        public void checkNumber() throws IOException {
            int length = parser.getTextLength();
            if (length >= 309) {
                number();
                return;
            }
            char[] text = parser.getTextCharacters();
            int end = parser.getTextOffset() + length;
            for (int i = parser.getTextOffset(); i < end; i++) {
                char c = text[i];
                if ((c < '0' || c > '9') && c != '.' && c != '-') {
                    number();
                    return;
                }
            }
        }

        private NotFinite notFinite() throws IOException {
            return new NotFinite(parser.currentTokenLocation(), path(parser.getParsingContext()), parser.getText());
        }

        /** Skips the current value (the whole array or object when it starts one), checking its numbers. */
        public void skip() throws IOException {
            JsonToken t = parser.currentToken();
            if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
                finish(1);
            } else if (t != null && t.isNumeric()) {
                number();
            }
        }

        /** Skips to the end of the {@code levels} innermost open arrays or objects, checking their numbers. */
        public void finish(int levels) throws IOException {
            int depth = levels;
            while (depth > 0) {
                JsonToken t = parser.nextToken();
                if (t == null) {
                    return;
                }
                if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
                    depth++;
                } else if (t == JsonToken.END_ARRAY || t == JsonToken.END_OBJECT) {
                    depth--;
                } else if (t.isNumeric()) {
                    number();
                }
            }
        }

        /**
         * The current value as a tree, for the small parts of a large document (names, an
         * activation); it is the node {@link #readTree} would have built.
         */
        public JsonNode value() throws IOException {
            JsonToken t = parser.currentToken();
            if (t == JsonToken.START_ARRAY) {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value());
                }
                return array;
            }
            if (t == JsonToken.START_OBJECT) {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    object.set(key, value());
                }
                return object;
            }
            return scalar();
        }

        /** How {@link StrictJson#describe} words the current value; then {@link #skip} it. */
        public String describeAndSkip() throws IOException {
            JsonToken t = parser.currentToken();
            String found = t == JsonToken.START_ARRAY ? "an array"
                    : t == JsonToken.START_OBJECT ? "an object" : describe(scalar());
            skip();
            return found;
        }

        private JsonNode scalar() throws IOException {
            JsonToken t = parser.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                // The node first: asking for the double first would round a big integer before it is read.
                JsonNode number = t == JsonToken.VALUE_NUMBER_FLOAT ? NODES.numberNode(parser.getDoubleValue())
                        : switch (parser.getNumberType()) {
                            case INT -> NODES.numberNode(parser.getIntValue());
                            case LONG -> NODES.numberNode(parser.getLongValue());
                            default -> NODES.numberNode(parser.getBigIntegerValue());
                        };
                if (!Double.isFinite(number.doubleValue())) {
                    throw notFinite();
                }
                return number;
            }
            return switch (t) {
                case VALUE_STRING -> NODES.textNode(parser.getText());
                case VALUE_TRUE -> NODES.booleanNode(true);
                case VALUE_FALSE -> NODES.booleanNode(false);
                case VALUE_NULL -> NODES.nullNode();
                default -> throw new IllegalStateException("not a scalar: " + t);
            };
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Opens a parser over the document; called a second time only to locate a non-finite number. */
    private interface Input {
        JsonParser open() throws IOException;
    }

    private static JsonNode read(Input input, String source, String example) {
        try (JsonParser parser = input.open()) {
            return read(parser, input, source, example);
        } catch (IOException e) {
            throw new InputException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode read(JsonParser parser, Input input, String source, String example) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(parser);
            if (root != null && !root.isMissingNode() && parser.nextToken() != null) {
                throw malformed(source, parser.currentTokenLocation(), "$",
                        "more content after the end of the JSON document; a file holds one JSON value");
            }
        } catch (JsonProcessingException e) {
            String path = e instanceof StreamReadException s && s.getProcessor() != null
                    ? path(s.getProcessor().getParsingContext()) : "$";
            throw malformed(source, e.getLocation(), path, firstLine(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw new InputException(source + ": the document is empty; it is a JSON object such as " + example);
        }
        checkFinite(root, input, source);
        return root;
    }

    /**
     * Rejects NaN, Infinity and overflowing numbers. The tree has no locations, so a document that
     * holds one is scanned again to say where: rare, and only on the way to an error.
     */
    private static void checkFinite(JsonNode root, Input input, String source) throws IOException {
        if (allFinite(root)) {
            return;
        }
        try (JsonParser p = input.open()) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t.isNumeric() && !Double.isFinite(p.getDoubleValue())) {
                    throw malformed(source, p.currentTokenLocation(), path(p.getParsingContext()),
                            p.getText() + " is not a finite number; JSON numbers are finite (no NaN or Infinity) and fit a double");
                }
            }
        }
        throw malformed(source, null, "$", "it holds a number that is not finite; JSON numbers are finite (no NaN or Infinity)");
    }

    private static boolean allFinite(JsonNode node) {
        if (node.isNumber()) {
            return Double.isFinite(node.doubleValue());
        }
        for (JsonNode child : node) {
            if (!allFinite(child)) {
                return false;
            }
        }
        return true;
    }

    private static InputException malformed(String source, JsonLocation at, String path, String what) {
        String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new InputException(source + ": malformed JSON" + where + ("$".equals(path) ? "" : " (" + path + ")") + ": " + what);
    }

    /** The JSON path ({@code $.layers[0].bias[2]}) of the parser's current value. */
    private static String path(JsonStreamContext context) {
        StringBuilder out = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                out.insert(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                out.insert(0, "." + c.getCurrentName());
            }
        }
        return "$" + out;
    }

    /** Jackson's message on one line, its "[Source: ...; line: 1, column: 12]" shortened to "line 1, column 12". */
    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return SOURCE_LOCATION.matcher(line).replaceAll("line $1, column $2");
    }

    /** How messages show what was found where something else was expected: "an array", "a string ("x")". */
    public static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string (\"" + node.textValue() + "\")";
            case NUMBER -> "a number (" + node.asText() + ")";
            case BOOLEAN -> "a boolean (" + node.asText() + ")";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }

    /** {@code demo} for {@code demo.json}: the default output folder's name. */
    public static String baseName(String fileName) {
        String name = Path.of(fileName).getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }
}
