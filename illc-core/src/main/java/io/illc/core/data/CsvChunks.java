package io.illc.core.data;

import io.illc.api.Matrix;
import io.illc.core.InputException;
import io.illc.core.Workers;
import io.illc.core.stream.ChunkSource;
import io.illc.core.stream.LocalRowPasses;
import io.illc.core.stream.RowChunk;

import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The feature columns of a CSV file read in chunks of {@link LocalRowPasses#CHUNK_ROWS} rows, never
 * the whole file at once: the rows of a streamed compression. The format, and the wording of every
 * problem, is {@link CsvLoader}'s: both read through {@link CsvRows}, or a plain file through
 * {@link CsvRanges}, which reads what CsvRows reads, to the bit. The label column, if any, must
 * not be empty; each chunk carries its rows' class indices ({@link RowChunk#labels()}, in
 * {@link #classNames()} order) for training, while the compression reads only the features.
 *
 * <p>{@link #open} reads the whole file once to check every row and count them, so a malformed
 * row — even the 700 000th — fails before anything is computed or written, with a message naming
 * the row, its line and its column (a plain file's check runs on many threads). Each pass then
 * reads the file afresh. Immutable and thread-safe; each reader belongs to one pass.
 */
public final class CsvChunks implements ChunkSource {
    /** Distinct labels kept for naming the outputs; a label column with more is no class label. */
    static final int MAX_CLASSES = 10_000;

    private final Path file;
    /** The file read by CsvRanges, when its check found it plain, and what the check found; null: read by CsvRows. */
    private final CsvRanges.Plain plain;
    private final CsvRanges.Checked checked;
    private final String source;
    private final List<String> header;
    private final int labelIndex;
    private final List<String> featureNames;
    private final long rows;
    private final String sha256;
    private final List<String> classNames;
    private final Map<String, Integer> classOfToken;

    private CsvChunks(Path file, CsvRanges.Plain plain, CsvRanges.Checked checked, List<String> header, int labelIndex,
                      long rows, String sha256, List<String> classNames, Map<String, Integer> classOfToken) {
        this.file = file;
        this.plain = plain;
        this.checked = checked;
        this.source = file.toString();
        this.header = header;
        this.labelIndex = labelIndex;
        this.featureNames = List.copyOf(CsvLoader.withoutLabel(header, labelIndex));
        this.rows = rows;
        this.sha256 = sha256;
        this.classNames = classNames;
        this.classOfToken = Map.copyOf(classOfToken);
    }

    /**
     * Checks every row of {@code file} and counts them.
     *
     * @param labelColumn the label column's name; {@code null} with {@code hasLabel} = the last column
     * @param hasLabel    false when every column is a feature
     * @throws InputException for a missing or unreadable file and every format problem, naming the row
     */
    public static CsvChunks open(Path file, String labelColumn, boolean hasLabel) {
        return open(file, labelColumn, hasLabel, (done, total) -> { });
    }

    /**
     * Told how many bytes of a file a read or check has read: every megabyte on one thread
     * ({@link ProgressStream}), as each range is done on many ({@link CsvRanges}), and at the end.
     */
    @FunctionalInterface
    public interface BytesRead {
        void bytesRead(long done, long total);
    }

    /**
     * {@link #open(Path, String, boolean)}, telling {@code progress} how far the check has read: a
     * large file's check is a whole pass over it.
     */
    public static CsvChunks open(Path file, String labelColumn, boolean hasLabel, BytesRead progress) {
        return open(file, labelColumn, hasLabel, Workers.available(), progress);
    }

    /**
     * {@link #open(Path, String, boolean, BytesRead)}, checking a plain file on {@code threads}
     * threads ({@link CsvRanges}; any other file is checked on one).
     */
    public static CsvChunks open(Path file, String labelColumn, boolean hasLabel, int threads, BytesRead progress) {
        Objects.requireNonNull(file, "file");
        CsvRanges.Plain plain = CsvRanges.plain(file, labelColumn, hasLabel);
        CsvRanges.Checked checked = plain == null ? null : plain.check(threads, MAX_CLASSES, progress);
        if (checked != null) {
            return chunks(file, plain, checked, plain.columns(), plain.labelIndex(), checked.rows(), checked.sha256(),
                    checked.labels());
        }
        MessageDigest digest = CsvLoader.newSha256();
        long size = CsvLoader.size(file);
        try (CsvRows rows = new CsvRows(file.toString(), file,
                new DigestInputStream(new ProgressStream(CsvRows.open(file), size, progress), digest))) {
            List<String> header = rows.header();
            int labelIndex = rows.useLabel(labelColumn, hasLabel);
            double[] row = new double[rows.features()];
            Set<String> labels = new LinkedHashSet<>();
            long count = 0;
            while (rows.next(row, 0)) {
                count++;
                if (labelIndex >= 0 && labels.size() <= MAX_CLASSES) {
                    labels.add(rows.label());
                }
            }
            progress.bytesRead(size, size);
            if (count == 0) {
                throw new InputException(file + " has a header row but no data rows");
            }
            return chunks(file, null, null, header, labelIndex, count, HexFormat.of().formatHex(digest.digest()),
                    List.copyOf(labels));
        }
    }

    /** @param labels the first distinct labels in file order, up to one more than {@link #MAX_CLASSES} */
    private static CsvChunks chunks(Path file, CsvRanges.Plain plain, CsvRanges.Checked checked, List<String> header,
                                    int labelIndex, long rows, String sha256, List<String> labels) {
        Map<String, Integer> classOfToken = new HashMap<>();
        List<String> classNames = labels.size() > MAX_CLASSES ? List.of() : CsvLoader.classNames(labels, classOfToken);
        return new CsvChunks(file, plain, checked, header, labelIndex, rows, sha256, classNames, classOfToken);
    }

    /**
     * What is known of the data without holding its rows: a dataset of zero rows named after the
     * file, with its feature names, label column, classes and SHA-256.
     */
    public Dataset header() {
        Path name = file.getFileName();
        return new Dataset(name == null ? source : name.toString(), featureNames, Matrix.zeros(0, featureNames.size()),
                labelName(), classNames, labelIndex < 0 ? null : new int[0], sha256);
    }

    /** The feature columns in file order. */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * The distinct labels in {@link CsvLoader}'s class order (output neuron i is class i); empty
     * without a label column, or with more than {@link #MAX_CLASSES} distinct labels.
     */
    public List<String> classNames() {
        return classNames;
    }

    /** The label column's name, or {@code null} without one. */
    public String labelName() {
        return labelIndex < 0 ? null : header.get(labelIndex);
    }

    /** Hex SHA-256 of the file's bytes, for provenance. */
    public String sha256() {
        return sha256;
    }

    @Override
    public long count() {
        return rows;
    }

    @Override
    public int features() {
        return featureNames.size();
    }

    /**
     * These rows with their feature columns in {@code order} (a model's input order), chunk by
     * chunk; this source itself when that is the file's order.
     *
     * @param order every feature name, each once
     */
    public ChunkSource inOrder(List<String> order) {
        if (order.equals(featureNames)) {
            return this;
        }
        int m = featureNames.size();
        Map<String, Integer> columnOfName = new HashMap<>(); // by name, not indexOf: a file may have 100 000 columns
        for (int c = 0; c < m; c++) {
            columnOfName.put(featureNames.get(c), c);
        }
        if (order.size() != m || !columnOfName.keySet().containsAll(order)) {
            throw new IllegalArgumentException(order + " is not an order of " + featureNames);
        }
        int[] from = new int[m];
        for (int i = 0; i < m; i++) {
            from[i] = columnOfName.get(order.get(i));
        }
        CsvChunks file = this;
        return new ChunkSource() {
            @Override
            public long count() {
                return file.count();
            }

            @Override
            public int features() {
                return m;
            }

            @Override
            public ChunkReader open() {
                ChunkReader reader = file.open();
                return new ChunkReader() {
                    @Override
                    public RowChunk next() {
                        RowChunk chunk = reader.next();
                        return chunk == null ? null : reordered(chunk);
                    }

                    @Override
                    public ChunkAt byIndex() {
                        ChunkAt chunks = reader.byIndex();
                        return chunks == null ? null : index -> reordered(chunks.chunk(index));
                    }

                    private RowChunk reordered(RowChunk chunk) {
                        double[] in = chunk.values();
                        double[] out = new double[in.length];
                        for (int r = 0; r < chunk.rows(); r++) {
                            for (int i = 0; i < m; i++) {
                                out[r * m + i] = in[r * m + from[i]];
                            }
                        }
                        return new RowChunk(chunk.firstRow(), chunk.rows(), m, out, chunk.labels());
                    }

                    @Override
                    public void close() {
                        reader.close();
                    }
                };
            }
        };
    }

    @Override
    public ChunkReader open() {
        return new ChunkReader() {
            /** Opened by the first {@link #next}: a pass whose workers read by index never needs it. */
            private RowSource records;
            private long next;

            @Override
            public RowChunk next() {
                if (next >= rows) {
                    return null;
                }
                if (records == null) {
                    records = plain != null ? plain.rows(checked.chunkStart(0)) : csvRows();
                }
                RowChunk chunk = chunk(records, next);
                next += chunk.rows();
                return chunk;
            }

            /** A plain file's chunks, each read from where the check found it starts. */
            @Override
            public ChunkAt byIndex() {
                if (plain == null) {
                    return null;
                }
                return index -> {
                    try (RowSource from = plain.chunk(checked, index)) {
                        return chunk(from, (long) index * LocalRowPasses.CHUNK_ROWS);
                    }
                };
            }

            @Override
            public void close() {
                if (records != null) {
                    records.close();
                }
            }
        };
    }

    /** The chunk of rows from row {@code first} (0-based) on, read from {@code records}, which stand at that row. */
    private RowChunk chunk(RowSource records, long first) {
        int n = (int) Math.min(LocalRowPasses.CHUNK_ROWS, rows - first);
        int m = featureNames.size();
        double[] values = new double[n * m];
        int[] labels = classNames.isEmpty() ? null : new int[n];
        for (int r = 0; r < n; r++) {
            if (!records.next(values, r * m)) {
                throw new InputException(source + " changed while it was read: it has fewer than " + rows + " rows now");
            }
            if (labels != null) {
                labels[r] = classOf(records.label(), first + r + 1);
            }
        }
        return new RowChunk(first, n, m, values, labels);
    }

    private CsvRows csvRows() {
        CsvRows records = CsvRows.of(file);
        try {
            records.useLabel(labelName(), labelIndex >= 0);
        } catch (RuntimeException e) {
            records.close();
            throw e;
        }
        return records;
    }

    private int classOf(String token, long row) {
        Integer c = classOfToken.get(token);
        if (c == null) {
            throw new InputException(source + " changed while it was read: row " + row + " has the new label '" + token + "'");
        }
        return c;
    }
}
