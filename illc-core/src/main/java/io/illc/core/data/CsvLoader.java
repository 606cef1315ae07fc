package io.illc.core.data;

import com.fasterxml.jackson.core.io.NumberInput;
import io.illc.api.Matrix;
import io.illc.core.InputException;
import io.illc.core.Workers;
import io.illc.core.catalog.Suggestions;
import io.illc.core.io.ExactDecimal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a numeric CSV table into a {@link Dataset}.
 *
 * <p>The format ({@link CsvRows}, which the streamed reader shares): UTF-8 (a byte-order mark is
 * skipped; the file may be gzip-compressed), {@code \n}, {@code \r\n} or {@code \r} line endings,
 * comma separated, one header row with unique column names, then one row per sample (RFC 4180).
 * Fields may be double-quoted (a quote inside is written {@code ""}); a quoted field may hold
 * commas and line breaks. Blank lines at the end are ignored. Every feature value must be a finite
 * decimal number; labels may be numbers or strings.
 *
 * <p>Every problem is an {@link InputException} with one line naming the file, the data row, the
 * line it starts on and the column: "rows.csv, row 13 (line 14), column 'area': 'n/a' is not a
 * number". Stateless and thread-safe.
 */
public final class CsvLoader {
    /** The spellings of NaN and infinity that Java, numpy and R write; named in their own message. */
    private static final Pattern NOT_FINITE = Pattern.compile("(?i)[+-]?(?:nan|inf|infinity)");
    /** How R, pandas, SQL exports and spreadsheets write a missing value. */
    private static final Pattern MISSING = Pattern.compile("(?i)na|n/a|null|none|#n/a|\\?");

    private CsvLoader() {
    }

    /** Held, a CSV file takes about this many times its size in heap (the rows read, then the table). */
    static final int HELD_BYTES_PER_FILE_BYTE = 4;

    /** Values read into one block (1 MB) before the table is assembled. */
    private static final int BLOCK_VALUES = 1 << 17;

    /** The most values one table holds: one Java array. */
    static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    /**
     * Whether {@code file}, held, would take more than the JVM's whole heap ({@code -Xmx}), so that
     * it should be streamed; false for a file that cannot be read (loading it reports why).
     */
    public static boolean tooLargeToHold(Path file) {
        try {
            return textSize(file) > Runtime.getRuntime().maxMemory() / HELD_BYTES_PER_FILE_BYTE;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The size of a data file's text: its size, or for a gzip file the size its trailer gives of the
     * text (modulo 4 GiB: the smallest such size that the compressed size allows).
     */
    static long textSize(Path file) throws IOException {
        long size = Files.size(file);
        try (SeekableByteChannel in = Files.newByteChannel(file)) {
            ByteBuffer head = ByteBuffer.allocate(2);
            in.read(head);
            if (size < 18 || (head.get(0) & 0xFF) != CsvRows.GZIP_MAGIC[0] || (head.get(1) & 0xFF) != CsvRows.GZIP_MAGIC[1]) {
                return size;
            }
            ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            in.position(size - 4).read(trailer);
            long text = trailer.getInt(0) & 0xFFFF_FFFFL;
            // No text is smaller than its gzip file by more than 0.1 % and 64 bytes (stored blocks).
            while (text < size - size / 1000 - 64) {
                text += 1L << 32;
            }
            return text;
        }
    }

    /**
     * Loads a CSV file.
     *
     * @param file        the CSV file; the dataset is named after its file name
     * @param labelColumn the label column's name; {@code null} with {@code hasLabel} = the last column
     * @param hasLabel    false when the file has no label column: every column is then a feature
     * @return the dataset, with the SHA-256 of the file's bytes
     * @throws InputException for a missing or unreadable file and every format problem
     */
    public static Dataset load(Path file, String labelColumn, boolean hasLabel) {
        return load(file, labelColumn, hasLabel, Workers.available());
    }

    /**
     * As {@link #load(Path, String, boolean)}, parsing a plain file on {@code threads} threads
     * ({@link CsvRanges}); the same dataset for any thread count.
     */
    public static Dataset load(Path file, String labelColumn, boolean hasLabel, int threads) {
        return load(file, labelColumn, hasLabel, threads, (done, total) -> { });
    }

    /**
     * As {@link #load(Path, String, boolean, int)}, telling {@code progress} how much of the file is
     * read (a large one takes seconds).
     */
    public static Dataset load(Path file, String labelColumn, boolean hasLabel, int threads, CsvChunks.BytesRead progress) {
        Path fileName = file.getFileName();
        String name = fileName == null ? file.toString() : fileName.toString();
        Dataset plain = CsvRanges.read(file, name, labelColumn, hasLabel, threads, progress);
        if (plain != null) {
            return plain;
        }
        long size = size(file);
        Dataset read = read(file.toString(), file, new ProgressStream(CsvRows.open(file), size, progress), name, labelColumn,
                hasLabel);
        progress.bytesRead(size, size);
        return read;
    }

    /**
     * The feature columns of a CSV file, read from its header line alone (for checks that must not
     * read the whole file): every column but the label, in file order.
     *
     * @throws InputException for a missing file, a bad header, or a label column the header lacks
     */
    public static List<String> featureColumns(Path file, String labelColumn, boolean hasLabel) {
        return featureColumns(columns(file), file.toString(), labelColumn, hasLabel);
    }

    /** As {@link #featureColumns(Path, String, boolean)} from the header of a text named {@code source}. */
    static List<String> featureColumns(InputStream text, String source, String labelColumn, boolean hasLabel) {
        try (CsvRows rows = new CsvRows(source, null, text)) {
            return featureColumns(rows.header(), source, labelColumn, hasLabel);
        }
    }

    /**
     * The names of a CSV file's columns, read from its header row alone and checked as {@link #load}
     * checks them (quotes removed, names trimmed, none empty or repeated).
     *
     * @throws InputException for a missing, unreadable or empty file and a bad header
     */
    public static List<String> columns(Path file) {
        try (CsvRows rows = CsvRows.of(file)) {
            return rows.header();
        }
    }

    /** The size of a data file in bytes, or why it cannot be read ({@link #unreadable}). */
    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** Why a data file cannot be read, in one line: missing, a folder, not UTF-8, or the system's reason. */
    public static InputException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new InputException("data file " + file + " does not exist", e);
        }
        if (Files.isDirectory(file)) {
            return new InputException("data file " + file + " is a directory, not a CSV file", e);
        }
        if (e instanceof CharacterCodingException) {
            return new InputException(file + " is not UTF-8 text; save it as UTF-8 CSV", e);
        }
        String reason = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e.getMessage() == null ? "input/output error" : e.getMessage();
        return new InputException("cannot read data file " + file + ": " + reason, e);
    }

