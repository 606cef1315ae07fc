package io.illc.core.stream;

import java.io.Serializable;

/**
 * Adds one chunk of rows to an accumulator of sums over rows. Serializable so that an engine can
 * ship it, with what it captures (a model, a partition), to other machines.
 *
 * @param <A> the accumulator, e.g. a Gram matrix and column sums
 */
@FunctionalInterface
public interface ChunkFold<A> extends Serializable {
    /** @return the accumulator with the chunk added; may be {@code accumulator} itself, changed */
    A fold(A accumulator, RowChunk chunk);
}
