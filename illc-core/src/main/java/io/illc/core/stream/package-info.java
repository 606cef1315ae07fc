/**
 * Rows as a stream of chunks and the one operation every engine offers on them: a fold into
 * sufficient statistics (sums over rows) with a fixed combination order. The single-machine engine
 * ({@link io.illc.core.stream.LocalRowPasses}: chunks of 4096 rows from a
 * {@link io.illc.core.stream.ChunkSource}, folded on a fixed number of threads) and the Spark engine
 * implement {@link io.illc.core.stream.RowPasses}; the compressors and metrics written against it
 * ({@code Compressor.compress(StreamedCompressionRequest, RowPasses)},
 * {@code EvaluateStage.evaluate(…, RowPasses, …)}) need memory independent of the number of rows.
 */
package io.illc.core.stream;
