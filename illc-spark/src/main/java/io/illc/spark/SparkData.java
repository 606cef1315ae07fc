package io.illc.spark;

import io.illc.api.Matrix;
import io.illc.core.InputException;
import io.illc.core.data.CsvLoader;
import io.illc.core.data.Dataset;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A data set as Spark holds it: parsed and checked once into {@link Block}s of at most
 * {@code blockRows} rows, persisted on the executors (memory, spilling to disk), with the rows
 * numbered in the source's order (for one file: partition i holds the rows after those of partitions
 * 0..i-1). The driver holds the column names, the class names and one row count per partition,
 * never the rows. {@link #close()} releases the executors' copies.
 *
 * <p>CSV files are read with Spark's reader (header row, comma separated, no line breaks inside
 * quoted fields, so that a file splits across executors) and checked as the single-machine reader
 * checks them: every feature value a finite decimal number, a label on every row, the label column
 * as {@code "label"} names it or the last one. A bad row fails with its data row number (1-based,
 * the header not counted). Parquet columns must be numeric (the label column may be anything).
 */
public final class SparkData implements AutoCloseable {
    /** Rows per block: a chunk of a pass; its values take {@code blockRows × features × 8} bytes. */
    public static final int BLOCK_ROWS = 4096;
    private static final String CORRUPT = "_illc_corrupt_record";
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern NOT_FINITE = Pattern.compile("(?i)[+-]?(?:nan|inf|infinity)");

    private final String name;
    private final List<String> featureNames;
    private final String labelName;
    private final List<String> classNames;
    private final long[] offsets;
    private final long rows;
    private final String sha256;
    private final JavaRDD<Block> blocks;

    private SparkData(String name, List<String> featureNames, String labelName, List<String> classNames, long[] counts,
                      String sha256, JavaRDD<Block> blocks) {
        this.name = name;
        this.featureNames = List.copyOf(featureNames);
        this.labelName = labelName;
        this.classNames = List.copyOf(classNames);
        this.offsets = new long[counts.length];
        long total = 0;
        for (int p = 0; p < counts.length; p++) {
            offsets[p] = total;
            total += counts[p];
        }
        this.rows = total;
        this.sha256 = sha256;
        this.blocks = blocks;
    }

