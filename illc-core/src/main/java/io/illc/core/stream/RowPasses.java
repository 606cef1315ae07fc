package io.illc.core.stream;

import java.io.Serializable;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

/**
 * Data rows that an engine can pass over any number of times, one chunk at a time, without holding
 * them all: the seam between the algorithms (which need only sums over rows) and the engines
 * (one machine with a fixed number of threads, or a Spark cluster).
 *
 * <p>An engine splits the rows into chunks whose boundaries do not depend on the thread count,
 * folds each group of chunks into its own fresh accumulator and combines the results in a fixed
 * order, so the same rows give the same sums for any number of threads.
 */
public interface RowPasses {
    /** A {@link Supplier} an engine can ship to other machines. */
    interface Zero<A> extends Supplier<A>, Serializable {
    }

    /** A {@link BinaryOperator} an engine can ship to other machines. */
    interface Combine<A> extends BinaryOperator<A>, Serializable {
    }

    /** N, the number of rows. */
    long count();

    /** m, the number of values per row. */
    int features();

    /**
     * One pass over every row.
     *
     * @param zero    a fresh, empty accumulator each time it is called
     * @param fold    adds one chunk to an accumulator
     * @param combine merges two accumulators (left holds the earlier rows); may change and return left
     * @return the sums over all rows
     */
    <A> A aggregate(Zero<A> zero, ChunkFold<A> fold, Combine<A> combine);
}
