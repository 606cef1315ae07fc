package io.illc.spark;

import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.core.InputException;
import io.illc.core.compress.CompressionRequest;
import io.illc.core.compress.CompressionResult;
import io.illc.core.compress.Compressor;
import io.illc.core.compress.StreamedCompressionRequest;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.data.Dataset;
import io.illc.core.model.WeightsJson;
import io.illc.core.spec.CompressionSpec;
import io.illc.core.spec.CompressionSpec.Method;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Passes over rows held by Spark ({@code local[2]}, several partitions) against the same rows in
 * memory: every row folded once with its own number, the sums equal, and the streamed compression on
 * Spark gives the single-machine partitions and network.
 */
class SparkRowPassesTest {
    static final Path BC_TINY = Path.of("../illc-core/src/test/resources/golden/bc_tiny.model.json");
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
    }

    @Test
    void aPassFoldsEveryRowOnceUnderItsOwnNumberAcrossPartitions() {
        Dataset bc = BuiltinDatasets.load("breast-cancer");
        try (SparkData data = SparkData.of(spark, bc, 5)) {
            SparkRowPasses passes = data.passes(identity(30));
            assertEquals(569, passes.count());
            assertEquals(5, passes.partitions());
            // Each row's first value, at its row number: a row folded twice, or under another number, shows.
            double[] firsts = passes.aggregate(() -> new double[569], (acc, chunk) -> {
                for (int r = 0; r < chunk.rows(); r++) {
                    acc[(int) chunk.firstRow() + r] += chunk.values()[r * chunk.features()];
                }
                return acc;
            }, (left, right) -> {
                for (int i = 0; i < left.length; i++) {
                    left[i] += right[i];
                }
                return left;
            });
            assertArrayEquals(bc.features().column(0), firsts);
        }
    }

    @Test
    void accumulatorsAreCombinedInRowOrderWithTheEarlierRowsOnTheLeft() {
        Dataset bc = BuiltinDatasets.load("breast-cancer");
        try (SparkData data = SparkData.of(spark, bc, 7)) {
            // A list of chunk starts shows the order in which the combination put them together.
            ArrayList<Long> starts = data.passes(identity(30)).aggregate(ArrayList::new, (acc, chunk) -> {
                acc.add(chunk.firstRow());
                return acc;
            }, (left, right) -> {
                left.addAll(right);
                return left;
            });
            List<Long> sorted = new ArrayList<>(starts);
            sorted.sort(null);
            assertEquals(sorted, starts);
            assertEquals(7, starts.size());
        }
    }

    @Test
    void columnsArePassedInTheOrderAskedFor() {
        Dataset bc = BuiltinDatasets.load("breast-cancer");
        try (SparkData data = SparkData.of(spark, bc, 2)) {
            double[] sums = data.passes(new int[]{29, 0}).aggregate(() -> new double[2], (acc, chunk) -> {
                for (int r = 0; r < chunk.rows(); r++) {
                    acc[0] += chunk.values()[2 * r];
                    acc[1] += chunk.values()[2 * r + 1];
                }
                return acc;
            }, (l, r) -> new double[]{l[0] + r[0], l[1] + r[1]});
            assertEquals(sum(bc.features().column(29)), sums[0], 1e-9 * Math.abs(sums[0]));
            assertEquals(sum(bc.features().column(0)), sums[1], 1e-9 * Math.abs(sums[1]));
        }
    }

    @Test
    void aCsvFileSplitAcrossPartitionsReadsAsTheSingleMachineReaderReadsIt(@TempDir Path dir) throws IOException {
        Dataset bc = BuiltinDatasets.load("breast-cancer");
        Path csv = writeCsv(dir, bc, -1);
        try (SparkData data = SparkData.csv(spark, csv.toString(), "diagnosis", true)) {
            assertEquals(569, data.rows());
            assertEquals(bc.featureNames(), data.featureNames());
            assertEquals(bc.classNames(), data.classNames());
            assertEquals("diagnosis", data.labelName());
            assertTrue(data.passes(identity(30)).partitions() > 1, "the file spans several partitions");
            long[] all = new long[569];
            java.util.Arrays.setAll(all, i -> i);
            SparkData.Picked picked = data.pick(all, identity(30));
            for (int r = 0; r < 569; r++) {
                assertArrayEquals(bc.features().row(r), picked.values()[r], "row " + r);
                assertEquals(bc.classNames().get(bc.labels()[r]), picked.labels()[r]);
            }
        }
    }

    @Test
    void aParquetFileReadsAsTheSameRowsAndClasses(@TempDir Path dir) throws IOException {
        Dataset bc = BuiltinDatasets.load("breast-cancer");
        Path csv = writeCsv(dir, bc, -1);
        String parquet = dir.resolve("data.parquet").toString();
        spark.read().option("header", "true").option("inferSchema", "true").csv(csv.toString()).coalesce(1)
                .write().parquet(parquet);
        try (SparkData data = SparkData.parquet(spark, parquet, "diagnosis", true)) {
            assertEquals(569, data.rows());
            assertEquals(bc.featureNames(), data.featureNames());
            assertEquals(bc.classNames(), data.classNames());
            long[] all = new long[569];
            java.util.Arrays.setAll(all, i -> i);
            SparkData.Picked picked = data.pick(all, identity(30));
            for (int r = 0; r < 569; r++) {
                assertArrayEquals(bc.features().row(r), picked.values()[r], "row " + r);
            }
        }
    }

    @Test
    void aMalformedRowFailsWithItsRowNumberWhereverItsPartitionIs(@TempDir Path dir) throws IOException {
        Path csv = writeCsv(dir, BuiltinDatasets.load("breast-cancer"), 500);
        InputException e = assertThrows(InputException.class,
                () -> SparkData.csv(spark, csv.toString(), "diagnosis", true).close());
        assertEquals(csv + ", row 501, column 'mean_radius': 'abc' is not a number", e.getMessage());
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"global, average", "global, refit", "illc, average", "illc, refit"})
    void streamedCompressionOnSparkGivesTheSingleMachinePartitionsAndNetwork(String method, String aggregation)
            throws IOException {
        Mlp original = WeightsJson.parse(Files.readAllBytes(BC_TINY), "bc_tiny").mlp();
        Dataset bc = BuiltinDatasets.load("breast-cancer");
        Method m = Method.valueOf(method.toUpperCase());
        int[] k = new int[original.hiddenWidths().length];
        for (int l = 0; l < k.length; l++) {
            k[l] = CompressionSpec.clusterCount(0.5, original.hiddenWidths()[l]);
        }
        CompressionResult held = new Compressor().compress(CompressionRequest.uniform(original, bc.features(), m, k,
                Plugins.ward(), Plugins.aggregation(aggregation), 0));
        try (SparkData data = SparkData.of(spark, bc, 3)) {
            CompressionResult onSpark = new Compressor().compress(new StreamedCompressionRequest(original, m, k,
                    Plugins.ward(), Plugins.aggregation(aggregation), 0), data.passes(identity(30)));
            assertEquals(held.partitions(), onSpark.partitions());
            for (int l = 1; l <= held.compressed().layers().size(); l++) {
                assertClose(held.compressed().layer(l), onSpark.compressed().layer(l), l);
            }
        }
    }

    /** Weights and biases equal to 1e-9 relative (absolute below 1e-12): the sums differ by rounding only. */
    static void assertClose(DenseLayer expected, DenseLayer actual, int layer) {
        assertEquals(expected.activation(), actual.activation());
        assertClose(expected.weights(), actual.weights(), "layer " + layer + " weights");
        assertClose(Matrix.ofRowMajor(1, expected.bias().size(), expected.bias().toArray()),
                Matrix.ofRowMajor(1, actual.bias().size(), actual.bias().toArray()), "layer " + layer + " bias");
    }

    static void assertClose(Matrix expected, Matrix actual, String what) {
        assertEquals(expected.rows(), actual.rows(), what);
        assertEquals(expected.cols(), actual.cols(), what);
        double[] e = expected.toRowMajor();
        double[] a = actual.toRowMajor();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], Math.max(1e-12, 1e-9 * Math.abs(e[i])), what + " [" + i + "]");
        }
    }

    static int[] identity(int m) {
        int[] c = new int[m];
        java.util.Arrays.setAll(c, i -> i);
        return c;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /** The data set as a CSV file, its label last; with {@code badRow} ≥ 0 that row's first value is "abc". */
    static Path writeCsv(Path dir, Dataset data, int badRow) throws IOException {
        StringBuilder out = new StringBuilder(String.join(",", data.featureNames())).append(',').append(data.labelName())
                .append('\n');
        for (int r = 0; r < data.rows(); r++) {
            double[] x = data.features().row(r);
            for (int j = 0; j < x.length; j++) {
                out.append(r == badRow && j == 0 ? "abc" : Double.toString(x[j])).append(',');
            }
            out.append(data.classNames().get(data.labels()[r])).append('\n');
        }
        Path file = dir.resolve("data.csv");
        Files.writeString(file, out, StandardCharsets.UTF_8);
        return file;
    }
}