    /**
     * As {@link #featureColumns(Path, String, boolean)} from a header already read ({@link #columns}).
     *
     * @param source the file as messages name it
     */
    public static List<String> featureColumns(List<String> header, String source, String labelColumn, boolean hasLabel) {
        return withoutLabel(header, labelIndex(header, labelColumn, hasLabel, source));
    }

    /** The columns of {@code header} but the label at {@code labelIndex} (-1: none), in file order. */
    static List<String> withoutLabel(List<String> header, int labelIndex) {
        List<String> features = new ArrayList<>(header);
        if (labelIndex >= 0) {
            features.remove(labelIndex);
        }
        return features;
    }

    /**
     * Parses CSV bytes.
     *
     * @param source the text as named in messages
     * @param name   the dataset's name
     */
    static Dataset parse(byte[] bytes, String source, String name, String labelColumn, boolean hasLabel) {
        return read(source, null, new ByteArrayInputStream(bytes), name, labelColumn, hasLabel);
    }

    /** Reads every row of {@code text} (closed here), its file {@code file} or null, into a dataset. */
    private static Dataset read(String source, Path file, InputStream text, String name, String labelColumn,
                                boolean hasLabel) {
        MessageDigest digest = newSha256();
        try (CsvRows rows = new CsvRows(source, file, new DigestInputStream(text, digest))) {
            List<String> header = rows.header();
            int labelIndex = rows.useLabel(labelColumn, hasLabel);
            int m = rows.features();
            // Rows go into blocks, so that the table is copied once, at the end, and never regrown.
            int blockRows = Math.max(1, BLOCK_VALUES / m);
            List<double[]> blocks = new ArrayList<>();
            Map<String, Integer> idOfLabel = new LinkedHashMap<>();
            int[] labelIds = new int[blockRows];
            long count = 0;
            while (true) {
                int inBlock = (int) (count % blockRows);
                if (inBlock == 0) {
                    blocks.add(new double[blockRows * m]);
                }
                if (!rows.next(blocks.get(blocks.size() - 1), inBlock * m)) {
                    break;
                }
                if (labelIndex >= 0) {
                    if (count == labelIds.length) {
                        labelIds = Arrays.copyOf(labelIds, (int) Math.min(2L * labelIds.length, MAX_VALUES));
                    }
                    labelIds[(int) count] = idOfLabel.computeIfAbsent(rows.label(), t -> idOfLabel.size());
                }
                count++;
                if (count * m > MAX_VALUES) {
                    throw new InputException(source + " has more values than one table can hold (" + MAX_VALUES
                            + "); drop rows or columns");
                }
            }
            if (count == 0) {
                throw new InputException(source + " has a header row but no data rows");
            }
            int n = (int) count;
            double[] values = new double[n * m];
            for (int b = 0; b < blocks.size(); b++) {
                double[] block = blocks.get(b);
                int from = b * blockRows;
                System.arraycopy(block, 0, values, from * m, Math.min(blockRows, n - from) * m);
            }
            Matrix features = Matrix.wrap(n, m, values);
            List<String> featureNames = featureColumns(header, source, labelColumn, hasLabel);
            String sha256 = HexFormat.of().formatHex(digest.digest());
            if (labelIndex < 0) {
                return new Dataset(name, featureNames, features, null, List.of(), null, sha256);
            }
            return withLabels(name, featureNames, features, header.get(labelIndex),
                    List.copyOf(idOfLabel.keySet()), Arrays.copyOf(labelIds, n), sha256);
        }
    }

