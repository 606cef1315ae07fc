package io.illc.core.data;

import com.fasterxml.jackson.core.io.NumberInput;
import io.illc.api.Matrix;
import io.illc.core.InputException;
import io.illc.core.catalog.Suggestions;
import io.illc.core.io.ExactDecimal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
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
 * <p>The format: UTF-8 (a byte-order mark is skipped), {@code \n} or {@code \r\n} line endings,
 * comma separated, one header row with unique column names, then one row per sample (RFC 4180).
 * Fields may be double-quoted (a quote inside is written {@code ""}); a quoted field may hold
 * commas and line breaks, and "line N" in a message is the physical line on which the row starts.
 * Blank lines at the end are ignored. Every feature value must be a finite decimal number; labels may be numbers or strings.
 *
 * <p>Every problem is an {@link InputException} with one line naming the file, the line and the
 * column. Stateless and thread-safe.
 */
public final class CsvLoader {
    /** The spellings of NaN and infinity that Java, numpy and R write; named in their own message. */
    private static final Pattern NOT_FINITE = Pattern.compile("(?i)[+-]?(?:nan|inf|infinity)");

    private CsvLoader() {
    }

    /** Held, a CSV file takes about this many times its size in heap (bytes, text, parsed rows). */
    static final int HELD_BYTES_PER_FILE_BYTE = 4;

