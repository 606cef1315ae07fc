/**
 * Models: where an {@link io.illc.api.Mlp} comes from and how it is saved.
 * {@link io.illc.core.model.WeightsJson} reads and writes the framework-neutral weights JSON
 * format ({@code "format": "illc-mlp"}); {@link io.illc.core.model.ModelFile} is a model as read
 * from a file, with whether the file named its inputs and outputs.
 * {@link io.illc.core.model.Trainer} trains classifier MLPs with Deeplearning4j;
 * {@link io.illc.core.model.Dl4jModels}, {@link io.illc.core.model.KerasImport} and
 * {@link io.illc.core.model.OnnxImport} convert DL4J, Keras 2 HDF5 and ONNX models;
 * {@link io.illc.core.model.ModelLoader} and {@link io.illc.core.model.ModelWriter} pick the format
 * of a model file.
 */
package io.illc.core.model;
