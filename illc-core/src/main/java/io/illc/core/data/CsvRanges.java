package io.illc.core.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import io.illc.api.Matrix;
import io.illc.core.InputException;
import io.illc.core.Workers;
import io.illc.core.io.ExactDecimal;
import io.illc.core.stream.LocalRowPasses;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A plain CSV file parsed from its bytes, in byte ranges on many threads: the fast path of
 * {@link CsvLoader#load} and of {@link CsvChunks}. The data rows are cut into ranges at line
 * starts; held, a first pass counts each range's rows, so that the second parses every row straight
 * into its place in the table; streamed, one pass checks every row, noting where every chunk of
 * rows starts, and each later pass's workers read their chunks from there. The table, the labels
 * and the SHA-256 are those that {@link CsvRows} reads, to the bit, for any thread count.
 *
 * <p>Only plain files take this path: uncompressed, rows of printable ASCII (labels also of any
 * other characters, in UTF-8) ended by {@code \n} or {@code \r\n}, quoted fields without line
 * breaks or doubled quotes. For any other file, and for any
 * row that CsvRows would refuse, it declines (returns null): the file is then read by CsvRows, which
 * reads it or words the problem, with its row, line and column. Stateless and thread-safe.
 */
final class CsvRanges {
    /** The least bytes of a range: a smaller one costs more in task overhead than it saves. */
    static final int MIN_RANGE_BYTES = 1 << 20;

    /** Bytes read from the file at a time; a buffer grows beyond it only for a longer line. */
    static final int READ_BYTES = 1 << 20;

    /** Ranges per thread, so that a thread that finishes early takes another. */
    private static final int RANGES_PER_THREAD = 8;

    /** The longest header line read: a longer one (a million columns) is left to CsvRows. */
    private static final int MAX_HEADER_BYTES = 64 << 20;

    private CsvRanges() {
    }

    /** Why this path declines a file: no message, since CsvRows reads the file again and tells. */
    private static final class Declined extends RuntimeException {
        private static final Declined INSTANCE = new Declined();

        private Declined() {
            super(null, null, false, false);
        }
    }

    /**
     * Reads {@code file} as {@link CsvLoader#load} does, on {@code threads} threads.
     *
     * @return the dataset, or null when the file is not plain or has a row that CsvRows refuses
     */
    static Dataset read(Path file, String name, String labelColumn, boolean hasLabel, int threads,
                        CsvChunks.BytesRead progress) {
        Plain plain = plain(file, labelColumn, hasLabel, MIN_RANGE_BYTES, READ_BYTES);
        return plain == null ? null : plain.held(name, threads, progress);
    }

    /**
     * As {@link #read(Path, String, String, boolean, int, CsvChunks.BytesRead)}, with ranges and
     * reads of the given least sizes (for tests).
     */
    static Dataset read(Path file, String name, String labelColumn, boolean hasLabel, int threads, int minRangeBytes,
                        int readBytes) {
        Plain plain = plain(file, labelColumn, hasLabel, minRangeBytes, readBytes);
        return plain == null ? null : plain.held(name, threads, (done, total) -> { });
    }

    /**
     * A plain file, from its header alone: to hold, or to check once and then read in passes (a
     * streamed compression); null when its header shows it is not plain, or CsvRows should say
     * what is wrong with it.
     */
    static Plain plain(Path file, String labelColumn, boolean hasLabel) {
        return plain(file, labelColumn, hasLabel, MIN_RANGE_BYTES, READ_BYTES);
    }

    static Plain plain(Path file, String labelColumn, boolean hasLabel, int minRangeBytes, int readBytes) {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            Header header = header(file, channel, size, labelColumn, hasLabel);
            return header == null ? null : new Plain(file, size, header, minRangeBytes, readBytes);
        } catch (IOException | InputException e) {
            return null;
        }
    }

    /** What a check of every row of a plain file finds. Immutable. */
    static final class Checked {
        private final long rows;
        private final List<String> labels;
        private final String sha256;
        private final long[] chunkStarts;

        private Checked(long rows, List<String> labels, String sha256, long[] chunkStarts) {
            this.rows = rows;
            this.labels = labels;
            this.sha256 = sha256;
            this.chunkStarts = chunkStarts;
        }

        long rows() {
            return rows;
        }

        /**
         * The first distinct labels in order of first appearance, at most the cap asked for plus
         * one; empty without a label column.
         */
        List<String> labels() {
            return labels;
        }

        String sha256() {
            return sha256;
        }

        /**
         * The file position of chunk {@code index}'s first row: row {@code index} ×
         * {@link LocalRowPasses#CHUNK_ROWS}.
         */
        long chunkStart(int index) {
            return chunkStarts[index];
        }

        /** The number of chunks. */
        int chunks() {
            return chunkStarts.length;
        }
    }

    /** A plain file's header and size. Immutable and thread-safe. */
    static final class Plain {
        private final Path file;
        private final long size;
        private final Header header;
        private final int minRangeBytes;
        private final int readBytes;

        private Plain(Path file, long size, Header header, int minRangeBytes, int readBytes) {
            this.file = file;
            this.size = size;
            this.header = header;
            this.minRangeBytes = minRangeBytes;
            this.readBytes = readBytes;
        }

        /** The header's column names, as CsvRows reads them. */
        List<String> columns() {
            return header.columns;
        }

        /** The label column's index in {@link #columns}, -1 without one. */
        int labelIndex() {
            return header.labelIndex;
        }

        /**
         * The rows held in a dataset named {@code name}, {@code progress} told as ranges are parsed;
         * null when a row is not plain or is refused.
         */
        Dataset held(String name, int threads, CsvChunks.BytesRead progress) {
            try (FileChannel channel = FileChannel.open(file)) {
                Passes passes = new Passes(channel, size, header, readBytes);
                Counted counted = new Counted(passes, threads);
                List<long[]> ranges = counted.ranges;
                long[] firstRow = counted.firstRow;
                long rows = firstRow[ranges.size()];
                int m = header.features().size();
                if (rows == 0 || rows * m > CsvLoader.MAX_VALUES) {
                    return null; // CsvRows says so
                }
                double[] values = new double[(int) rows * m];
                int[] labelIds = header.labelIndex < 0 ? null : new int[(int) rows];
                List<List<String>> labelsOfRange = Workers.map(threads, ranges.size(), i -> passes.parse(ranges.get(i)[0],
                        ranges.get(i)[1], (int) firstRow[i], firstRow[i + 1] - firstRow[i], values, labelIds),
                        (done, total) -> progress.bytesRead(size * done / total, size));
                String hash = Workers.join(counted.sha256);
                Matrix table = Matrix.wrap((int) rows, m, values);
                if (labelIds == null) {
                    return new Dataset(name, header.features(), table, null, List.of(), null, hash);
                }
                List<String> distinct = inFileOrder(labelsOfRange, firstRow, labelIds);
                return CsvLoader.withLabels(name, header.features(), table, header.columns.get(header.labelIndex), distinct,
                        labelIds, hash);
            } catch (Declined | IOException e) {
                return null;
            }
        }

        /**
         * Parses every row on {@code threads} threads, keeping none; a first pass counts each
         * range's rows, so that the second knows where every chunk of rows starts.
         *
         * @param maxLabels distinct labels to keep beyond which the label column is no class label
         * @param progress  told how many bytes are checked as ranges finish
         * @return the rows' count, labels, SHA-256 and chunk starts; null when a row is not plain
         * or is refused
         */
        Checked check(int threads, int maxLabels, CsvChunks.BytesRead progress) {
            try (FileChannel channel = FileChannel.open(file)) {
                Passes passes = new Passes(channel, size, header, readBytes);
                Counted counted = new Counted(passes, threads);
                List<long[]> ranges = counted.ranges;
                long[] firstRow = counted.firstRow;
                long rows = firstRow[ranges.size()];
                if (rows == 0) {
                    return null; // CsvRows says so
                }
                long[] chunkStarts = new long[(int) ((rows + LocalRowPasses.CHUNK_ROWS - 1) / LocalRowPasses.CHUNK_ROWS)];
                List<List<String>> labelsOfRange = Workers.map(threads, ranges.size(), i -> passes.check(ranges.get(i)[0],
                        ranges.get(i)[1], firstRow[i], firstRow[i + 1] - firstRow[i], maxLabels, chunkStarts),
                        (done, total) -> progress.bytesRead(size * done / total, size));
                Set<String> labels = new LinkedHashSet<>();
                for (List<String> rangeLabels : labelsOfRange) {
                    for (String label : rangeLabels) {
                        if (labels.size() <= maxLabels) {
                            labels.add(label);
                        }
                    }
                }
                return new Checked(rows, List.copyOf(labels), Workers.join(counted.sha256), chunkStarts);
            } catch (Declined | IOException e) {
                return null;
            }
        }

        /**
         * The rows one at a time from the line that starts at file position {@code start} (the
         * first row's, or a {@link Checked#chunkStart}), as CsvRows reads them, for a file that
         * {@link #check} accepted.
         *
         * @throws InputException when the file can no longer be read, or has changed since
         */
        RowSource rows(long start) {
            return rows(start, readBytes);
        }

        /**
         * The rows of chunk {@code index} on, for a file that {@link #check} found {@code checked}:
         * a chunk of up to 64 MB is read at once.
         */
        RowSource chunk(Checked checked, int index) {
            long start = checked.chunkStart(index);
            long end = index + 1 < checked.chunks() ? checked.chunkStart(index + 1) : size;
            return rows(start, (int) Math.min(end - start + 1, 64 << 20)); // + 1: the line break before it
        }

        private RowSource rows(long start, int bytes) {
            FileChannel channel;
            try {
                channel = FileChannel.open(file);
            } catch (IOException e) {
                throw CsvLoader.unreadable(file, e);
            }
            Lines lines = new Lines(channel, size, header.dataStart, start, size, Math.max(1, bytes));
            Row row = new Row(header.columns.size(), header.labelIndex);
            return new RowSource() {
                private String label;

                @Override
                public boolean next(double[] out, int offset) {
                    try {
                        while (lines.next()) {
                            if (!lines.isBlank()) {
                                label = row.parse(lines.bytes, lines.start, lines.end, out, offset);
                                return true;
                            }
                        }
                        return false;
                    } catch (Declined e) {
                        throw new InputException(file + " changed while it was read: a row is no longer what was checked");
                    }
                }

                @Override
                public String label() {
                    return label;
                }

                @Override
                public void close() {
                    try {
                        channel.close();
                    } catch (IOException e) {
                        throw CsvLoader.unreadable(file, e);
                    }
                }
            };
        }

        /**
         * The first pass of a read: the ranges' rows counted on {@code threads} threads, while the
         * file is hashed on a thread of its own (one pass over it that cannot be split).
         */
        private final class Counted {
            final CompletableFuture<String> sha256 = Workers.inBackground("illc-data-hash", () -> sha256(file));
            final List<long[]> ranges;
            /** The index of each range's first row, and the number of rows last. */
            final long[] firstRow;

            Counted(Passes passes, int threads) {
                ranges = ranges(threads);
                List<Count> counts = Workers.map(threads, ranges.size(),
                        i -> passes.count(ranges.get(i)[0], ranges.get(i)[1]), (done, total) -> { });
                firstRow = firstRows(counts);
            }
        }

        /** [from, to) byte ranges of the data rows, about equal, at least {@code minRangeBytes} each. */
        private List<long[]> ranges(int threads) {
            long from = header.dataStart;
            long count = Math.max(1, Math.min((size - from) / minRangeBytes, (long) RANGES_PER_THREAD * threads));
            List<long[]> ranges = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                ranges.add(new long[]{from + (size - from) * i / count, from + (size - from) * (i + 1) / count});
            }
            return ranges;
        }
    }

    /**
     * The header's columns and label, where the data rows start, and the feature columns: every
     * column but the label, in file order.
     */
    private record Header(List<String> columns, int labelIndex, long dataStart, List<String> features) {
    }

    /** The header of a plain file; null for a header CsvRows should read. */
    private static Header header(Path file, FileChannel channel, long size, String labelColumn, boolean hasLabel)
            throws IOException {
        byte[] head = new byte[(int) Math.min(size, 1 << 16)];
        int filled = 0;
        int newline = -1;
        while (newline < 0) {
            int n = channel.read(ByteBuffer.wrap(head, filled, head.length - filled), filled);
            if (n <= 0) {
                return null; // no data rows after the header
            }
            for (int i = filled; i < filled + n && newline < 0; i++) {
                newline = head[i] == '\n' ? i : -1;
            }
            filled += n;
            if (newline < 0 && filled == head.length) {
                if (head.length >= MAX_HEADER_BYTES || head.length == size) {
                    return null;
                }
                head = Arrays.copyOf(head, (int) Math.min(size, 2L * head.length));
            }
        }
        if (filled >= 2 && (head[0] & 0xFF) == CsvRows.GZIP_MAGIC[0] && (head[1] & 0xFF) == CsvRows.GZIP_MAGIC[1]) {
            return null;
        }
        for (int i = 0; i < newline - 1; i++) {
            if (head[i] == '\r') {
                return null; // a line ended by \r alone: the header may be shorter than this line
            }
        }
        // Read up to its first line break, the header is the file's first record only if no quote is open
        // there: CsvRows refuses an unclosed quote, and the file is then read whole.
        try (CsvRows rows = new CsvRows(file.toString(), file, new ByteArrayInputStream(head, 0, newline + 1))) {
            List<String> columns = rows.header();
            int labelIndex = rows.useLabel(labelColumn, hasLabel);
            return new Header(columns, labelIndex, newline + 1, List.copyOf(CsvLoader.withoutLabel(columns, labelIndex)));
        }
    }

    /**
     * The index of each range's first row, and the number of rows last; declines a file whose blank
     * lines are not all at its end (CsvRows refuses it, naming the blank line).
     */
    private static long[] firstRows(List<Count> counts) {
        long[] first = new long[counts.size() + 1];
        boolean blankSeen = false;
        for (int i = 0; i < counts.size(); i++) {
            Count c = counts.get(i);
            if (c.rowAfterBlank || blankSeen && c.rows > 0) {
                throw Declined.INSTANCE;
            }
            blankSeen |= c.blankLines;
            first[i + 1] = first[i] + c.rows;
        }
        return first;
    }

    /**
     * The distinct labels in order of first appearance in the file, as CsvRows meets them, with
     * {@code labelIds} turned from each range's own label numbers into indices of that list.
     */
    private static List<String> inFileOrder(List<List<String>> labelsOfRange, long[] firstRow, int[] labelIds) {
        Map<String, Integer> idOfLabel = new LinkedHashMap<>();
        for (int i = 0; i < labelsOfRange.size(); i++) {
            List<String> labels = labelsOfRange.get(i);
            int[] global = new int[labels.size()];
            for (int l = 0; l < global.length; l++) {
                global[l] = idOfLabel.computeIfAbsent(labels.get(l), t -> idOfLabel.size());
            }
            for (int r = (int) firstRow[i]; r < firstRow[i + 1]; r++) {
                labelIds[r] = global[labelIds[r]];
            }
        }
        return List.copyOf(idOfLabel.keySet());
    }

    /** What the first pass finds in a range: its rows (lines not blank), and where its blank lines are. */
    private record Count(long rows, boolean blankLines, boolean rowAfterBlank) {
    }

    /** The two passes over the ranges of one file: counting rows, then parsing them into the table. */
    private static final class Passes {
        private final FileChannel channel;
        private final long size;
        private final Header header;
        private final int readBytes;

        Passes(FileChannel channel, long size, Header header, int readBytes) {
            this.channel = channel;
            this.size = size;
            this.header = header;
            this.readBytes = readBytes;
        }

        Count count(long from, long to) {
            Lines lines = new Lines(channel, size, header.dataStart, from, to, readBytes);
            long rows = 0;
            boolean blank = false;
            boolean rowAfterBlank = false;
            while (lines.next()) {
                if (lines.isBlank()) {
                    blank = true;
                } else {
                    rows++;
                    rowAfterBlank |= blank;
                }
            }
            return new Count(rows, blank, rowAfterBlank);
        }

        /**
         * Parses the {@code rows} rows of a range, keeping none, and puts into {@code chunkStarts}
         * the file position of each of its rows that starts a chunk.
         *
         * @param first the index of the range's first row in the file
         * @return the range's first {@code maxLabels} + 1 distinct labels in order of first
         * appearance (those the file's first that many can come from)
         */
        List<String> check(long from, long to, long first, long rows, int maxLabels, long[] chunkStarts) {
            double[] values = new double[header.features().size()];
            Set<String> labels = new LinkedHashSet<>();
            eachRow(from, to, first, rows, (r, lines, row) -> {
                if (r % LocalRowPasses.CHUNK_ROWS == 0) {
                    chunkStarts[(int) (r / LocalRowPasses.CHUNK_ROWS)] = lines.position();
                }
                String label = row.parse(lines.bytes, lines.start, lines.end, values, 0);
                if (label != null && labels.size() <= maxLabels) {
                    labels.add(label);
                }
            });
            return List.copyOf(labels);
        }

        /**
         * Parses the {@code rows} rows of a range into {@code values} and {@code labelIds} from row
         * {@code first} on.
         *
         * @return the range's distinct labels; {@code labelIds} holds indices of this list
         */
        List<String> parse(long from, long to, int first, long rows, double[] values, int[] labelIds) {
            Map<String, Integer> idOfLabel = new HashMap<>();
            List<String> labels = new ArrayList<>();
            int m = header.features().size();
            eachRow(from, to, first, rows, (r, lines, row) -> {
                String label = row.parse(lines.bytes, lines.start, lines.end, values, (int) r * m);
                if (labelIds != null) {
                    labelIds[(int) r] = idOfLabel.computeIfAbsent(label, t -> {
                        labels.add(t);
                        return labels.size() - 1;
                    });
                }
            });
            return labels;
        }

        /** What is done with each row of a range: row {@code r} of the file, the current line of {@code lines}. */
        @FunctionalInterface
        private interface RowVisit {
            void row(long r, Lines lines, Row row);
        }

        /**
         * Visits the {@code rows} rows (lines not blank) of a range, numbered from {@code first};
         * declines a range of other rows than counted (the file changed since).
         */
        private void eachRow(long from, long to, long first, long rows, RowVisit visit) {
            Lines lines = new Lines(channel, size, header.dataStart, from, to, readBytes);
            Row row = new Row(header.columns.size(), header.labelIndex);
            long r = first;
            while (lines.next()) {
                if (lines.isBlank()) {
                    continue;
                }
                if (r == first + rows) {
                    throw Declined.INSTANCE;
                }
                visit.row(r++, lines, row);
            }
            if (r != first + rows) {
                throw Declined.INSTANCE;
            }
        }
    }

    /**
     * The lines that start in [from, to) of the file, one at a time: {@link #bytes} from
     * {@link #start} to {@link #end}, without the line's {@code \n} or {@code \r\n}.
     */
    private static final class Lines {
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private static final long NEWLINES = 0x0A0A_0A0A_0A0A_0A0AL;

        private final FileChannel channel;
        /** Where the file ends: its size when opened, or where its bytes end if it is shorter now. */
        private long size;
        private final long to;
        byte[] bytes;
        /** The file position of {@code bytes[0]}. */
        private long offset;
        private int filled;
        /** The file position of the next line's first byte. */
        private long next;
        int start;
        int end;

        Lines(FileChannel channel, long size, long dataStart, long from, long to, int readBytes) {
            this.channel = channel;
            this.size = size;
            this.to = to;
            this.bytes = new byte[readBytes];
            this.offset = from;
            this.next = from;
            if (from > dataStart) {
                // The first line that starts in the range follows the first \n at from - 1 or later.
                offset = from - 1;
                next = from - 1;
                int at = endOfLine();
                next = at < 0 ? size : offset + at + 1;
            }
        }

        /** Moves to the next line; false when no more lines start in the range. */
        boolean next() {
            if (next >= to || next >= size) {
                return false;
            }
            int at = endOfLine();
            start = (int) (next - offset);
            if (at < 0) {
                end = filled;
                next = size;
            } else {
                end = at > start && bytes[at - 1] == '\r' ? at - 1 : at;
                next = offset + at + 1;
            }
            return true;
        }

        /**
         * The index in {@link #bytes} of the first {@code \n} at or after {@link #next}, reading as
         * much of the file as that needs; -1 when the file ends first (everything to its end read).
         */
        private int endOfLine() {
            int i = (int) (next - offset);
            while (true) {
                // Eight bytes at a time: the lowest byte of x that is zero is the first \n.
                for (; i + Long.BYTES <= filled; i += Long.BYTES) {
                    long x = (long) LONGS.get(bytes, i) ^ NEWLINES;
                    long zeros = (x - 0x0101_0101_0101_0101L) & ~x & 0x8080_8080_8080_8080L;
                    if (zeros != 0) {
                        return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
                    }
                }
                for (; i < filled; i++) {
                    if (bytes[i] == '\n') {
                        return i;
                    }
                }
                if (offset + filled >= size) {
                    return -1;
                }
                i = refill();
            }
        }

        /** Keeps the bytes from {@link #next} on, reads more after them; returns where the new bytes start. */
        private int refill() {
            int keep = (int) (next - offset);
            int kept = filled - keep;
            if (kept == bytes.length) {
                bytes = Arrays.copyOf(bytes, 2 * bytes.length); // a line longer than the buffer
            }
            System.arraycopy(bytes, keep, bytes, 0, kept);
            offset = next;
            filled = kept;
            try {
                while (filled < bytes.length && offset + filled < size) {
                    // At most 64 kB a call: the JDK copies through a direct buffer of the call's size,
                    // made anew on every new thread (a pass's workers are).
                    int n = channel.read(ByteBuffer.wrap(bytes, filled, Math.min(bytes.length - filled, 1 << 16)),
                            offset + filled);
                    if (n < 0) {
                        size = offset + filled; // shorter than it was: fewer rows than counted
                        break;
                    }
                    filled += n;
                }
            } catch (IOException e) {
                throw Declined.INSTANCE; // CsvRows reads it again and says why it cannot
            }
            return kept;
        }

        /** The file position of the line's first byte. */
        long position() {
            return offset + start;
        }

        /** Whether the line holds spaces only (CsvRows's blank line: one empty field). */
        boolean isBlank() {
            for (int i = start; i < end; i++) {
                if (bytes[i] != ' ') {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * One row's fields parsed as CsvRows parses them: quotes removed, surrounding spaces dropped.
     * Not thread-safe: one per range or pass.
     */
    private static final class Row {
        /** Distinct labels kept by their bytes, the first met. */
        private static final int KNOWN_LABELS = 16;

        private final int columns;
        private final int labelIndex;
        private final byte[][] labelBytes = new byte[KNOWN_LABELS][];
        private final String[] labels = new String[KNOWN_LABELS];
        private int knownLabels;

        Row(int columns, int labelIndex) {
            this.columns = columns;
            this.labelIndex = labelIndex;
        }

        /**
         * Parses the line {@code bytes[from, to)}: its features into {@code out} from {@code at}.
         *
         * @return its label, or null without a label column
         */
        String parse(byte[] bytes, int from, int to, double[] out, int at) {
            String label = null;
            int f = at;
            int p = from;
            for (int c = 0; c < columns; c++) {
                while (p < to && bytes[p] == ' ') {
                    p++;
                }
                int start;
                int end;
                int next;
                if (p < to && bytes[p] == '"') {
                    start = p + 1;
                    end = start;
                    while (end < to && bytes[end] != '"') {
                        end++;
                    }
                    if (end == to) {
                        throw Declined.INSTANCE; // a quoted line break, or an unclosed quote
                    }
                    next = end + 1;
                    while (next < to && bytes[next] == ' ') {
                        next++;
                    }
                    if (next < to && bytes[next] != ',') {
                        throw Declined.INSTANCE; // a doubled quote, or text after the closing quote
                    }
                } else {
                    start = p;
                    next = p;
                    while (next < to && bytes[next] != ',') {
                        next++;
                    }
                    end = next;
                }
                while (end > start && bytes[end - 1] == ' ') {
                    end--;
                }
                while (start < end && bytes[start] == ' ') {
                    start++;
                }
                if (c == labelIndex) {
                    label = label(bytes, start, end);
                } else {
                    double v = number(bytes, start, end);
                    if (Double.isNaN(v)) {
                        throw Declined.INSTANCE;
                    }
                    out[f++] = v;
                }
                if (next == to) {
                    if (c != columns - 1) {
                        throw Declined.INSTANCE; // too few fields
                    }
                    return label;
                }
                p = next + 1;
            }
            throw Declined.INSTANCE; // too many fields
        }

        private String label(byte[] bytes, int start, int end) {
            if (start == end) {
                throw Declined.INSTANCE;
            }
            boolean ascii = true;
            for (int i = start; i < end; i++) {
                byte b = bytes[i];
                if (b >= 0 && (b < 0x20 || b == 0x7F || b == '"')) {
                    throw Declined.INSTANCE; // a control character, which CsvRows trims as Java does, or a quote
                }
                ascii &= b >= 0;
            }
            // Class labels are few: the first KNOWN_LABELS are kept, so that their rows make no String.
            int n = end - start;
            for (int i = 0; i < knownLabels; i++) {
                if (labelBytes[i].length == n && Arrays.equals(labelBytes[i], 0, n, bytes, start, end)) {
                    return labels[i];
                }
            }
            String label = ascii ? new String(bytes, start, n, StandardCharsets.ISO_8859_1) : utf8(bytes, start, n);
            if (knownLabels < KNOWN_LABELS) {
                labelBytes[knownLabels] = Arrays.copyOfRange(bytes, start, end);
                labels[knownLabels++] = label;
            }
            return label;
        }
    }

    /**
     * The value of the field {@code bytes[from, to)} as {@link CsvLoader#number} gives it for the
     * same text (the same bits), NaN when that is NaN. Plain decimals of at most 15 digits and a
     * power of ten of at most 22, the most of data, are converted here exactly; longer ones (pandas
     * writes 17 digits, numpy's savetxt 19) by FastDoubleParser; neither makes a String.
     */
    static double number(byte[] bytes, int from, int to) {
        int i = from;
        boolean negative = i < to && bytes[i] == '-';
        if (negative || i < to && bytes[i] == '+') {
            i++;
        }
        // Every digit goes into w, leading zeros too (they add nothing): with at most 15 digits in
        // all, w and k are CsvLoader's, which counts significant digits only.
        long w = 0;
        int at = i;
        for (; i < to && isDigit(bytes[i]); i++) {
            w = w * 10 + (bytes[i] - '0');
        }
        int digits = i - at;
        int k = 0;
        if (i < to && bytes[i] == '.') {
            at = ++i;
            for (; i < to && isDigit(bytes[i]); i++) {
                w = w * 10 + (bytes[i] - '0');
            }
            k = i - at;
            digits += k;
        }
        if (digits == 0) {
            return Double.NaN;
        }
        int exponentDigits = 0;
        if (i < to && (bytes[i] == 'e' || bytes[i] == 'E')) {
            i++;
            boolean minus = i < to && bytes[i] == '-';
            if (minus || i < to && bytes[i] == '+') {
                i++;
            }
            int e = 0;
            for (; i < to && isDigit(bytes[i]); i++, exponentDigits++) {
                e = exponentDigits < 3 ? e * 10 + (bytes[i] - '0') : e;
            }
            if (exponentDigits == 0) {
                return Double.NaN;
            }
            k += minus ? e : -e;
        }
        if (i != to) {
            return Double.NaN;
        }
        double v = digits > 15 || exponentDigits > 3 ? Double.NaN : ExactDecimal.of(w, k);
        if (Double.isNaN(v)) {
            // A decimal (checked above) beyond the exact path: correctly rounded, as CsvLoader.number
            // rounds it (the same library, which Jackson shades), from the bytes, without a String.
            v = JavaDoubleParser.parseDouble(bytes, from, to - from);
            return Double.isFinite(v) ? v : Double.NaN;
        }
        return negative ? -v : v;
    }

    /**
     * A label with bytes beyond ASCII, decoded as CsvRows decodes the file; declines malformed
     * UTF-8, which CsvRows refuses with the line it is on.
     */
    private static String utf8(byte[] bytes, int start, int n) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, n))
                    .toString();
        } catch (CharacterCodingException e) {
            throw Declined.INSTANCE;
        }
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static String sha256(Path file) {
        MessageDigest digest = CsvLoader.newSha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw Declined.INSTANCE;
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
