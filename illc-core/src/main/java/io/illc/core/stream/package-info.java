/**
 * Rows as a stream of chunks and the one operation every engine offers on them: a fold into
 * sufficient statistics (sums over rows) with a fixed combination order. The single-machine engine
 * and the Spark engine implement {@link io.illc.core.stream.RowPasses}; the compressors and metrics
 * written against it need memory independent of the number of rows.
 */
package io.illc.core.stream;
