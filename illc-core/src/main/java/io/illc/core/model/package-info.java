/**
 * Models: where an {@link io.illc.api.Mlp} comes from and how it is saved.
 * {@link io.illc.core.model.WeightsJson} reads and writes the framework-neutral weights JSON
 * format ({@code "format": "illc-mlp"}); {@link io.illc.core.model.ModelFile} is a model as read
 * from a file, with whether the file named its inputs and outputs.
 * {@link io.illc.core.model.Trainer} trains classifier MLPs with Deeplearning4j (the activations
 * DL4J lacks or defines otherwise run through {@link io.illc.core.model.Dl4jActivation});
 * {@link io.illc.core.model.Dl4jModels}, {@link io.illc.core.model.KerasImport} (Keras 2 HDF5),
 * {@link io.illc.core.model.Keras3Import} (Keras 3 {@code .keras}) and
 * {@link io.illc.core.model.OnnxImport} convert framework models, folding normalisation layers
 * into the dense layers ({@code MlpBuilder}); {@link io.illc.core.model.ModelLoader} and
 * {@link io.illc.core.model.ModelWriter} pick the format of a model file;
 * {@link io.illc.core.model.Predictions} are a model's outputs on a dataset ({@code illc predict}).
 */
package io.illc.core.model;
