/**
 * The Spark engine ({@code "execution": {"engine": "spark"}}): a run's stages with the rows held by
 * Spark. {@link io.illc.spark.SparkData} reads CSV or Parquet into checked blocks on the executors;
 * {@link io.illc.spark.SparkRowPasses} is their {@link io.illc.core.stream.RowPasses} (per-partition
 * folds, a fixed-order tree combination), on which the streamed compressions and metrics run;
 * {@code SparkLocal} spreads local explanations over the executors; {@link io.illc.spark.SparkEngine}
 * is the {@link io.illc.core.run.RunEngine} that {@code ServiceLoader} finds, and
 * {@link io.illc.spark.SparkJob} the job jar's entry point for {@code spark-submit}.
 */
package io.illc.spark;
