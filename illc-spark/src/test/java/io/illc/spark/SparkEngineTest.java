package io.illc.spark;

import io.illc.api.ClusterAssignment;
import io.illc.api.MetricResult;
import io.illc.core.Illc;
import io.illc.core.InputException;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.local.ExplainedRow;
import io.illc.core.local.LocalExplanation;
import io.illc.core.run.Preflight;
import io.illc.core.run.Progress;
import io.illc.core.run.RunResult;
import io.illc.core.spec.PipelineSpec;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same spec on the single-machine engine and on the Spark engine ({@code local[2]}, the rows in
 * several partitions) gives the same results: identical partitions, networks, metrics and per-row
 * local metrics to 1e-9 relative. Bad input fails cleanly on Spark too.
 */
class SparkEngineTest {
    private static final Illc ILLC = Illc.withPlugins(List.of());
    /** Tolerance of every number the engines compute as sums in different orders. */
    private static final double RELATIVE = 1e-9;

    @BeforeAll
    static void start() {
        TestSpark.session();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"global, average", "global, refit", "illc, average", "illc, refit"})
    void theSparkEngineGivesTheSingleMachineCompressionAndMetrics(String method, String aggregation, @TempDir Path dir) {
        String compression = "\"compression\": {\"method\": \"" + method + "\", \"shrink\": 0.5, \"clustering\":"
                + " {\"name\": \"agglomerative\", \"params\": {\"linkage\": \"ward\"}}, \"aggregation\": {\"name\": \""
                + aggregation + "\"}, \"rows\": \"all\"}";
        RunResult local = ILLC.compute(spec(dir, "{\"builtin\": \"breast-cancer\"}", compression, null, "local"));
        RunResult spark = ILLC.compute(spec(dir, "{\"builtin\": \"breast-cancer\"}", compression, null, "spark"));
        assertEquals(0, spark.data().rows(), "the Spark engine holds no rows on the driver");
        assertEquals(569, spark.rows());
        assertEquals(local.data().featureNames(), spark.data().featureNames());
        assertEquals(local.data().classNames(), spark.data().classNames());
        assertEquals(local.data().sha256(), spark.data().sha256());
        assertEquals(local.compression().partitions(), spark.compression().partitions());
        for (int l = 1; l <= local.compressed().layers().size(); l++) {
            SparkRowPassesTest.assertClose(local.compressed().layer(l), spark.compressed().layer(l), l);
        }
        assertMetricsClose(local.metrics(), spark.metrics(), "global");
        assertEquals(local.qbaf().arguments().size(), spark.qbaf().arguments().size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a sample of the data rows, the wide-refit preset | {\"sample\": 200}                          | wide-refit",
        "seeded perturbations and the LIME baseline       | {\"perturb\": {\"samples\": 60}}            | definition-10"})
    void twentyLocalRowsGiveTheSingleMachineLocalExplanations(String what, String neighbourhood, String preset,
                                                              @TempDir Path dir) {
        String compression = "\"compression\": {\"method\": \"global\", \"shrink\": 0.5, \"clustering\":"
                + " {\"name\": \"agglomerative\", \"params\": {\"linkage\": \"ward\"}}, \"rows\": \"all\"}";
        String rows = "[0, 3, 17, 40, 41, 99, 100, 150, 201, 250, 288, 300, 333, 377, 402, 450, 499, 512, 540, 568]";
        String local = "\"local\": {\"instances\": " + rows + ", \"neighbourhood\": " + neighbourhood
                + ", \"preset\": \"" + preset + "\", \"baseline\": \"lime\"}";
        RunResult one = ILLC.compute(spec(dir, "{\"builtin\": \"breast-cancer\"}", compression, local, "local"));
        RunResult spark = ILLC.compute(spec(dir, "{\"builtin\": \"breast-cancer\"}", compression, local, "spark"));
        assertEquals(20, spark.local().size());
        for (int i = 0; i < 20; i++) {
            ExplainedRow a = one.local().get(i);
            ExplainedRow b = spark.local().get(i);
            LocalExplanation x = a.explanation();
            LocalExplanation y = b.explanation();
            String row = "row " + x.row();
            assertEquals(x.row(), y.row(), row);
            assertEquals(a.prediction(), b.prediction(), row);
            assertEquals(a.trueLabel(), b.trueLabel(), row);
            assertEquals(a.render(), b.render(), row);
            assertArrayEquals(x.features().toArray(), y.features().toArray(), row);
            assertArrayEquals(x.neighbours(), y.neighbours(), row);
            List<ClusterAssignment> partitions = x.partitions();
            assertEquals(partitions, y.partitions(), row);
            assertMetricsClose(x.metrics(), y.metrics(), row);
            assertClose(x.effectiveSize(), y.effectiveSize(), row + " effective size");
            double[] limeOne = x.lime().surrogate().coefficients();
            double[] limeSpark = y.lime().surrogate().coefficients();
            assertEquals(limeOne.length, limeSpark.length, row);
            for (int c = 0; c < limeOne.length; c++) {
                assertClose(limeOne[c], limeSpark[c], row + " LIME coefficient " + c);
            }
            assertClose(x.lime().ioUnfaithfulness(), y.lime().ioUnfaithfulness(), row + " LIME io-unfaithfulness");
        }
    }

    @Test
    void everyRowNotRenderedComesBackAsASummaryWithTheSingleMachineMetrics(@TempDir Path dir) {
        String compression = "\"compression\": {\"method\": \"global\", \"shrink\": 0.5}";
        String local = "\"local\": {\"instances\": \"all\", \"neighbourhood\": {\"sample\": 40},"
                + " \"preset\": \"definition-10\"}";
        RunResult one = ILLC.compute(spec(dir, "{\"builtin\": \"breast-cancer\"}", compression, local, "local"));
        RunResult spark = ILLC.compute(spec(dir, "{\"builtin\": \"breast-cancer\"}", compression, local, "spark"));

        assertEquals(569, spark.local().size());
        assertTrue(spark.local().stream().noneMatch(r -> r.render() || r.explanation().hasNetwork()),
                "the driver gets summaries, not local networks");
        for (int i = 0; i < 569; i += 71) {
            assertMetricsClose(one.local().get(i).explanation().metrics(), spark.local().get(i).explanation().metrics(),
                    "row " + i);
        }
    }

    @Test
    void aSummaryTravelsInAFewKilobytesWhereTheWholeExplanationTakesMore(@TempDir Path dir) throws IOException {
        String compression = "\"compression\": {\"method\": \"global\", \"shrink\": 0.5}";
        String local = "\"local\": {\"instances\": [7], \"neighbourhood\": {\"sample\": 300}}";
        ExplainedRow full = ILLC.compute(spec(dir, "{\"builtin\": \"breast-cancer\"}", compression, local, "local"))
                .local().get(0);
        ExplainedRow summary = new ExplainedRow(full.explanation().summary(), full.prediction(), full.trueLabel(), false);

        int fullBytes = serialisedSize(RowOutcome.of(0, full));
        int summaryBytes = serialisedSize(RowOutcome.of(0, summary));

        assertTrue(summaryBytes < 4096, summaryBytes + " bytes");
        assertTrue(summaryBytes * 3 < fullBytes, summaryBytes + " against " + fullBytes + " bytes");
        assertMetricsClose(summary.explanation().metrics(), RowOutcome.of(0, summary).toExplainedRow().explanation().metrics(),
                "the summary read back");
    }

    private static int serialisedSize(Object o) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.size();
    }

    @Test
    void theExecutorsWriteEveryRowsSummaryAsParquetBesideTheCsv(@TempDir Path dir) throws IOException {
        String compression = "\"compression\": {\"method\": \"illc\", \"shrink\": 0.5}";
        String local = "\"local\": {\"instances\": [5, 0, 300], \"neighbourhood\": {\"sample\": 100},"
                + " \"baseline\": \"lime\"}";
        Path out = dir.resolve("out");
        ILLC.run(spec(dir, "{\"builtin\": \"breast-cancer\"}", compression, local, "spark").withOutput(out), false,
                Progress.SILENT);

        List<String> csv = Files.readAllLines(out.resolve("local/summary.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        List<Row> parquet = TestSpark.session().read().parquet(out.resolve("local/summary.parquet").toString())
                .collectAsList();
        assertEquals(List.of("row", "true_label", "prediction", "local-io-unfaithfulness",
                "local-structural-unfaithfulness", "effective-size", "lime-io-unfaithfulness"),
                List.of(parquet.get(0).schema().fieldNames()));
        assertEquals(3, parquet.size());
        // Spark reads the part files in an order of its own (largest first): match the rows by number.
        Map<Integer, Row> byRow = new java.util.HashMap<>();
        parquet.forEach(r -> byRow.put(r.getInt(0), r));
        for (int i = 0; i < 3; i++) {
            String[] line = csv.get(i + 1).split(",");
            Row row = byRow.get(Integer.parseInt(line[0]));
            assertEquals(line[1], row.getString(1));
            assertEquals(line[2], row.getString(2));
            for (String column : List.of("local-io-unfaithfulness", "local-structural-unfaithfulness", "effective-size",
                    "lime-io-unfaithfulness")) {
                assertEquals(Double.parseDouble(line[header.indexOf(column)]), row.getDouble(row.fieldIndex(column)),
                        "row " + line[0] + " " + column);
            }
        }
    }

    @Test
    void aMalformedCsvRowFailsTheRunWithItsRowNumberAndWritesNothing(@TempDir Path dir) throws IOException {
        Path csv = SparkRowPassesTest.writeCsv(dir, BuiltinDatasets.load("breast-cancer"), 400);
        String data = "{\"csv\": \"" + csv + "\", \"label\": \"diagnosis\"}";
        Path out = dir.resolve("out");
        PipelineSpec spec = spec(dir, data, "\"compression\": {\"method\": \"illc\", \"shrink\": 0.5}", null, "spark")
                .withOutput(out);
        InputException e = assertThrows(InputException.class, () -> ILLC.run(spec, false, Progress.SILENT));
        assertEquals(csv + ", row 401, column 'mean_radius': 'abc' is not a number", e.getMessage());
        assertFalse(Files.exists(out), "no output folder");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(csv), left.toList(), "nothing half-written beside it");
        }
    }

    @Test
    void settingsThatNeedEveryRowInOnePlaceAreRefusedByTheirPath(@TempDir Path dir) {
        String compression = "\"compression\": {\"method\": \"global\", \"shrink\": 0.5, \"rows\": {\"holdout\": 0.2}}";
        InputException e = assertThrows(InputException.class, () -> ILLC.compute(
                spec(dir, "{\"builtin\": \"breast-cancer\"}", compression, null, "spark")));
        assertTrue(e.getMessage().startsWith("$.compression.rows.holdout: a holdout split needs every row in one place"),
                e.getMessage());
    }

    @Test
    void aModelThatDoesNotFitTheDataIsRefusedAsValidateSaysItBeforeSparkStarts(@TempDir Path dir) {
        List<String> stages = new java.util.ArrayList<>();
        Progress recorded = stages::add;
        PipelineSpec spec = spec(dir, "{\"builtin\": \"iris\"}", "\"compression\": {\"method\": \"global\", \"shrink\": 0.5}",
                null, "spark");

        InputException e = assertThrows(InputException.class, () -> ILLC.compute(spec, recorded));

        assertEquals(List.of("$.model.load: data 'iris' has 4 feature columns but the model takes 30 inputs"), e.problems());
        assertEquals(Preflight.fit(spec), e.problems());
        assertEquals(List.of(), stages, "Spark is not started");
    }

    @Test
    void theGlobalAnalysesAtTheMeanOfTheRowsAreRefusedByTheirPath(@TempDir Path dir) {
        String compression = "\"compression\": {\"method\": \"global\", \"shrink\": 0.5}, \"attribution\": {},"
                + " \"contest\": {\"scope\": \"output\"}";
        InputException e = assertThrows(InputException.class, () -> ILLC.compute(
                spec(dir, "{\"builtin\": \"breast-cancer\"}", compression, null, "spark")));
        assertTrue(e.getMessage().contains("$.attribution: attribution of the global QBAF (at the mean of the rows) needs"
                + " every row in one place"), e.getMessage());
        assertTrue(e.getMessage().contains("$.contest: "), e.getMessage());
    }

    private static PipelineSpec spec(Path dir, String data, String compression, String local, String engine) {
        String json = "{\"specVersion\": 1, \"seed\": 0, \"data\": " + data + ", \"model\": {\"load\": \""
                + SparkRowPassesTest.BC_TINY.toAbsolutePath().normalize() + "\", \"format\": \"weights-json\"}, "
                + compression + (local == null ? "" : ", " + local)
                + ", \"execution\": {\"engine\": \"" + engine + "\"}}";
        return ILLC.parse(json, dir, "spec.json");
    }

    /** The same metrics, values and numeric details (numbers and lists of numbers) to 1e-9 relative. */
    static void assertMetricsClose(Map<String, MetricResult> expected, Map<String, MetricResult> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        for (Map.Entry<String, MetricResult> e : expected.entrySet()) {
            String name = what + " " + e.getKey();
            MetricResult a = actual.get(e.getKey());
            assertClose(e.getValue().value(), a.value(), name);
            assertEquals(e.getValue().details().keySet(), a.details().keySet(), name);
            for (Map.Entry<String, Object> d : e.getValue().details().entrySet()) {
                Object other = a.details().get(d.getKey());
                if (d.getValue() instanceof Number n) {
                    assertClose(n.doubleValue(), ((Number) other).doubleValue(), name + "." + d.getKey());
                } else if (d.getValue() instanceof List<?> list) {
                    List<?> others = assertInstanceOf(List.class, other);
                    assertEquals(list.size(), others.size(), name + "." + d.getKey());
                    for (int i = 0; i < list.size(); i++) {
                        assertClose(((Number) list.get(i)).doubleValue(), ((Number) others.get(i)).doubleValue(),
                                name + "." + d.getKey() + "[" + i + "]");
                    }
                } else {
                    assertEquals(d.getValue(), other, name + "." + d.getKey());
                }
            }
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, Math.max(1e-15, RELATIVE * Math.abs(expected)), what);
    }
}
