package org.seqcast.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.rand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.eval.BacktestOptions;

/**
 * Local models on an embedded local[2] Spark: backtests and forecasts equal the single-machine command line's
 * output to the bit, for every partitioning of the input.
 */
class SparkLocalTest {
    private static final List<String> FOLD_KEY = List.of("model", "series", "fold");
    private static final List<String> FOLD_VALUES = List.of("origin", "train_size", "mse", "rmse", "mae", "mape",
            "smape", "mase");

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static Path csv;

    @BeforeAll
    static void start() {
        spark = Fixtures.session("local[2]");
        csv = Fixtures.quarterly(dir, 24);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void backtestEqualsTheCommandLineWhateverThePartitioning() {
        Path out = dir.resolve("folds.csv");
        Fixtures.cli("backtest", "--data", csv.toString(), "--id", "series_id", "--target", "value", "--time", "date",
                "-H", "8", "--folds", "2", "--models", "theta,hw,naive,drift", "--out", out.toString(), "-q");
        Map<String, String> expected = Fixtures.csvByKey(out, FOLD_KEY);
        LocalModels models = LocalModels.of(8, "theta", "hw", "naive", "drift");
        Dataset<Row> data = Fixtures.read(spark, csv);
        for (Dataset<Row> d : List.of(data.repartition(1), data.repartition(5), data.orderBy(rand(7)).repartition(3))) {
            SparkResult r = SeqcastSpark.backtest(d, Fixtures.QUARTERLY, models, new BacktestOptions(2, 8, true),
                    OnBadSeries.FAIL);
            Dataset<Row> rows = r.rows().withColumnRenamed("series_id", "series");
            Fixtures.assertSameRows(expected, Fixtures.rowsByKey(rows, FOLD_KEY, FOLD_VALUES));
            assertEquals(0, r.skipped().count());
            assertFalse(r.kernels().isEmpty(), "the executors said which kernels they use");
        }
    }

    @Test
    void forecastsOfBaselinesEqualTheCommandLine() {
        // seqcast fit + seqcast forecast of a classical method on the whole file
        Path model = dir.resolve("theta.seqcast");
        Path out = dir.resolve("theta.csv");
        Fixtures.cli("fit", "--data", csv.toString(), "--id", "series_id", "--target", "value", "--time", "date",
                "-H", "8", "--model", "theta", "--levels", "80,95", "--intervals", "classical", "--out",
                model.toString(), "-q");
        Fixtures.cli("forecast", "--model", model.toString(), "--data", csv.toString(), "--out", out.toString());
        Map<String, String> expected = Fixtures.csvByKey(out, List.of("series_id", "date"));
        SparkResult r = SeqcastSpark.forecast(Fixtures.read(spark, csv).repartition(3), Fixtures.QUARTERLY,
                LocalModels.of(8, "theta").withOptions("--levels", "80,95", "--intervals", "classical"),
                OnBadSeries.FAIL);
        assertEquals(List.of("series_id", "model", "step", "date", "forecast", "lo80", "hi80", "lo95", "hi95"),
                List.of(r.rows().columns()));
        Fixtures.assertSameRows(expected, Fixtures.rowsByKey(r.rows(), List.of("series_id", "date"),
                List.of("forecast", "lo80", "hi80", "lo95", "hi95")));
    }

    @Test
    void networksAndTheEnsembleEqualTheCommandLineOnEachSeries() {
        List<String> options = List.of("--epochs", "2", "--seed", "5");
        Dataset<Row> data = Fixtures.read(spark, csv).filter(col("series_id").isin("Q1", "Q2"));
        SparkResult r = SeqcastSpark.forecast(data.repartition(2), Fixtures.QUARTERLY,
                new LocalModels(List.of("lstm", "ensemble"), 8, options), OnBadSeries.FAIL);
        for (String id : List.of("Q1", "Q2")) {
            Path one = dir.resolve(id + ".csv");
            Fixtures.writeSeries(csv, id, one);
            for (String name : List.of("lstm", "ensemble")) {
                Path model = dir.resolve(id + "-" + name + ".seqcast");
                Path out = dir.resolve(id + "-" + name + ".csv");
                Fixtures.cli("fit", "--data", one.toString(), "--id", "series_id", "--target", "value", "--time",
                        "date", "-H", "8", "--model", name, "--epochs", "2", "--seed", "5", "--levels", "none",
                        "--out", model.toString(), "-q");
                Fixtures.cli("forecast", "--model", model.toString(), "--data", one.toString(), "--out",
                        out.toString());
                Map<String, String> expected = Fixtures.csvByKey(out, List.of("date"));
                Dataset<Row> mine = r.rows().filter(col("series_id").equalTo(id).and(col("model").equalTo(name)));
                Fixtures.assertSameRows(expected, Fixtures.rowsByKey(mine, List.of("date"), List.of("forecast")));
            }
        }
        assertTrue(r.kernels().get(0).contains("kernels"), r.kernels().toString());
    }
}
