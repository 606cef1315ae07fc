package io.illc.plugins.render;

import io.illc.api.ExplanationRenderer;
import io.illc.api.ExplanationRendererFactory;
import io.illc.api.Parameters;

/** The {@code json} renderer plugin: the versioned {@code illc-qbaf} document, see {@link JsonRenderer}. */
public final class JsonRendererFactory implements ExplanationRendererFactory {
    /** The permanent name specs use. */
    public static final String NAME = "json";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the QBAF as a versioned JSON document (format illc-qbaf, schema docs/qbaf.schema.json)";
    }

    @Override
    public ExplanationRenderer create(Parameters parameters) {
        return JsonRenderer.INSTANCE;
    }
}