    /**
     * Reads a CSV file (a path Spark can read: local, HDFS, S3, ...).
     *
     * @param label    the label column; {@code null} with {@code hasLabel} = the last column
     * @param hasLabel false when every column is a feature
     * @throws InputException for a missing file, a bad header and the first bad row (by its number)
     */
    public static SparkData csv(SparkSession spark, String path, String label, boolean hasLabel) {
        StructType header;
        try {
            header = spark.read().option("header", "true").option("inferSchema", "false").csv(path).schema();
        } catch (Exception e) {
            throw new InputException("cannot read data file " + path + ": " + firstLine(e), e);
        }
        List<String> columns = Arrays.asList(header.fieldNames());
        int labelIndex = labelIndex(columns, label, hasLabel, path);
        StructType schema = new StructType();
        for (String c : columns) {
            schema = schema.add(c, DataTypes.StringType, true);
        }
        schema = schema.add(CORRUPT, DataTypes.StringType, true);
        org.apache.spark.sql.Dataset<Row> frame = spark.read().option("header", "true").option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT).schema(schema).csv(path);
        String[] names = columns.toArray(String[]::new);
        JavaRDD<Block> blocks = frame.javaRDD().mapPartitionsWithIndex(
                (p, it) -> parseCsv(p, it, names, labelIndex), true);
        return checked(spark, frame.javaRDD(), blocks, fileName(path), path, columns, labelIndex, sha256(path));
    }

    /**
     * Reads Parquet files; every column but the label must be numeric.
     *
     * @throws InputException for a missing file, a non-numeric feature column, a null value (by row number)
     */
    public static SparkData parquet(SparkSession spark, String path, String label, boolean hasLabel) {
        org.apache.spark.sql.Dataset<Row> frame;
        try {
            frame = spark.read().parquet(path);
        } catch (Exception e) {
            throw new InputException("cannot read data file " + path + ": " + firstLine(e), e);
        }
        List<String> columns = Arrays.asList(frame.schema().fieldNames());
        int labelIndex = labelIndex(columns, label, hasLabel, path);
        for (int c = 0; c < columns.size(); c++) {
            StructField field = frame.schema().fields()[c];
            if (c != labelIndex && !(field.dataType() instanceof NumericType)) {
                throw new InputException(path + ": column '" + field.name() + "' is " + field.dataType().simpleString()
                        + ", not a number; every feature column must be numeric");
            }
        }
        String[] names = columns.toArray(String[]::new);
        JavaRDD<Block> blocks = frame.javaRDD().mapPartitionsWithIndex(
                (p, it) -> parseParquet(p, it, names, labelIndex), true);
        return checked(spark, frame.javaRDD(), blocks, fileName(path), path, columns, labelIndex, sha256(path));
    }

    /** A data set held by the driver (a built-in one), spread over {@code partitions} partitions. */
    public static SparkData of(SparkSession spark, Dataset data, int partitions) {
        int n = data.rows();
        int m = data.featureNames().size();
        double[] all = data.features().toRowMajor();
        int[] labels = data.labels();
        List<Block> blocks = new ArrayList<>();
        long[] counts = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            int from = (int) ((long) n * p / partitions);
            int to = (int) ((long) n * (p + 1) / partitions);
            counts[p] = to - from;
            for (int start = from; start < to; start += BLOCK_ROWS) {
                int end = Math.min(to, start + BLOCK_ROWS);
                String[] tokens = null;
                if (labels != null) {
                    tokens = new String[end - start];
                    for (int r = start; r < end; r++) {
                        tokens[r - start] = data.classNames().get(labels[r]);
                    }
                }
                blocks.add(new Block(p, start - from, end - start, Arrays.copyOfRange(all, start * m, end * m), tokens));
            }
        }
        JavaRDD<Block> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(blocks, partitions)
                .persist(StorageLevel.MEMORY_AND_DISK());
        return new SparkData(data.name(), data.featureNames(), data.labelName(), data.classNames(), counts,
                data.sha256(), rdd);
    }

    /** The data set's name (its file name, or the built-in name). */
    public String name() {
        return name;
    }

    /** N. */
    public long rows() {
        return rows;
    }

    /** The feature columns in the source's order. */
    public List<String> featureNames() {
        return featureNames;
    }

    public String labelName() {
        return labelName;
    }

    /** The classes as the single-machine reader orders them; empty without a label column. */
    public List<String> classNames() {
        return classNames;
    }

    public String sha256() {
        return sha256;
    }

    /**
     * One row standing for the columns, for the checks that align data to a model: its value in
     * column j is j, so the row of the aligned data set is the source column of each model input.
     */
    public Dataset columns() {
        double[] index = new double[featureNames.size()];
        Arrays.setAll(index, j -> j);
        return new Dataset(name, featureNames, Matrix.ofRowMajor(1, index.length, index), labelName, classNames,
                classNames.isEmpty() ? null : new int[]{0}, sha256);
    }

    /** Passes over the rows with the features in the order {@code columns} gives (source column per input). */
    public SparkRowPasses passes(int[] columns) {
        return new SparkRowPasses(blocks, offsets.clone(), featureNames.size(), columns, rows);
    }

    /**
     * Rows by number, the features in the order of {@code columns}, with their label tokens.
     *
     * @param wanted 0-based row numbers, ascending and distinct
     */
    public Picked pick(long[] wanted, int[] columns) {
        long[] offs = offsets.clone();
        int m = featureNames.size();
        List<Picked> parts = blocks.map(b -> {
            long first = offs[b.partition()] + b.firstRow();
            int from = Arrays.binarySearch(wanted, first);
            from = from < 0 ? -from - 1 : from;
            List<Long> at = new ArrayList<>();
            List<double[]> values = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int i = from; i < wanted.length && wanted[i] < first + b.rows(); i++) {
                int r = (int) (wanted[i] - first);
                double[] x = new double[columns.length];
                for (int j = 0; j < columns.length; j++) {
                    x[j] = b.values()[r * m + columns[j]];
                }
                at.add(wanted[i]);
                values.add(x);
                labels.add(b.labels() == null ? null : b.labels()[r]);
            }
            return new Picked(at.stream().mapToLong(Long::longValue).toArray(), values.toArray(double[][]::new),
                    labels.toArray(String[]::new));
        }).filter(p -> p.rows().length > 0).collect();
        return Picked.concat(parts, wanted.length);
    }

    @Override
    public void close() {
        blocks.unpersist(false);
    }

    /**
     * Rows picked by number.
     *
     * @param rows   the 0-based row numbers, ascending
     * @param values the features of each
     * @param labels the label token of each (entries {@code null} without labels)
     */
    public record Picked(long[] rows, double[][] values, String[] labels) implements java.io.Serializable {
        static Picked concat(List<Picked> parts, int expected) {
            TreeMap<Long, Integer> order = new TreeMap<>();
            List<double[]> values = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (Picked p : parts) {
                for (int i = 0; i < p.rows.length; i++) {
                    order.put(p.rows[i], values.size());
                    values.add(p.values[i]);
                    labels.add(p.labels[i]);
                }
            }
            if (order.size() != expected) {
                throw new IllegalStateException(order.size() + " rows found of " + expected);
            }
            long[] rows = new long[expected];
            double[][] v = new double[expected][];
            String[] l = new String[expected];
            int i = 0;
            for (Map.Entry<Long, Integer> e : order.entrySet()) {
                rows[i] = e.getKey();
                v[i] = values.get(e.getValue());
                l[i] = labels.get(e.getValue());
                i++;
            }
            return new Picked(rows, v, l);
        }
    }

    /**
     * Parses and checks every partition (one Spark job), counting its rows; a bad row fails the job,
     * and its row number is then found by counting the rows of the partitions before it (a second
     * job, only then).
     */
    private static SparkData checked(SparkSession spark, JavaRDD<Row> raw, JavaRDD<Block> parsed, String name,
                                     String source, List<String> columns, int labelIndex, String sha256) {
        JavaRDD<Block> blocks = parsed.persist(StorageLevel.MEMORY_AND_DISK());
        int partitions = blocks.getNumPartitions();
        long[] counts = new long[partitions];
        Map<String, Long> firstSeen = new LinkedHashMap<>();
        try {
            List<PartitionSummary> parts = blocks.mapPartitionsWithIndex((p, it) -> {
                long count = 0;
                Map<String, Long> tokens = new LinkedHashMap<>();
                while (it.hasNext()) {
                    Block b = it.next();
                    if (b.labels() != null) {
                        for (int r = 0; r < b.rows(); r++) {
                            tokens.putIfAbsent(b.labels()[r], b.firstRow() + r);
                        }
                    }
                    count += b.rows();
                }
                return List.of(new PartitionSummary(p, count, tokens)).iterator();
            }, true).collect();
            for (PartitionSummary s : parts) {
                counts[s.partition()] = s.rows();
            }
            // Tokens in the order of their first row, so the class a token names is the single-machine reader's.
            for (PartitionSummary s : parts.stream().sorted((a, b) -> Integer.compare(a.partition(), b.partition())).toList()) {
                s.tokens().forEach(firstSeen::putIfAbsent);
            }
        } catch (Exception e) { // Spark throws its checked SparkException without declaring it
            blocks.unpersist(false);
            MalformedRowException bad = malformed(e);
            if (bad == null) {
                throw new InputException("cannot read data file " + source + ": " + firstLine(e), e);
            }
            int p = bad.partition();
            long before = raw.mapPartitionsWithIndex((i, it) -> {
                long count = 0;
                if (i < p) {
                    for (; it.hasNext(); it.next()) {
                        count++;
                    }
                }
                return List.of(count).iterator();
            }, true).reduce(Long::sum);
            throw new InputException(source + ", row " + (before + bad.rowInPartition() + 1) + ", " + bad.problem());
        }
        long total = Arrays.stream(counts).sum();
        if (total == 0) {
            blocks.unpersist(false);
            throw new InputException(source + " has a header row but no data rows");
        }
        List<String> features = new ArrayList<>(columns);
        String labelName = null;
        if (labelIndex >= 0) {
            labelName = features.remove(labelIndex);
        }
        List<String> classes = labelIndex >= 0 ? classNames(new ArrayList<>(firstSeen.keySet())) : List.of();
        return new SparkData(name, features, labelName, classes, counts, sha256, blocks);
    }

    private record PartitionSummary(int partition, long rows, Map<String, Long> tokens) implements java.io.Serializable {
    }

    private static Iterator<Block> parseCsv(int partition, Iterator<Row> it, String[] columns, int labelIndex) {
        int m = labelIndex >= 0 ? columns.length - 1 : columns.length;
        return blocks(partition, it, m, labelIndex >= 0, (row, r, values, offset, labels, at) -> {
            Object corrupt = row.get(columns.length);
            if (corrupt != null) {
                throw new MalformedRowException(partition, r, "has not " + columns.length
                        + " fields as the header has, or an unclosed quote: " + abbreviate(corrupt.toString()));
            }
            int f = 0;
            for (int c = 0; c < columns.length; c++) {
                String token = row.isNullAt(c) ? "" : row.getString(c).trim();
                if (c == labelIndex) {
                    if (token.isEmpty()) {
                        throw new MalformedRowException(partition, r, "column '" + columns[c] + "': missing label (empty field)");
                    }
                    labels[at] = token;
                } else {
                    values[offset + f++] = number(token, partition, r, columns[c]);
                }
            }
        });
    }

    private static Iterator<Block> parseParquet(int partition, Iterator<Row> it, String[] columns, int labelIndex) {
        int m = labelIndex >= 0 ? columns.length - 1 : columns.length;
        return blocks(partition, it, m, labelIndex >= 0, (row, r, values, offset, labels, at) -> {
            int f = 0;
            for (int c = 0; c < columns.length; c++) {
                if (row.isNullAt(c)) {
                    throw new MalformedRowException(partition, r, "column '" + columns[c] + "': missing value (null)");
                }
                if (c == labelIndex) {
                    labels[at] = row.get(c).toString();
                } else {
                    double v = ((Number) row.get(c)).doubleValue();
                    if (!Double.isFinite(v)) {
                        throw new MalformedRowException(partition, r, "column '" + columns[c] + "': " + v
                                + " is not a finite number; impute or drop the row");
                    }
                    values[offset + f++] = v;
                }
            }
        });
    }

    @FunctionalInterface
    private interface RowParser {
        void parse(Row row, long rowInPartition, double[] values, int offset, String[] labels, int at);
    }

    /** The rows of one partition as blocks of at most {@link #BLOCK_ROWS}, parsed lazily. */
    private static Iterator<Block> blocks(int partition, Iterator<Row> it, int m, boolean hasLabel, RowParser parser) {
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Block next() {
                double[] values = new double[BLOCK_ROWS * m];
                String[] labels = hasLabel ? new String[BLOCK_ROWS] : null;
                int rows = 0;
                while (rows < BLOCK_ROWS && it.hasNext()) {
                    parser.parse(it.next(), next + rows, values, rows * m, labels, rows);
                    rows++;
                }
                Block b = new Block(partition, next, rows, rows == BLOCK_ROWS ? values : Arrays.copyOf(values, rows * m),
                        labels == null || rows == BLOCK_ROWS ? labels : Arrays.copyOf(labels, rows));
                next += rows;
                return b;
            }
        };
    }

    /** As the single-machine reader reads a feature value. */
    private static double number(String token, int partition, long row, String column) {
        String where = "column '" + column + "': ";
        if (token.isEmpty()) {
            throw new MalformedRowException(partition, row, where + "missing value (empty field); every feature value must be a number");
        }
        if (NOT_FINITE.matcher(token).matches()) {
            throw new MalformedRowException(partition, row, where + "'" + token + "' is not a finite number; impute or drop the row");
        }
        if (!DECIMAL.matcher(token).matches()) {
            throw new MalformedRowException(partition, row, where + "'" + abbreviate(token) + "' is not a number");
        }
        double v = Double.parseDouble(token);
        if (Double.isInfinite(v)) {
            throw new MalformedRowException(partition, row, where + "'" + token + "' is too large for a 64-bit float");
        }
        return v;
    }

    /**
     * The class names in the single-machine reader's order: numbers by value (a class named by its first
     * token), anything else as sorted strings.
     *
     * @param tokens the distinct label tokens in the order of their first row
     */
    static List<String> classNames(List<String> tokens) {
        boolean allNumeric = tokens.stream().allMatch(t -> DECIMAL.matcher(t).matches()
                && Double.isFinite(Double.parseDouble(t)));
        if (!allNumeric) {
            return List.copyOf(new TreeSet<>(tokens));
        }
        TreeMap<Double, String> firstTokenOfValue = new TreeMap<>();
        for (String t : tokens) {
            firstTokenOfValue.putIfAbsent(Double.parseDouble(t) + 0.0, t);
        }
        return List.copyOf(firstTokenOfValue.values());
    }

    private static int labelIndex(List<String> columns, String label, boolean hasLabel, String source) {
        if (!hasLabel) {
            return -1;
        }
        if (label == null) {
            if (columns.size() < 2) {
                throw new InputException(source + ": the only column is the label; the data needs at least one feature");
            }
            return columns.size() - 1;
        }
        int at = columns.indexOf(label);
        if (at < 0) {
            throw new InputException(source + ": no label column '" + label + "'; columns: " + String.join(", ", columns));
        }
        return at;
    }

    private static MalformedRowException malformed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MalformedRowException m) {
                return m;
            }
        }
        return null;
    }

    private static String firstLine(Throwable e) {
        Throwable t = e instanceof SparkException && e.getCause() != null ? e.getCause() : e;
        String message = String.valueOf(t.getMessage());
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static String abbreviate(String s) {
        String line = s.replace("\n", "\\n").replace("\r", "\\r");
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }

    private static String fileName(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** SHA-256 of a local file's bytes (as the single-machine run records); a folder or remote path: "" . */
    private static String sha256(String path) {
        Path file;
        try {
            file = Path.of(path.startsWith("file:") ? java.net.URI.create(path).getPath() : path);
        } catch (RuntimeException e) {
            return "";
        }
        if (!Files.isRegularFile(file)) {
            return "";
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            MessageDigest digest = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw CsvLoader.unreadable(file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
