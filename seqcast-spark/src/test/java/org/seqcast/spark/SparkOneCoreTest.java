package org.seqcast.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.eval.BacktestOptions;

/**
 * local[1]: one core runs every task, in another order than local[2] does; the backtest of networks and
 * baselines still equals the single-machine command line's (as {@link SparkLocalTest} checks for local[2]).
 */
class SparkOneCoreTest {
    @TempDir
    Path dir;

    /** Quarterly data: preset auto fits gru on seasonally adjusted series, so its rows are gru-deseason's. */
    private static final String GRU = "gru" + org.seqcast.forecast.DecomposedForecaster.SUFFIX;

    @Test
    void oneCoreGivesTheCommandLinesNumbers() {
        Path csv = Fixtures.quarterly(dir, 6);
        List<String> key = List.of("model", "series", "fold");
        List<String> values = List.of("origin", "train_size", "mse", "rmse", "mae", "mape", "smape", "mase");
        Path out = dir.resolve("folds.csv");
        Fixtures.cli("backtest", "--data", csv.toString(), "--id", "series_id", "--target", "value", "--time", "date",
                "-H", "8", "--folds", "2", "--models", "theta", "--out", out.toString(), "-q");
        // a network is one model of all the file's series in the CLI: a file of one series gives its local model
        Path q2 = dir.resolve("q2.csv");
        Fixtures.writeSeries(csv, List.of("Q2"), q2);
        Path outQ2 = dir.resolve("folds-q2.csv");
        Fixtures.cli("backtest", "--data", q2.toString(), "--id", "series_id", "--target", "value", "--time", "date",
                "-H", "8", "--folds", "2", "--models", "gru", "--epochs", "2", "--seed", "11", "--out",
                outQ2.toString(), "-q");
        SparkSession spark = Fixtures.session("local[1]");
        try {
            SparkResult r = SeqcastSpark.backtest(Fixtures.read(spark, csv).repartition(3), Fixtures.QUARTERLY,
                    LocalModels.of(8, "theta", "gru").withOptions("--epochs", "2", "--seed", "11"),
                    new BacktestOptions(2, 8, true), OnBadSeries.FAIL);
            var rows = r.rows().withColumnRenamed("series_id", "series");
            Fixtures.assertSameRows(Fixtures.csvByKey(out, key), Fixtures.rowsByKey(
                    rows.filter("model <> '" + GRU + "'"), key, values));
            var gru = new java.util.TreeMap<>(Fixtures.csvByKey(outQ2, key));
            gru.keySet().removeIf(k -> !k.startsWith(GRU + "|"));
            Fixtures.assertSameRows(gru, Fixtures.rowsByKey(rows.filter("model = '" + GRU + "' and series = 'Q2'"), key,
                    values));
            assertEquals(1, r.kernels().size(), r.kernels().toString());
        } finally {
            spark.stop();
        }
    }
}
