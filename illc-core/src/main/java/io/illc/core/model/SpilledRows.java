package io.illc.core.model;

import io.illc.core.io.SpilledRecords;

import java.io.Closeable;

/**
 * Training rows in a temporary file ({@link SpilledRecords}): per row its m feature values and its
 * label, 8 · (m + 1) bytes. Not thread-safe: one trainer reads it.
 */
final class SpilledRows implements TrainingRows, Closeable {
    private final SpilledRecords records;
    private final int features;
    private final double[] record;

    private SpilledRows(SpilledRecords records, int features) {
        this.records = records;
        this.features = features;
        this.record = new double[features + 1];
    }

    /** An empty file of rows of {@code features} values and a label; {@code purpose} names it. */
    static SpilledRows create(int features, String purpose) {
        return new SpilledRows(SpilledRecords.create(features + 1, purpose), features);
    }

    /** Appends one row, {@code values[offset … offset + m)}, and its label; {@link #finish()} before reading. */
    void append(double[] values, int offset, int label) {
        System.arraycopy(values, offset, record, 0, features);
        record[features] = label;
        records.append(record, 0);
    }

    /** Writes what is buffered; the rows appended so far can then be read. */
    void finish() {
        records.finish();
    }

    @Override
    public int count() {
        return records.count();
    }

    @Override
    public int features() {
        return features;
    }

    @Override
    public void read(int[] rows, double[] values, int[] labels) {
        split(records.read(rows), rows.length, values, labels);
    }

    @Override
    public void readRange(int first, int n, double[] values, int[] labels) {
        split(records.readRange(first, n), n, values, labels);
    }

    /** Closes and deletes the file. */
    @Override
    public void close() {
        records.close();
    }

    private void split(double[] read, int rows, double[] values, int[] labels) {
        int width = features + 1;
        for (int k = 0; k < rows; k++) {
            System.arraycopy(read, k * width, values, k * features, features);
            labels[k] = (int) read[k * width + features];
        }
    }
}
