/**
 * The SpArX global and ILLC compressors: the layer loop, clustering inputs and merges. The loop
 * reads its sums over rows from rows held in memory or streamed through
 * {@link io.illc.core.stream.RowPasses}; both give the same partitions and network.
 */
package io.illc.core.compress;
