package io.illc.api;

import java.io.Serializable;

/**
 * A global {@link Metric} written as sums over rows, so that it is computed in one pass over data
 * streamed in chunks (on one machine or many) with memory independent of the number of rows. The
 * engine makes a fresh accumulator per chunk with {@link #zero}, {@link #add}s the chunk's rows,
 * {@link #combine}s the accumulators in row order and calls {@link #result} once. Serializable, with
 * everything it holds, and so must the accumulators be.
 *
 * <p>The contract that makes the streamed and the in-memory paths agree: for rows given as one
 * {@link MetricInput} {@code m}, {@code result(add(zero(), m))} equals {@code evaluate(m)} up to
 * rounding (1e-9 relative), for any split of the rows into chunks.
 *
 * @param <A> the accumulator
 */
public interface MetricSums<A extends Serializable> extends Serializable {

    /** A fresh accumulator holding empty sums. */
    A zero();

    /**
     * Adds some of the rows.
     *
     * @param sums an accumulator from {@link #zero} (possibly with rows added)
     * @param rows the rows of one chunk: both networks' activations over them and their row
     *             weights, each {@code 1/N} with N all the rows (so they sum to less than 1 in a chunk);
     *             {@link MetricInput#instance()} is -1
     * @return the accumulator with the rows added; may be {@code sums} itself, changed
     */
    A add(A sums, MetricInput rows);

    /** The sums of two sets of rows, {@code left} holding the earlier rows; may change and return {@code left}. */
    A combine(A left, A right);

    /** The metric's result from the sums over all rows. */
    MetricResult result(A sums);

    /**
     * Whether {@link #add} reads the rows at all; a metric of the networks alone (a complexity, a
     * weight comparison) says false, and the engine then calls {@code result(zero())} without a pass.
     *
     * @return by default true
     */
    default boolean readsRows() {
        return true;
    }
}