    /**
     * Whether {@code file}, held, would take more than the JVM's whole heap ({@code -Xmx}), so that
     * it should be streamed; false for a file that cannot be read (loading it reports why).
     */
    public static boolean tooLargeToHold(Path file) {
        try {
            return Files.size(file) > Runtime.getRuntime().maxMemory() / HELD_BYTES_PER_FILE_BYTE;
        } catch (IOException e) {
            return false;
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
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        Path fileName = file.getFileName();
        String name = fileName == null ? file.toString() : fileName.toString();
        return parse(bytes, file.toString(), name, labelColumn, hasLabel);
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

    /** As {@link #featureColumns(Path, String, boolean)} from the header line itself. */
    static List<String> featureColumns(String first, String source, String labelColumn, boolean hasLabel) {
        return featureColumns(header(withoutByteOrderMark(first), source),
                source, labelColumn, hasLabel);
    }

    /**
     * The names of a CSV file's columns, read from its header line alone and checked as {@link #load}
     * checks them (quotes removed, names trimmed, none empty or repeated).
     *
     * @throws InputException for a missing, unreadable or empty file and a bad header
     */
    public static List<String> columns(Path file) {
        String first;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            first = in.readLine();
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        if (first == null) {
            throw new InputException(file + " is empty; expected a header row followed by data rows");
        }
        return header(withoutByteOrderMark(first), file.toString());
    }

    /** {@code text} without the byte-order mark some editors put first. */
    private static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
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

    private static List<String> featureColumns(List<String> header, String source, String labelColumn, boolean hasLabel) {
        int labelIndex = labelIndex(header, labelColumn, hasLabel, source);
        List<String> features = new ArrayList<>(header);
        if (labelIndex >= 0) {
            features.remove(labelIndex);
        }
        return features;
    }

    /**
     * Parses CSV bytes.
     *
     * @param source the file as named in messages
     * @param name   the dataset's name
     */
    static Dataset parse(byte[] bytes, String source, String name, String labelColumn, boolean hasLabel) {
        String sha256 = sha256(bytes);
        List<Row> lines = rows(decode(bytes, source));
        int last = lines.size() - 1;
        while (last >= 0 && lines.get(last).text().isBlank()) {
            last--;
        }
        if (last < 0) {
            throw new InputException(source + " is empty; expected a header row followed by data rows");
        }
        List<String> header = header(lines.get(0).text(), source);
        int labelIndex = labelIndex(header, labelColumn, hasLabel, source);
        if (last == 0) {
            throw new InputException(source + " has a header row but no data rows");
        }
        int rows = last;
        int featureCount = hasLabel ? header.size() - 1 : header.size();
        List<String> featureNames = new ArrayList<>(featureCount);
        for (int c = 0; c < header.size(); c++) {
            if (c != labelIndex) {
                featureNames.add(header.get(c));
            }
        }
        double[] values = new double[rows * featureCount];
        String[] labelTokens = hasLabel ? new String[rows] : null;
        for (int r = 0; r < rows; r++) {
            int lineNumber = lines.get(r + 1).line();
            String line = lines.get(r + 1).text();
            if (line.isBlank()) {
                throw new InputException(source + ", line " + lineNumber + " is empty; remove blank lines between rows");
            }
            List<String> fields = fields(line, source, lineNumber);
            if (fields.size() != header.size()) {
                throw new InputException(source + ", line " + lineNumber + " has " + fields.size()
                        + " fields, the header has " + header.size());
            }
            int f = 0;
            for (int c = 0; c < fields.size(); c++) {
                String token = fields.get(c).trim();
                if (c == labelIndex) {
                    if (token.isEmpty()) {
                        throw new InputException(where(source, lineNumber, header.get(c)) + ": missing label (empty field)");
                    }
                    labelTokens[r] = token;
                } else {
                    double v = number(token);
                    if (Double.isNaN(v)) {
                        throw notANumber(token, where(source, lineNumber, header.get(c)));
                    }
                    values[r * featureCount + f] = v;
                    f++;
                }
            }
        }
        Matrix features = Matrix.ofRowMajor(rows, featureCount, values);
        if (!hasLabel) {
            return new Dataset(name, featureNames, features, null, List.of(), null, sha256);
        }
        return withLabels(name, featureNames, features, header.get(labelIndex), labelTokens, sha256);
    }

    private static Dataset withLabels(String name, List<String> featureNames, Matrix features, String labelName,
                                      String[] tokens, String sha256) {
        Map<String, Integer> indexOfToken = new HashMap<>();
        List<String> classNames = classNames(List.of(tokens), indexOfToken);
        int[] labels = new int[tokens.length];
        for (int r = 0; r < tokens.length; r++) {
            labels[r] = indexOfToken.get(tokens[r]);
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

    /** Where a value is, as messages name it; made only for a message, not for every value. */
    private static String where(String source, int lineNumber, String column) {
        return source + ", line " + lineNumber + ", column '" + column + "'";
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

    private static List<String> header(String line, String source) {
        List<String> names = fields(line, source, 1);
        Map<String, Integer> firstColumn = new HashMap<>();
        for (int c = 0; c < names.size(); c++) {
            String n = names.get(c).trim();
            names.set(c, n);
            if (n.isEmpty()) {
                throw new InputException(source + ", line 1: column " + (c + 1) + " has an empty name; every column needs a name");
            }
            Integer first = firstColumn.putIfAbsent(n, c);
            if (first != null) {
                throw new InputException(source + ", line 1: column name '" + n + "' appears twice (columns "
                        + (first + 1) + " and " + (c + 1) + "); column names must be unique");
            }
        }
        return names;
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

    /** The fields of one line: split at commas outside double quotes; quotes removed. */
    private static List<String> fields(String line, String source, int lineNumber) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            int start = i;
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new InputException(source + ", line " + lineNumber + ", field " + (out.size() + 1)
                                + ": the quoted field is not closed before the end of the file");
                    }
                    char ch = line.charAt(i);
                    if (ch == '"' && i + 1 < n && line.charAt(i + 1) == '"') {
                        value.append('"');
                        i += 2;
                    } else if (ch == '"') {
                        i++;
                        break;
                    } else {
                        value.append(ch);
                        i++;
                    }
                }
                while (i < n && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new InputException(source + ", line " + lineNumber + ", field " + (out.size() + 1)
                            + ": unexpected text after the closing quote");
                }
                out.add(value.toString());
            } else {
                i = start;
                while (i < n && line.charAt(i) != ',') {
                    i++;
                }
                out.add(line.substring(start, i));
            }
            if (i >= n) {
                return out;
            }
            i++; // the comma
        }
    }

    /** One row of the file: its text without the line break that ends it, and the line it starts on. */
    private record Row(String text, int line) {
    }

    /**
     * The rows of the file: split at line breaks ({@code \n} or {@code \r\n}) outside quoted
     * fields. A quote opens a quoted field only at the start of a field (after optional spaces),
     * as RFC 4180 has it; elsewhere it is text, which {@link #fields} then judges.
     */
    private static List<Row> rows(String text) {
        List<Row> out = new ArrayList<>();
        int line = 1;
        int rowStart = 0;
        int rowLine = 1;
        boolean fieldStart = true;
        boolean quoted = false;
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            char ch = i < n ? text.charAt(i) : '\n';
            if (quoted) {
                if (ch == '"' && i + 1 < n && text.charAt(i + 1) == '"') {
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else if (ch == '\n') {
                    if (i == n) {
                        break; // unclosed at the end of the file: fields() reports it
                    }
                    line++;
                }
                continue;
            }
            if (ch == '\n') {
                String row = text.substring(rowStart, Math.min(i, n));
                out.add(new Row(row.endsWith("\r") ? row.substring(0, row.length() - 1) : row, rowLine));
                line++;
                rowStart = i + 1;
                rowLine = line;
                fieldStart = true;
            } else if (ch == ',') {
                fieldStart = true;
            } else if (ch == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (ch != ' ') {
                fieldStart = false;
            }
        }
        if (quoted) {
            out.add(new Row(text.substring(rowStart), rowLine));
        }
        return out;
    }

    private static String decode(byte[] bytes, String source) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return withoutByteOrderMark(text);
        } catch (CharacterCodingException e) {
            throw new InputException(source + " is not UTF-8 text; save it as UTF-8 CSV", e);
        }
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
