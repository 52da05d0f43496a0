package org.seqcast.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.eval.BacktestOptions;

/**
 * A real standalone cluster (a master and two one-core workers on 127.0.0.1, started and stopped by the test):
 * the backtest submitted to it equals the single-machine command line's, and both executors report their
 * kernels (the Vector API's: {@link SeqcastSpark#withVectorApi} gave them the module).
 */
class StandaloneClusterTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 600)
    void aBacktestOnTwoWorkersEqualsTheCommandLine() {
        Path csv = Fixtures.quarterly(dir, 8);
        Path out = dir.resolve("folds.csv");
        Fixtures.cli("backtest", "--data", csv.toString(), "--id", "series_id", "--target", "value", "--time", "date",
                "-H", "8", "--folds", "2", "--models", "theta,naive", "--out", out.toString(), "-q");
        Path logs = System.getenv("SEQCAST_CLUSTER_LOGS") == null ? dir : Path.of(System.getenv("SEQCAST_CLUSTER_LOGS"));
        try (StandaloneCluster cluster = new StandaloneCluster(logs, 2)) {
            SparkConf conf = SeqcastSpark.withVectorApi(new SparkConf())
                    .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                    .set("spark.executor.memory", "512m").set("spark.executor.cores", "1").set("spark.cores.max", "2")
                    // start the job once both executors are there, so that both take part
                    .set("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                    .set("spark.scheduler.maxRegisteredResourcesWaitingTime", "90s");
            SparkSession spark = SparkSession.builder().master(cluster.master()).appName("seqcast-cluster-test")
                    .config(conf).config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            try {
                Dataset<Row> data = Fixtures.read(spark, csv).repartition(4);
                SparkResult r = SeqcastSpark.backtest(data, Fixtures.QUARTERLY, LocalModels.of(8, "theta", "naive"),
                        new BacktestOptions(2, 8, true), OnBadSeries.FAIL);
                Map<String, String> expected = Fixtures.csvByKey(out, List.of("model", "series", "fold"));
                Fixtures.assertSameRows(expected, Fixtures.rowsByKey(r.rows().withColumnRenamed("series_id", "series"),
                        List.of("model", "series", "fold"), List.of("origin", "train_size", "mse", "rmse", "mae",
                                "mape", "smape", "mase")));
                assertEquals(2, r.kernels().size(), "both executors said which kernels they used: " + r.kernels());
                assertTrue(r.kernels().stream().allMatch(k -> k.endsWith("vector kernels")), r.kernels().toString());
            } finally {
                spark.stop();
            }
        }
    }
}
