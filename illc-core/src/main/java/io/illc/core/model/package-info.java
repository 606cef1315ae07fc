/**
 * Models: where an {@link io.illc.api.Mlp} comes from and how it is saved.
 * {@link io.illc.core.model.WeightsJson} reads and writes the framework-neutral weights JSON
 * format ({@code "format": "illc-mlp"}); {@link io.illc.core.model.ModelFile} is a model as read
 * from a file, with whether the file named its inputs and outputs.
 */
package io.illc.core.model;
