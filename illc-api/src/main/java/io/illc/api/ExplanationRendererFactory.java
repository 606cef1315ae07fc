package io.illc.api;

/** The service interface of renderer plugins. */
public interface ExplanationRendererFactory extends PluginFactory<ExplanationRenderer> {
}
