package io.illc.core.data;

import io.illc.api.Matrix;
import io.illc.core.InputException;
import io.illc.core.stream.ChunkSource;
import io.illc.core.stream.LocalRowPasses;
import io.illc.core.stream.RowChunk;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The feature columns of a CSV file read in chunks of {@link LocalRowPasses#CHUNK_ROWS} rows, never
 * the whole file at once: the rows of a streamed compression. The format is
 * {@link CsvLoader}'s (UTF-8 with an optional byte-order mark, {@code \n} or {@code \r\n}, one
 * header row with unique names, RFC 4180 quoting with quoted commas and line breaks, blank lines
 * only at the end), parsed by Apache Commons CSV. The label column, if any, must not be empty; each
 * chunk carries its rows' class indices ({@link RowChunk#labels()}, in {@link #classNames()} order)
 * for training, while the compression reads only the features.
 *
 * <p>{@link #open} reads the whole file once to check every row and count them, so a malformed
 * row — even the 700 000th — fails before anything is computed or written, with a message naming
 * the row, its line and its column. Each pass then reads the file afresh. Immutable and
 * thread-safe; each reader belongs to one pass.
 */
public final class CsvChunks implements ChunkSource {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(true)
            .get();

    /** Distinct labels kept for naming the outputs; a label column with more is no class label. */
    static final int MAX_CLASSES = 10_000;

    private final Path file;
    private final String source;
    private final List<String> header;
    private final int labelIndex;
    private final List<String> featureNames;
    private final long rows;
    private final String sha256;
    private final List<String> classNames;
    private final Map<String, Integer> classOfToken;

    private CsvChunks(Path file, List<String> header, int labelIndex, long rows, String sha256, List<String> classNames,
                      Map<String, Integer> classOfToken) {
        this.file = file;
        this.source = file.toString();
        this.header = header;
        this.labelIndex = labelIndex;
        List<String> names = new ArrayList<>(header);
        if (labelIndex >= 0) {
            names.remove(labelIndex);
        }
        this.featureNames = List.copyOf(names);
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

    /** Told how many bytes of the file the check has read, every {@link LocalRowPasses#CHUNK_ROWS} rows. */
    @FunctionalInterface
    public interface BytesRead {
        void bytesRead(long done, long total);
    }

    /**
     * {@link #open(Path, String, boolean)}, telling {@code progress} how far the check has read: a
     * large file's check is a whole pass over it.
     */
    public static CsvChunks open(Path file, String labelColumn, boolean hasLabel, BytesRead progress) {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new InputException("data file " + file + " is a directory, not a CSV file");
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        long size = size(file);
        Counting counted = new Counting(openFile(file));
        try (Records records = new Records(file, new DigestInputStream(counted, digest))) {
            List<String> header = records.header();
            int labelIndex = CsvLoader.labelIndex(header, labelColumn, hasLabel, file.toString());
            CsvChunks layout = new CsvChunks(file, header, labelIndex, 0, "", List.of(), Map.of());
            double[] row = new double[layout.featureNames.size()];
            Set<String> labels = new LinkedHashSet<>();
            long count = 0;
            while (layout.next(records, row, 0, count + 1)) {
                count++;
                if (labelIndex >= 0 && labels.size() <= MAX_CLASSES) {
                    labels.add(records.last().get(labelIndex).trim());
                }
                if (count % LocalRowPasses.CHUNK_ROWS == 0) {
                    progress.bytesRead(counted.count, size);
                }
            }
            progress.bytesRead(size, size);
            if (count == 0) {
                throw new InputException(file + " has a header row but no data rows");
            }
            Map<String, Integer> classOfToken = new HashMap<>();
            List<String> classNames = labels.size() > MAX_CLASSES ? List.of()
                    : CsvLoader.classNames(labels, classOfToken);
            return new CsvChunks(file, header, labelIndex, count, HexFormat.of().formatHex(digest.digest()), classNames,
                    classOfToken);
        }
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
        if (order.size() != m || !featureNames.containsAll(order)) {
            throw new IllegalArgumentException(order + " is not an order of " + featureNames);
        }
        int[] from = new int[m];
        for (int i = 0; i < m; i++) {
            from[i] = featureNames.indexOf(order.get(i));
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
                        if (chunk == null) {
                            return null;
                        }
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
        Records records = new Records(file, openFile(file));
        try {
            records.header();
        } catch (RuntimeException e) {
            records.close();
            throw e;
        }
        return new ChunkReader() {
            private long next;

            @Override
            public RowChunk next() {
                if (next >= rows) {
                    return null;
                }
                int n = (int) Math.min(LocalRowPasses.CHUNK_ROWS, rows - next);
                int m = featureNames.size();
                double[] values = new double[n * m];
                int[] labels = classNames.isEmpty() ? null : new int[n];
                for (int r = 0; r < n; r++) {
                    if (!CsvChunks.this.next(records, values, r * m, next + r + 1)) {
                        throw new InputException(source + " changed while it was read: it has fewer than " + rows + " rows now");
                    }
                    if (labels != null) {
                        labels[r] = classOf(records.last().get(labelIndex).trim(), next + r + 1);
                    }
                }
                RowChunk chunk = new RowChunk(next, n, m, values, labels);
                next += n;
                return chunk;
            }

            @Override
            public void close() {
                records.close();
            }
        };
    }

    private int classOf(String token, long row) {
        Integer c = classOfToken.get(token);
        if (c == null) {
            throw new InputException(source + " changed while it was read: row " + row + " has the new label '" + token + "'");
        }
        return c;
    }

    /**
     * Reads the next data row's features into {@code out} from {@code offset}.
     *
     * @param row the 1-based number of the data row, for messages
     * @return false after the last row (blank lines at the end are skipped)
     */
    private boolean next(Records records, double[] out, int offset, long row) {
        CSVRecord record = records.next(row);
        if (record == null) {
            return false;
        }
        long line = records.startLine();
        String at = source + ", row " + row + " (line " + line + ")";
        if (isBlank(record)) {
            // Blank lines may end the file; a row after one is an error.
            while ((record = records.next(row)) != null) {
                if (!isBlank(record)) {
                    throw new InputException(at + " is empty; remove blank lines between rows");
                }
            }
            return false;
        }
        if (record.size() != header.size()) {
            throw new InputException(at + " has " + record.size() + " fields, the header has " + header.size());
        }
        int f = 0;
        for (int c = 0; c < record.size(); c++) {
            String token = record.get(c).trim();
            if (c == labelIndex) {
                if (token.isEmpty()) {
                    throw new InputException(at + ", column '" + header.get(c) + "': missing label (empty field)");
                }
            } else {
                double v = CsvLoader.number(token);
                if (Double.isNaN(v)) {
                    throw CsvLoader.notANumber(token, at + ", column '" + header.get(c) + "'");
                }
                out[offset + f++] = v;
            }
        }
        return true;
    }

    private static boolean isBlank(CSVRecord record) {
        return record.size() == 1 && record.get(0).isBlank();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw CsvLoader.unreadable(file, e);
        }
    }

    /** The bytes read through it so far. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count += Math.max(n, 0);
            return n;
        }
    }

    private static InputStream openFile(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw CsvLoader.unreadable(file, e);
        }
    }

    /** The records of one read of the file, with the line each starts on; turns parser failures into messages. */
    private static final class Records implements AutoCloseable {
        private final String source;
        private final CSVParser parser;
        private final Iterator<CSVRecord> iterator;
        private long endOfPrevious;
        private long startLine;
        private CSVRecord last;

        Records(Path file, InputStream bytes) {
            this.source = file.toString();
            try {
                InputStream in = withoutByteOrderMark(new BufferedInputStream(bytes, 1 << 16));
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
                this.parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
            } catch (IOException e) {
                close(bytes);
                throw CsvLoader.unreadable(file, e);
            }
            this.iterator = parser.iterator();
        }

        /** The header's column names, checked as {@link CsvLoader} checks them. */
        List<String> header() {
            CSVRecord first = next(0);
            if (first == null) {
                throw new InputException(source + " is empty; expected a header row followed by data rows");
            }
            List<String> names = new ArrayList<>(first.size());
            for (int c = 0; c < first.size(); c++) {
                String n = first.get(c).trim();
                if (n.isEmpty()) {
                    throw new InputException(source + ", line 1: column " + (c + 1) + " has an empty name; every column needs a name");
                }
                int earlier = names.indexOf(n);
                if (earlier >= 0) {
                    throw new InputException(source + ", line 1: column name '" + n + "' appears twice (columns "
                            + (earlier + 1) + " and " + (c + 1) + "); column names must be unique");
                }
                names.add(n);
            }
            return List.copyOf(names);
        }

        /** The next record, or null at the end; {@code row} names it in messages (0 for the header). */
        CSVRecord next(long row) {
            try {
                if (!iterator.hasNext()) {
                    return null;
                }
                CSVRecord record = iterator.next();
                startLine = endOfPrevious + 1;
                endOfPrevious = parser.getCurrentLineNumber();
                last = record;
                return record;
            } catch (UncheckedIOException | IllegalStateException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                String where = source + (row == 0 ? ", the header" : ", row " + row) + " (from line " + (endOfPrevious + 1) + ")";
                if (cause instanceof CharacterCodingException) {
                    throw new InputException(source + " is not UTF-8 text; save it as UTF-8 CSV", e);
                }
                throw new InputException(where + ": " + cause.getMessage()
                        + "; a quoted field must be closed, and a closing quote followed by a comma or the end of the line", e);
            }
        }

        /** The last record returned. */
        CSVRecord last() {
            return last;
        }

        /** The line the last record returned starts on, 1-based. */
        long startLine() {
            return startLine;
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void close(InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // already failing with a clearer message
            }
        }

        private static InputStream withoutByteOrderMark(BufferedInputStream in) throws IOException {
            in.mark(3);
            byte[] head = in.readNBytes(3);
            if (!(head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF)) {
                in.reset();
            }
            return in;
        }
    }
}
