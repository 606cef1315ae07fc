/**
 * The built-in explanation renderers: they write a {@link io.illc.api.Qbaf} to the stream the
 * engine gives them.
 *
 * <ul>
 *   <li>{@code json} ({@link io.illc.plugins.render.JsonRendererFactory}): the versioned
 *       {@code illc-qbaf} document, every argument and edge, specified by
 *       {@code docs/qbaf.schema.json};</li>
 *   <li>{@code dot} ({@link io.illc.plugins.render.DotRendererFactory}): a Graphviz picture, layers
 *       left to right, supports green and attacks red, thinned to the strongest edges
 *       ({@code edgeQuantile} or {@code topK});</li>
 *   <li>{@code html} ({@link io.illc.plugins.render.HtmlRendererFactory}): one self-contained,
 *       offline, interactive page (a canvas viewer with a live edge filter, argument details and
 *       the run summary), built from {@code illc-viewer/} into the resource
 *       {@code viewer-template.html}; see {@code docs/viewer.md};</li>
 *   <li>{@code bag} ({@link io.illc.plugins.render.BagRendererFactory}): the weighted bipolar
 *       argumentation format Uncertainpy reads, with the biases and activations the MLP-based
 *       semantics needs; see {@code docs/qbaf.md}.</li>
 * </ul>
 *
 * <p>Renderers never open or close files or streams, and their output is a pure function of the
 * QBAF and their parameters, byte for byte.
 */
package io.illc.plugins.render;
