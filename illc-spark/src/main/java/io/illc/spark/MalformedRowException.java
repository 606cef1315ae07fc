package io.illc.spark;

/**
 * A row of the source that is not a row of numbers, found on an executor: where it is within its
 * partition, since an executor does not know how many rows the partitions before it hold. The driver
 * turns it into a row number of the whole source.
 */
final class MalformedRowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int partition;
    private final long rowInPartition;
    private final String problem;

    /**
     * @param problem what is wrong, without where (e.g. {@code column 'x': 'abc' is not a number})
     */
    MalformedRowException(int partition, long rowInPartition, String problem) {
        super("partition " + partition + ", row " + rowInPartition + ": " + problem);
        this.partition = partition;
        this.rowInPartition = rowInPartition;
        this.problem = problem;
    }

    int partition() {
        return partition;
    }

    long rowInPartition() {
        return rowInPartition;
    }

    String problem() {
        return problem;
    }
}
