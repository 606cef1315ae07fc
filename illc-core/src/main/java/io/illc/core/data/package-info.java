/**
 * Datasets: the immutable {@link io.illc.core.data.Dataset} value, the CSV reader
 * {@link io.illc.core.data.CsvLoader}, the bundled datasets in
 * {@link io.illc.core.data.BuiltinDatasets} (with their CSV resources in this package), and the
 * checks in {@link io.illc.core.data.DataChecks} that match a dataset to a model.
 */
package io.illc.core.data;
