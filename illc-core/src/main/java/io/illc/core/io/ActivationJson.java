package io.illc.core.io;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.JsonNode;
import io.illc.api.Activation;
import io.illc.core.catalog.Suggestions;

import java.util.Iterator;
import java.util.List;

/**
 * The one JSON form of an activation, shared by weights JSON, the QBAF document and the spec: its
 * name, or for one with a parameter an object with the name and the parameter, e.g.
 * {@code {"name": "leaky-relu", "slope": 0.2}} or {@code {"name": "elu", "alpha": 1.0}}. A bare
 * name takes the default parameter. Stateless.
 */
public final class ActivationJson {
    private static final List<String> NAMES = Activation.names();

    private ActivationJson() {
    }

    /** The JSON text of {@code a}: a quoted name or a one-line object. */
    public static String toJson(Activation a) {
        StringBuilder name = new StringBuilder("\"");
        JsonStringEncoder.getInstance().quoteAsString(a.jsonName(), name);
        name.append('"');
        if (!a.hasParameter()) {
            return name.toString();
        }
        return "{\"name\": " + name + ", \"" + a.kind().parameterName() + "\": " + NumberOutput.toString(a.parameter()) + "}";
    }

    /**
     * Reads what {@link #toJson} writes.
     *
     * @throws IllegalArgumentException with a message (without a JSON path) saying what is wrong
     */
    public static Activation parse(JsonNode node) {
        if (node.isTextual()) {
            Activation a = Activation.fromName(node.textValue());
            if (a == null) {
                throw new IllegalArgumentException("unknown activation '" + node.textValue() + "'; allowed: "
                        + String.join(", ", NAMES) + Suggestions.didYouMean(node.textValue(), NAMES));
            }
            return a;
        }
        if (!node.isObject() || !node.path("name").isTextual()) {
            throw new IllegalArgumentException("expected an activation name (one of " + String.join(", ", NAMES)
                    + ") or an object like {\"name\": \"leaky-relu\", \"slope\": 0.2}, found " + StrictJson.describe(node));
        }
        Activation a = parse(node.get("name"));
        String parameter = a.kind().parameterName();
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("name") && !key.equals(parameter)) {
                throw new IllegalArgumentException("unknown key '" + key + "' of activation " + a.jsonName() + "; "
                        + (parameter == null ? "it takes no parameter" : "its parameter is '" + parameter + "'"));
            }
        }
        if (parameter == null || !node.has(parameter)) {
            return a;
        }
        JsonNode value = node.get(parameter);
        if (!value.isNumber()) {
            throw new IllegalArgumentException(a.jsonName() + " " + parameter + " must be a number, found " + StrictJson.describe(value));
        }
        return Activation.of(a.kind(), value.doubleValue());
    }
}
