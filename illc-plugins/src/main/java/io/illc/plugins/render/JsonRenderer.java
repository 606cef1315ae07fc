package io.illc.plugins.render;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.illc.api.Activation;
import io.illc.api.Argument;
import io.illc.api.Edge;
import io.illc.api.ExplanationRenderer;
import io.illc.api.LocalContext;
import io.illc.api.Qbaf;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a QBAF as the versioned {@code illc-qbaf} JSON document ({@code docs/qbaf.schema.json}):
 *
 * <pre>{@code
 * {
 *   "format": "illc-qbaf",
 *   "version": 1,
 *   "activations": ["relu", "relu", "softmax"],
 *   "local": {"row": 7, "featureValues": [2.0, 0.5], "prediction": "no", "trueLabel": "yes"},
 *   "arguments": [
 *     {"id": "a", "layer": 0, "kind": "input", "label": "a", "strength": 2.0},
 *     {"id": "C1.0", "layer": 1, "kind": "cluster", "label": "C1.0 (2 neurons)", "members": [0, 2], "bias": 0.5, "baseScore": 0.5, "strength": 1.5},
 *     ...
 *   ],
 *   "edges": [
 *     {"source": "a", "target": "C1.0", "weight": 1.0, "relation": "support"},
 *     ...
 *   ]
 * }
 * }</pre>
 *
 * {@code activations} holds φ of layers 1..d+1 (the last is the output layer's), so the document
 * alone is enough to evaluate the QBAF at a row. Fields that are not known are left out
 * ({@code local}, {@code bias}, {@code baseScore}, {@code strength}, {@code trueLabel});
 * {@code members} appears on cluster arguments only. Doubles are
 * written in their shortest round-trip form, so reading the document back gives the same doubles.
 * UTF-8, one argument or edge per line, {@code \n} line ends: the same QBAF always gives the same
 * bytes. Stateless and thread-safe.
 */
final class JsonRenderer implements ExplanationRenderer {
    /** The value of the document's {@code format} field. */
    static final String FORMAT = "illc-qbaf";
    /** The document version; bumped on any change a reader must know about. */
    static final int VERSION = 1;

    static final JsonRenderer INSTANCE = new JsonRenderer();

    // USE_FAST_DOUBLE_WRITER is Jackson's Schubfach writer: the shortest decimal that reads back to
    // the same double, on every JDK (JDK 17's Double.toString is sometimes longer).
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private JsonRenderer() {
    }

    @Override
    public String fileExtension() {
        return "json";
    }

    @Override
    public void render(Qbaf qbaf, OutputStream out) throws IOException {
        checkFinite(qbaf);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            LinePerItem layout = new LinePerItem();
            g.setPrettyPrinter(layout);
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("version", VERSION);
            g.writeFieldName("activations");
            // A few short names: one line reads better than one name per line. Set after the field
            // name, whose line break before it belongs to the top object.
            layout.oneLine = true;
            g.writeStartArray();
            for (Activation a : qbaf.activations()) {
                // A parameterised activation is {"name": ..., "slope" | "alpha": ...}, as in weights JSON.
                if (a.hasParameter()) {
                    g.writeStartObject();
                    g.writeStringField("name", a.jsonName());
                    g.writeNumberField(a.kind().parameterName(), a.parameter());
                    g.writeEndObject();
                } else {
                    g.writeString(a.jsonName());
                }
            }
            g.writeEndArray();
            layout.oneLine = false;
            if (qbaf.local() != null) {
                writeLocal(g, qbaf.local());
            }
            g.writeArrayFieldStart("arguments");
            for (Argument a : qbaf.arguments()) {
                writeArgument(g, a);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("edges");
            for (Edge e : qbaf.edges()) {
                g.writeStartObject();
                g.writeStringField("source", e.source());
                g.writeStringField("target", e.target());
                g.writeNumberField("weight", e.weight());
                g.writeStringField("relation", e.relation().jsonName());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writeLocal(JsonGenerator g, LocalContext local) throws IOException {
        g.writeObjectFieldStart("local");
        g.writeNumberField("row", local.row());
        g.writeArrayFieldStart("featureValues");
        for (double v : local.featureValues()) {
            g.writeNumber(v);
        }
        g.writeEndArray();
        g.writeStringField("prediction", local.prediction());
        if (local.trueLabel() != null) {
            g.writeStringField("trueLabel", local.trueLabel());
        }
        g.writeEndObject();
    }

    private static void writeArgument(JsonGenerator g, Argument a) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", a.id());
        g.writeNumberField("layer", a.layer());
        g.writeStringField("kind", a.kind().jsonName());
        g.writeStringField("label", a.label());
        if (a.kind() == Argument.Kind.CLUSTER) {
            g.writeArrayFieldStart("members");
            for (int m : a.members()) {
                g.writeNumber(m);
            }
            g.writeEndArray();
        }
        writeOptional(g, "bias", a.bias());
        writeOptional(g, "baseScore", a.baseScore());
        writeOptional(g, "strength", a.strength());
        g.writeEndObject();
    }

    private static void writeOptional(JsonGenerator g, String field, Double value) throws IOException {
        if (value != null) {
            g.writeNumberField(field, value);
        }
    }

    /**
     * JSON has no NaN or infinity, and writing one as a string would break every reader: refuse
     * before the first byte is written, so no half document reaches the stream. (Edge weights are
     * finite by construction.)
     */
    private static void checkFinite(Qbaf qbaf) {
        if (qbaf.local() != null) {
            for (double v : qbaf.local().featureValues()) {
                requireFinite(v, "a feature value of the explained row");
            }
        }
        for (Argument a : qbaf.arguments()) {
            for (Double v : new Double[] {a.bias(), a.baseScore(), a.strength()}) {
                if (v != null) {
                    requireFinite(v, "a number of argument '" + a.id() + "'");
                }
            }
        }
    }

    private static void requireFinite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " is " + v + ", which JSON cannot hold");
        }
    }

    /**
     * Layout: the top object and the arrays directly in it (nesting depth 1 and 2) one item per
     * line, indented by two spaces per level; everything deeper on one line. Keeps a big QBAF
     * readable and diff-friendly without a line per number. While {@link #oneLine} is set,
     * everything goes on one line whatever its depth. Holds the current depth, so one per document.
     */
    private static final class LinePerItem implements PrettyPrinter {
        private static final int MULTI_LINE_DEPTH = 2;
        private int depth;
        /** Set by the renderer around a value that goes on one line. */
        boolean oneLine;

        @Override
        public void writeRootValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
            depth++;
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            lineBreakOrNothing(g);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            lineBreakOrSpace(g);
        }

        @Override
        public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
            close(g, nrOfEntries, '}');
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
            depth++;
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            lineBreakOrNothing(g);
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            lineBreakOrSpace(g);
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            close(g, nrOfValues, ']');
        }

        private void close(JsonGenerator g, int entries, char bracket) throws IOException {
            depth--;
            if (entries > 0 && depth < MULTI_LINE_DEPTH && !oneLine) {
                newLine(g, depth);
            }
            g.writeRaw(bracket);
        }

        private void lineBreakOrNothing(JsonGenerator g) throws IOException {
            if (depth <= MULTI_LINE_DEPTH && !oneLine) {
                newLine(g, depth);
            }
        }

        private void lineBreakOrSpace(JsonGenerator g) throws IOException {
            if (depth <= MULTI_LINE_DEPTH && !oneLine) {
                newLine(g, depth);
            } else {
                g.writeRaw(' ');
            }
        }

        private static void newLine(JsonGenerator g, int level) throws IOException {
            g.writeRaw('\n');
            g.writeRaw("  ".repeat(level));
        }
    }
}
