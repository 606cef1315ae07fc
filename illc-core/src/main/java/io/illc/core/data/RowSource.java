package io.illc.core.data;

/**
 * The data rows of a CSV file, one at a time: {@link CsvRows} for any file, {@link CsvRanges} for a
 * plain one. Not thread-safe: one source per read.
 */
interface RowSource extends AutoCloseable {
    /**
     * Reads the next data row's features into {@code out} from {@code offset}, and its label.
     *
     * @return false after the last row
     * @throws io.illc.core.InputException for a row that cannot be read, naming it
     */
    boolean next(double[] out, int offset);

    /** The label of the row {@link #next} read last; null without a label column. */
    String label();

    @Override
    void close();
}