    /**
     * @param distinct the labels in order of first appearance
     * @param ids      each row's label, as an index into {@code distinct}
     */
    static Dataset withLabels(String name, List<String> featureNames, Matrix features, String labelName,
                              List<String> distinct, int[] ids, String sha256) {
        Map<String, Integer> indexOfToken = new HashMap<>();
        List<String> classNames = classNames(distinct, indexOfToken);
        int[] classOfId = new int[distinct.size()];
        for (int i = 0; i < classOfId.length; i++) {
            classOfId[i] = indexOfToken.get(distinct.get(i));
        }
        int[] labels = new int[ids.length];
        for (int r = 0; r < ids.length; r++) {
            labels[r] = classOfId[ids[r]];
        }
        return new Dataset(name, featureNames, features, labelName, classNames, labels, sha256);
    }

    /**
     * The class names of label tokens, and the class of every token into {@code indexOfToken}.
     *
     * @param tokens the label tokens in file order (repeats allowed; only the first of each counts)
     */
    static List<String> classNames(Collection<String> tokens, Map<String, Integer> indexOfToken) {
        boolean allNumeric = true;
        for (String t : tokens) {
            if (!isDecimal(t) || !Double.isFinite(Double.parseDouble(t))) {
                allNumeric = false;
                break;
            }
        }
        // Class i is output neuron i, so the order must not depend on the row order: numbers by
        // value (so "10" comes after "9"), anything else as strings.
        List<String> classNames = new ArrayList<>();
        if (allNumeric) {
            // Keyed by value so that "1" and "1.0" are one class; it is named by the token that
            // appears first. Adding 0.0 turns -0.0 into 0.0, which Double's ordering tells apart.
            Map<Double, String> firstTokenOfValue = new TreeMap<>();
            Map<String, Double> valueOfToken = new LinkedHashMap<>();
            for (String t : tokens) {
                double v = Double.parseDouble(t) + 0.0;
                firstTokenOfValue.putIfAbsent(v, t);
                valueOfToken.putIfAbsent(t, v);
            }
            Map<Double, Integer> indexOfValue = new HashMap<>();
            for (Map.Entry<Double, String> e : firstTokenOfValue.entrySet()) {
                indexOfValue.put(e.getKey(), classNames.size());
                classNames.add(e.getValue());
            }
            valueOfToken.forEach((t, v) -> indexOfToken.put(t, indexOfValue.get(v)));
        } else {
            for (String t : new TreeSet<>(tokens)) {
                indexOfToken.put(t, classNames.size());
                classNames.add(t);
            }
        }
        return classNames;
    }

    /**
     * The value of a feature's field, correctly rounded as {@link Double#parseDouble} rounds it (the
     * same bits), or NaN when it is not a finite decimal number ({@link #notANumber} says why).
     */
    static double number(String token) {
        if (!isDecimal(token)) {
            return Double.NaN;
        }
        double v = exactly(token);
        if (Double.isNaN(v)) {
            v = NumberInput.parseDouble(token, true); // several times faster than Double.parseDouble
        }
        return Double.isFinite(v) ? v : Double.NaN;
    }

