package io.illc.core.stream;

import java.io.Serializable;
import java.util.Objects;

/**
 * Consecutive data rows {@code [firstRow, firstRow + rows)}, row-major {@code [rows, features]}.
 *
 * <p>A chunk is a transient view that an engine hands to a {@link ChunkFold}: to avoid a copy per
 * chunk, {@link #values()} is the engine's own array. Folds read it and never change or keep it.
 */
public final class RowChunk implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long firstRow;
    private final int rows;
    private final int features;
    private final double[] values;
    private final int[] labels;

    /**
     * @param firstRow the 0-based index of the chunk's first row in the whole data
     * @param rows     the number of rows, {@code >= 0}
     * @param features m, the number of values per row
     * @param values   {@code rows * features} values, row-major; not copied
     */
    public RowChunk(long firstRow, int rows, int features, double[] values) {
        this(firstRow, rows, features, values, null);
    }

    /**
     * Rows with their class labels, for training.
     *
     * @param labels the class index of each row, {@code rows} of them; {@code null} without labels; not copied
     */
    public RowChunk(long firstRow, int rows, int features, double[] values, int[] labels) {
        Objects.requireNonNull(values, "values");
        if (firstRow < 0 || rows < 0 || features < 1) {
            throw new IllegalArgumentException("chunk at row " + firstRow + " of " + rows + " rows and "
                    + features + " features");
        }
        if (values.length != (long) rows * features) {
            throw new IllegalArgumentException(values.length + " values for " + rows + " rows of " + features
                    + " features");
        }
        this.firstRow = firstRow;
        this.rows = rows;
        this.features = features;
        if (labels != null && labels.length != rows) {
            throw new IllegalArgumentException(labels.length + " labels for " + rows + " rows");
        }
        this.values = values;
        this.labels = labels;
    }

    /** The 0-based index of the first row in the whole data. */
    public long firstRow() {
        return firstRow;
    }

    /** The number of rows in this chunk. */
    public int rows() {
        return rows;
    }

    /** m, the number of values per row. */
    public int features() {
        return features;
    }

    /** {@code [rows, features]} row-major; the engine's array: read it, never change or keep it. */
    public double[] values() {
        return values;
    }

    /** The class index of each row, or {@code null} when the rows have no labels; read it, never change it. */
    public int[] labels() {
        return labels;
    }
}
