package io.illc.api;

import java.io.Serializable;

/**
 * An {@link AggregationFunction}'s merge of layer l+1's input side written as sums over rows, so
 * that it runs on data streamed in chunks (on one machine or many) with memory independent of the
 * number of rows. The engine makes a fresh accumulator per chunk of rows with {@link #zero},
 * {@link #add}s the chunk, {@link #combine}s the accumulators in row order and calls {@link #merge}
 * once on the total. Serializable, with everything it holds, so that an engine can ship it to
 * other machines; the accumulators must be serializable too.
 *
 * <p>The contract that makes the streamed and the in-memory paths agree: for rows given as one
 * {@link OutgoingMerge} {@code m}, {@code merge(add(zero(), m))} equals the aggregation's
 * {@code mergeOutgoing(m)}.
 *
 * @param <A> the accumulator, e.g. a Gram matrix and a right-hand side
 */
public interface OutgoingSums<A extends Serializable> extends Serializable {

    /** A fresh accumulator holding empty sums. */
    A zero();

    /**
     * Adds some of the rows.
     *
     * @param sums an accumulator from {@link #zero} (possibly with rows added)
     * @param rows the rows of one chunk: their original and compressed activations of layer l and
     *             their row weights π̂ (a part of weights that sum to 1 over all rows)
     * @return the accumulator with the rows added; may be {@code sums} itself, changed
     */
    A add(A sums, OutgoingMerge rows);

    /** The sums of two sets of rows, {@code left} holding the earlier rows; may change and return {@code left}. */
    A combine(A left, A right);

    /** Layer l+1 with its input side merged, from the sums over all rows: weights {@code [n_{l+1}, K_l]}. */
    DenseLayer merge(A sums);

    /**
     * Whether {@link #add} reads the rows at all. An aggregation whose merge needs the weights
     * alone (the average aggregation) says false, and the engine then skips the pass over the data
     * and calls {@code merge(zero())}.
     *
     * @return by default true
     */
    default boolean readsRows() {
        return true;
    }
}