    /** Why {@link #number} gave NaN for {@code token}, at {@code where}. */
    static InputException notANumber(String token, String where) {
        if (token.isEmpty()) {
            return new InputException(where + ": missing value (empty field); every feature value must be a number");
        }
        if (isDecimal(token)) {
            return new InputException(where + ": '" + token + "' is too large for a 64-bit float");
        }
        if (NOT_FINITE.matcher(token).matches()) {
            return new InputException(where + ": '" + token + "' is not a finite number; impute or drop the row");
        }
        if (token.equalsIgnoreCase("true") || token.equalsIgnoreCase("false")) {
            return new InputException(where + ": '" + token + "' is a truth value; write it as 1 or 0");
        }
        if (MISSING.matcher(token).matches()) {
            return new InputException(where + ": '" + token + "' is a missing value; every feature value must be a"
                    + " number: impute or drop the row");
        }
        return new InputException(where + ": '" + token + "' is not a number");
    }

    /**
     * A decimal number (as {@link #isDecimal} accepts) whose digits make an integer w below 10^15
     * (so below 2^53) and whose value is w × 10^-k for |k| ≤ 22, converted exactly
     * ({@link ExactDecimal#of}); NaN for a number outside that (more digits, a larger exponent).
     * Most data values are in it.
     */
    private static double exactly(String token) {
        int n = token.length();
        int i = 0;
        boolean negative = token.charAt(0) == '-';
        if (negative || token.charAt(0) == '+') {
            i++;
        }
        long w = 0;
        int digits = 0;
        int k = 0;
        boolean fraction = false;
        for (; i < n; i++) {
            char ch = token.charAt(i);
            if (ch == '.') {
                fraction = true;
            } else if (ch == 'e' || ch == 'E') {
                break;
            } else {
                if (w != 0 || ch != '0') { // leading zeros are not digits of w
                    if (++digits > 15) {
                        return Double.NaN;
                    }
                    w = w * 10 + (ch - '0');
                }
                if (fraction) {
                    k++;
                }
            }
        }
        if (i < n) {
            int at = i + 1;
            boolean minus = token.charAt(at) == '-';
            if (minus || token.charAt(at) == '+') {
                at++;
            }
            if (n - at > 3) {
                return Double.NaN;
            }
            int e = Integer.parseInt(token, at, n, 10);
            k += minus ? e : -e;
        }
        double magnitude = ExactDecimal.of(w, k);
        return negative ? -magnitude : magnitude;
    }

    /**
     * Whether {@code token} is a plain decimal number as people and numpy write them,
     * {@code [+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?}: no hex floats, no {@code 1d} suffixes.
     * By hand, not by a regular expression: it runs on every value of a data set.
     */
    static boolean isDecimal(String token) {
        int n = token.length();
        int i = 0;
        if (i < n && (token.charAt(i) == '+' || token.charAt(i) == '-')) {
            i++;
        }
        int integerDigits = digits(token, i);
        i += integerDigits;
        int fractionDigits = 0;
        if (i < n && token.charAt(i) == '.') {
            fractionDigits = digits(token, ++i);
            i += fractionDigits;
        }
        if (integerDigits == 0 && fractionDigits == 0) {
            return false;
        }
        if (i < n && (token.charAt(i) == 'e' || token.charAt(i) == 'E')) {
            i++;
            if (i < n && (token.charAt(i) == '+' || token.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = digits(token, i);
            if (exponentDigits == 0) {
                return false;
            }
            i += exponentDigits;
        }
        return i == n;
    }

    /** How many ASCII digits {@code s} has from {@code from} on. */
    private static int digits(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }

    static int labelIndex(List<String> header, String labelColumn, boolean hasLabel, String source) {
        if (!hasLabel) {
            return -1;
        }
        int index;
        if (labelColumn == null) {
            index = header.size() - 1;
        } else {
            index = header.indexOf(labelColumn);
            if (index < 0) {
                throw new InputException(source + ": no label column '" + labelColumn + "'; columns: "
                        + String.join(", ", header) + Suggestions.didYouMean(labelColumn, header));
            }
        }
        if (header.size() == 1) {
            throw new InputException(source + ": the only column '" + header.get(0)
                    + "' is the label, so there are no feature columns");
        }
        return index;
    }

    /** A new SHA-256 digest, for the provenance of a data file. */
    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
