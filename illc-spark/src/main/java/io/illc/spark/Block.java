package io.illc.spark;

import java.io.Serializable;

/**
 * Consecutive rows of one Spark partition as parsed from the source: the feature values in the
 * source's column order (the label left out) and the label tokens. Numbered within the partition;
 * {@link SparkData} knows each partition's first row. Immutable by convention: nothing changes the arrays.
 *
 * @param partition the Spark partition it came from
 * @param firstRow  the 0-based index of its first row within the partition
 * @param rows      the number of rows
 * @param values    {@code [rows, features]} row-major, in the source's column order
 * @param labels    one label token per row, or {@code null} without a label column
 */
record Block(int partition, long firstRow, int rows, double[] values, String[] labels) implements Serializable {
}
