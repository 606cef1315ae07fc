package io.illc.plugins.render;

import io.illc.api.ExplanationRenderer;
import io.illc.api.ExplanationRendererFactory;
import io.illc.api.Parameters;

/** The {@code bag} renderer plugin: the weighted bipolar argumentation format Uncertainpy reads, see {@link BagRenderer}. */
public final class BagRendererFactory implements ExplanationRendererFactory {
    /** The permanent name specs use. */
    public static final String NAME = "bag";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the QBAF as a weighted bipolar argumentation graph (.bag) for Uncertainpy, with the biases and"
                + " activations the MLP-based semantics needs";
    }

    @Override
    public ExplanationRenderer create(Parameters parameters) {
        return BagRenderer.INSTANCE;
    }
}
