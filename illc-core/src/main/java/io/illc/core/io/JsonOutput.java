package io.illc.core.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON writer: every JSON document illc writes goes through one of its layouts, all with
 * Jackson's default number formatting (doubles read back to the identical bits). The layouts are
 * the ones our files have always had, so files written before and after stay byte-identical:
 *
 * <ul>
 *   <li>{@link #document}: the run's and the experiment's documents ({@code metrics.json},
 *       {@code provenance.json}, {@code experiment.json}, cell files): 2-space indent, arrays one
 *       value per line, {@code "key" : value}, "\n" line ends and a final newline;</li>
 *   <li>{@link #spec}: the effective spec {@code spec.json}, written to be read and edited by people
 *       like the specs they write: as above but {@code "key": value}, and {@code {}} / {@code []} when empty;</li>
 *   <li>{@link #compact}: one line, no spaces (hash keys, a spec handed from one parser to another);</li>
 *   <li>{@link #jacksonPretty}: Jackson's default pretty printer (arrays on one line, the platform's
 *       line end), for {@code illc plugins --json} and the names entry of DL4J zips.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    // Doubles as Jackson's Schubfach writer spells them, as model files are: the shortest decimal
    // that reads back to the same bits, about twice as fast as Double.toString (features.json alone
    // holds tens of thousands). Only documents: compact text keys caches by hash, and must not move.
    private static final ObjectWriter DOCUMENT = MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")))
            .with(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);
    private static final ObjectWriter SPEC = MAPPER.writer(specPrinter());
    private static final ObjectWriter JACKSON_PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private JsonOutput() {
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A new empty array node. */
    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** {@code value} (a tree, a list, a map or a record) as a tree. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** The document layout as UTF-8 bytes with a final newline. */
    public static byte[] document(Object tree) {
        return (text(DOCUMENT, tree) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Writes a document's content to a generator. */
    @FunctionalInterface
    public interface Content {
        void writeTo(JsonGenerator json) throws IOException;
    }

    /**
     * The document layout of what {@code content} writes, as UTF-8 bytes with a final newline: the
     * bytes {@link #document(Object)} gives for the tree of the same content, without building it
     * (for the large documents).
     */
    public static byte[] streamedDocument(Content content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = DOCUMENT.createGenerator(out)) {
            content.writeTo(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a JSON document in memory", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** The spec layout as UTF-8 bytes with a final newline. */
    public static byte[] spec(Object tree) {
        return (text(SPEC, tree) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** One line, no spaces, no final newline. */
    public static String compact(Object tree) {
        return text(MAPPER.writer(), tree);
    }

    /** Jackson's default pretty printer, no final newline. */
    public static String jacksonPretty(Object value) {
        return text(JACKSON_PRETTY, value);
    }

    private static String text(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree built in memory", e);
        }
    }

    private static DefaultPrettyPrinter specPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }
}
