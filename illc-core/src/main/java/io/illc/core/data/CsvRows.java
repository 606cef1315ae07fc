package io.illc.core.data;

import io.illc.core.InputException;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One read of a CSV text, row by row: the parser that both the held ({@link CsvLoader}) and the
 * streamed ({@link CsvChunks}) data read through, so both accept the same files and word the same
 * problem the same way. The format: UTF-8 with an optional byte-order mark, maybe gzip-compressed
 * (told by its first bytes, not its name); {@code \n},
 * {@code \r\n} or {@code \r} line endings; one header row with unique non-empty names; RFC 4180
 * quoting (quoted commas and line breaks, {@code ""} for a quote), parsed by Apache Commons CSV;
 * blank lines only at the end; every feature value a finite decimal number ({@link CsvLoader#number}).
 *
 * <p>A problem in a data row is named "row R (line L)": the data row's number and the line it
 * starts on. Not thread-safe: one reader per read.
 */
final class CsvRows implements RowSource {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(true)
            .get();

    /** The first two bytes of a gzip file. */
    static final int[] GZIP_MAGIC = {0x1f, 0x8b};

    private final String source;
    private final Path file;
    private boolean compressed;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private long endOfPrevious;
    private long startLine;
    private List<String> header;
    private int labelIndex = -1;
    private long row;
    private String label;

    /**
     * @param source how messages name the text
     * @param file   the file the bytes come from, to say why it cannot be read; null for a resource
     * @param bytes  the text's bytes; closed with this reader
     */
    CsvRows(String source, Path file, InputStream bytes) {
        this.source = source;
        this.file = file;
        try {
            InputStream in = withoutByteOrderMark(decompressed(new BufferedInputStream(bytes, 1 << 16)));
            this.parser = CSVParser.builder()
                    .setReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)))
                    .setFormat(FORMAT)
                    .get();
        } catch (IOException e) {
            closeQuietly(bytes);
            throw unreadable(e);
        }
        this.records = parser.iterator();
    }

    /** A reader of {@code file}, named in messages by its path. */
    static CsvRows of(Path file) {
        return new CsvRows(file.toString(), file, open(file));
    }

    /** The bytes of a data file, or why they cannot be read. */
    static InputStream open(Path file) {
        if (Files.isDirectory(file)) {
            throw new InputException("data file " + file + " is a directory, not a CSV file");
        }
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw CsvLoader.unreadable(file, e);
        }
    }

    /** The header's column names (quotes removed, trimmed), checked: none empty, none twice. Read once, first. */
    List<String> header() {
        if (header != null) {
            return header;
        }
        CSVRecord first = next(0);
        if (first == null) {
            throw new InputException(source + " is empty; expected a header row followed by data rows");
        }
        if (isBlank(first)) {
            CSVRecord after;
            while ((after = next(0)) != null && isBlank(after)) {
                // only blank lines so far: an empty file, or a blank line above the header
            }
            throw new InputException(after == null ? source + " is empty; expected a header row followed by data rows"
                    : source + ", line 1 is empty; the header row must be the first line");
        }
        if (first.size() == 1) {
            refuseOtherSeparators(first.get(0));
        }
        List<String> names = new ArrayList<>(first.size());
        Map<String, Integer> columnOfName = new HashMap<>(); // a wide file may have 100 000 columns
        for (int c = 0; c < first.size(); c++) {
            String n = first.get(c).trim();
            if (n.isEmpty()) {
                // pandas writes its row index as a first column without a name unless told not to.
                String hint = c == 0 ? " (as pandas and R write their row names: save with to_csv(..., index=False)"
                        + " or write.csv(..., row.names = FALSE))" : "";
                throw new InputException(source + ", line 1: column " + (c + 1) + " has an empty name; every column needs a name"
                        + hint);
            }
            Integer earlier = columnOfName.putIfAbsent(n, c);
            if (earlier != null) {
                throw new InputException(source + ", line 1: column name '" + n + "' appears twice (columns "
                        + (earlier + 1) + " and " + (c + 1) + "); column names must be unique");
            }
            names.add(n);
        }
        header = List.copyOf(names);
        return header;
    }

    /**
     * A header of one column whose name holds semicolons or tabs is a file of other separators
     * (what spreadsheets write in many locales), which read as one column would fail later with
     * a puzzling message about that column.
     */
    private void refuseOtherSeparators(String name) {
        for (String[] separator : new String[][]{{";", "semicolon"}, {"\t", "tab"}}) {
            long count = name.chars().filter(ch -> ch == separator[0].charAt(0)).count();
            if (count > 0) {
                throw new InputException(source + ", line 1: the header has no comma but " + count + " " + separator[1]
                        + (count == 1 ? "" : "s") + "; illc reads comma-separated CSV: save the file with commas"
                        + " between columns");
            }
        }
    }

    /**
     * Reads the header and takes its label column.
     *
     * @param labelColumn the label column's name; {@code null} with {@code hasLabel} = the last column
     * @param hasLabel    false when every column is a feature
     * @return the label column's index, -1 without one
     */
    int useLabel(String labelColumn, boolean hasLabel) {
        labelIndex = CsvLoader.labelIndex(header(), labelColumn, hasLabel, source);
        return labelIndex;
    }

    /** The number of feature columns: every column but the label. */
    int features() {
        return header().size() - (labelIndex < 0 ? 0 : 1);
    }

    /**
     * Reads the next data row's features into {@code out} from {@code offset}, and its label.
     *
     * @return false after the last row (blank lines at the end are skipped)
     * @throws InputException for a malformed row, naming it, its line and its column
     */
    @Override
    public boolean next(double[] out, int offset) {
        header();
        long number = row + 1;
        CSVRecord record = next(number);
        if (record == null) {
            return false;
        }
        if (isBlank(record)) {
            // Blank lines may end the file; a row after one is an error.
            long blankLine = startLine;
            while ((record = next(number)) != null) {
                if (!isBlank(record)) {
                    throw new InputException(at(number, blankLine) + " is empty; remove blank lines between rows");
                }
            }
            return false;
        }
        if (record.size() != header.size()) {
            throw new InputException(at(number, startLine) + " has " + record.size() + " fields, the header has "
                    + header.size());
        }
        int f = offset;
        for (int c = 0; c < record.size(); c++) {
            String token = record.get(c).trim();
            if (c == labelIndex) {
                if (token.isEmpty()) {
                    throw new InputException(at(number, startLine) + ", column '" + header.get(c)
                            + "': missing label (empty field)");
                }
                label = token;
            } else {
                double v = CsvLoader.number(token);
                if (Double.isNaN(v)) {
                    throw CsvLoader.notANumber(token, at(number, startLine) + ", column '" + header.get(c) + "'");
                }
                out[f++] = v;
            }
        }
        row = number;
        return true;
    }

    /** Where data row {@code number}, starting on {@code line}, is: made only for a message, not for every row. */
    private String at(long number, long line) {
        return source + ", row " + number + " (line " + line + ")";
    }

    /** The label of the row {@link #next} read last (trimmed, never empty); null without a label column. */
    @Override
    public String label() {
        return label;
    }

    /** The next record, or null at the end; {@code number} is its data row's (0 for the header), for messages. */
    private CSVRecord next(long number) {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            startLine = endOfPrevious + 1;
            endOfPrevious = parser.getCurrentLineNumber();
            return record;
        } catch (UncheckedIOException e) {
            throw problem(e.getCause(), number);
        } catch (IllegalStateException e) { // how the parser's iterator reports a read failure
            throw problem(e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e), number);
        }
    }

    private InputException problem(IOException cause, long number) {
        if (cause instanceof CharacterCodingException) {
            return new InputException(source + " is not UTF-8 text; save it as UTF-8 CSV", cause);
        }
        if (!(cause instanceof CSVException)) {
            return unreadable(cause);
        }
        String at = number == 0 ? source + ", the header (line 1)" : at(number, endOfPrevious + 1);
        String message = String.valueOf(cause.getMessage());
        if (message.contains("EOF")) {
            return new InputException(at + ": a quoted field is not closed before the end of the file", cause);
        }
        if (message.startsWith("Invalid character between encapsulated token")) {
            return new InputException(at + ": text after a closing quote; a quoted field's closing quote"
                    + " must be followed by a comma or the end of the line", cause);
        }
        return new InputException(at + ": " + message, cause);
    }

    private InputException unreadable(IOException e) {
        if (compressed && (e instanceof ZipException || e instanceof EOFException)) {
            return new InputException(source + " is a damaged or incomplete gzip file"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        }
        return file != null ? CsvLoader.unreadable(file, e)
                : new InputException("cannot read " + source + ": " + e.getMessage(), e);
    }

    private static boolean isBlank(CSVRecord record) {
        return record.size() == 1 && record.get(0).isBlank();
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already failing with a clearer message
        }
    }

    /** The text of gzip-compressed bytes (what a {@code .csv.gz} file holds), else the bytes as they are. */
    private BufferedInputStream decompressed(BufferedInputStream in) throws IOException {
        in.mark(2);
        compressed = in.read() == GZIP_MAGIC[0] && in.read() == GZIP_MAGIC[1];
        in.reset();
        return compressed ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
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
