package io.illc.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of the test JVM: {@code local[2]}, no UI, few shuffle partitions, and files
 * split into small partitions so that a data set of a few hundred rows spans several of them (the
 * tree combination and the row numbering across partitions are then exercised). Started once,
 * stopped with the JVM: starting Spark takes seconds.
 */
final class TestSpark {
    /** Bytes per file partition: the breast-cancer CSV (about 120 kB) splits into several. */
    static final long PARTITION_BYTES = 16 * 1024;

    private TestSpark() {
    }

    static synchronized SparkSession session() {
        return SparkSession.builder()
                .appName("illc-spark-tests")
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.files.maxPartitionBytes", Long.toString(PARTITION_BYTES))
                .config("spark.sql.files.openCostInBytes", "0")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }
}
