package org.seqcast.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.seqcast.io.ModelFile;

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
        csv = Fixtures.quarterly(dir, 12);
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
            Fixtures.writeSeries(csv, List.of(id), one);
            for (String name : List.of("lstm", "ensemble")) {
                Path model = dir.resolve(id + "-" + name + ".seqcast");
                Path out = dir.resolve(id + "-" + name + ".csv");
                Fixtures.cli("fit", "--data", one.toString(), "--id", "series_id", "--target", "value", "--time",
                        "date", "-H", "8", "--model", name, "--epochs", "2", "--seed", "5", "--levels", "none",
                        "--out", model.toString(), "-q");
                Fixtures.cli("forecast", "--model", model.toString(), "--data", one.toString(), "--out",
                        out.toString());
                Map<String, String> expected = Fixtures.csvByKey(out, List.of("date"));
                // quarterly data: preset auto fits lstm on seasonally adjusted series, named lstm-deseason
                String fitted = org.seqcast.io.ModelFile.load(model).forecaster().name();
                Dataset<Row> mine = r.rows().filter(col("series_id").equalTo(id).and(col("model").equalTo(fitted)));
                assertTrue(mine.count() > 0, "no Spark rows for " + fitted);
                Fixtures.assertSameRows(expected, Fixtures.rowsByKey(mine, List.of("date"), List.of("forecast")));
            }
        }
        assertTrue(r.kernels().get(0).contains("kernels"), r.kernels().toString());
    }

    @Test
    void globalModelsPerGroupAndTheirBroadcastForecastsEqualTheCommandLine() throws Exception {
        List<String> groupA = List.of("Q1", "Q2", "Q3");
        Dataset<Row> data = Fixtures.read(spark, csv).filter(col("series_id").isin("Q1", "Q2", "Q3", "Q4", "Q5"))
                .withColumn("group", org.apache.spark.sql.functions.when(col("series_id").isin(groupA.toArray()), "a")
                        .otherwise("b"));
        SparkResult fitted = SeqcastSpark.fit(data.repartition(3), Fixtures.QUARTERLY, "group",
                new LocalModels(List.of("lstm"), 8, List.of("--epochs", "2", "--seed", "3")), OnBadSeries.FAIL);
        List<Row> models = fitted.rows().collectAsList();
        assertEquals(List.of("a", "b"), models.stream().map(r -> r.getString(0)).toList());
        assertEquals(List.of(3, 2), models.stream().map(r -> r.getInt(1)).toList());
        byte[] a = (byte[]) models.get(0).get(2);

        // the CLI fits the group's series, in the order of their ids, from a file of them
        Path groupFile = dir.resolve("group-a.csv");
        Fixtures.writeSeries(csv, groupA, groupFile);
        Path model = dir.resolve("group-a.seqcast");
        Fixtures.cli("fit", "--data", groupFile.toString(), "--id", "series_id", "--target", "value", "--time", "date",
                "-H", "8", "--model", "lstm", "--epochs", "2", "--seed", "3", "--out", model.toString(), "-q");
        byte[] cli = java.nio.file.Files.readAllBytes(model);
        assertArrayEquals(Fixtures.entry(cli, ModelFile.WEIGHTS_ENTRY), Fixtures.entry(a, ModelFile.WEIGHTS_ENTRY),
                "the same weights, bit for bit");

        // any number of series forecast with the broadcast model, as seqcast forecast does with the file
        Path five = dir.resolve("five.csv");
        Fixtures.writeSeries(csv, List.of("Q1", "Q2", "Q3", "Q4", "Q5"), five);
        Path out = dir.resolve("group-a-forecast.csv");
        Fixtures.cli("forecast", "--model", model.toString(), "--data", five.toString(), "--out", out.toString());
        SparkResult forecasts = SeqcastSpark.forecast(data.drop("group").repartition(2), Fixtures.QUARTERLY, a,
                OnBadSeries.FAIL);
        Fixtures.assertSameRows(Fixtures.csvByKey(out, List.of("series_id", "date")),
                Fixtures.rowsByKey(forecasts.rows(), List.of("series_id", "date"), List.of("forecast")));
    }

    /** Series A (fine), B (a duplicated time stamp), C (too short for the backtest), monthly, as CSV lines. */
    private static List<String> badLines() {
        List<String> lines = new java.util.ArrayList<>(List.of("id,date,value"));
        java.time.LocalDate start = java.time.LocalDate.of(2020, 1, 1);
        for (int t = 0; t < 30; t++) {
            lines.add("A," + start.plusMonths(t) + "," + (10 + t % 12));
        }
        for (int t = 0; t < 30; t++) {
            lines.add("B," + start.plusMonths(t == 7 ? 6 : t) + "," + (20 + t % 12));
        }
        for (int t = 0; t < 5; t++) {
            lines.add("C," + start.plusMonths(t) + "," + (30 + t));
        }
        return lines;
    }

    /** The message the CLI prints for {@code seqcast backtest} on the lines of series {@code id}. */
    private static String cliError(List<String> lines, String id) throws Exception {
        Path file = dir.resolve("bad-" + id + ".csv");
        List<String> kept = new java.util.ArrayList<>(List.of(lines.get(0)));
        lines.stream().filter(l -> l.startsWith(id + ",")).forEach(kept::add);
        java.nio.file.Files.write(file, kept);
        String result = Fixtures.cliFailing("backtest", "--data", file.toString(), "--id", "id", "--target", "value",
                "--time", "date", "-H", "6", "--folds", "1", "--models", "naive", "-q");
        assertEquals('1', result.charAt(0), result);
        return result.substring(result.indexOf("error: ") + "error: ".length()).strip();
    }

    @Test
    void badSeriesAreSkippedAndListedWithTheCommandLinesMessages() throws Exception {
        List<String> lines = badLines();
        Path file = dir.resolve("bad.csv");
        java.nio.file.Files.write(file, lines);
        SeriesColumns columns = SeriesColumns.of("id", "date", "value");
        Dataset<Row> data = Fixtures.read(spark, file).repartition(2);
        SparkResult r = SeqcastSpark.backtest(data, columns, LocalModels.of(6, "naive"),
                new BacktestOptions(1, 6, true), OnBadSeries.SKIP);
        assertEquals(List.of("A"), r.rows().select("series_id").distinct().collectAsList().stream()
                .map(x -> x.getString(0)).toList());
        List<Row> skipped = r.skipped().collectAsList();
        assertEquals(List.of("B", "C"), skipped.stream().map(x -> x.getString(0)).toList());
        // the CLI's message on a file of the series alone: its problem after the location, naming the series
        String duplicate = cliError(lines, "B");
        String problem = duplicate.substring(duplicate.indexOf("column 'date': ") + "column 'date': ".length());
        assertTrue(problem.contains("duplicate time stamp") && problem.contains("'B'"), duplicate);
        assertTrue(skipped.get(0).getString(1).endsWith(problem), skipped.get(0).getString(1) + " vs " + duplicate);
        assertEquals(cliError(lines, "C"), skipped.get(1).getString(1));

        IllegalArgumentException fail = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SeqcastSpark.backtest(data, columns, LocalModels.of(6, "naive"),
                        new BacktestOptions(1, 6, true), OnBadSeries.FAIL));
        assertTrue(fail.getMessage().startsWith(skipped.get(0).getString(1)), fail.getMessage());
        assertTrue(fail.getMessage().contains("1 more series refused"), fail.getMessage());
    }

    @Test
    void aMissingColumnOrAWrongTypeIsNamedBeforeAnyTaskRuns() throws Exception {
        Path file = dir.resolve("bad.csv");
        java.nio.file.Files.write(file, badLines());
        Dataset<Row> data = Fixtures.read(spark, file);
        IllegalArgumentException missing = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> SeqcastSpark.forecast(data, "bad.csv",
                        SeriesColumns.of("id", "date", "sales"), LocalModels.of(6, "naive"), OnBadSeries.SKIP));
        String cli = Fixtures.cliFailing("backtest", "--data", file.toString(), "--id", "id", "--target", "sales",
                "--time", "date", "-H", "6", "-q");
        assertTrue(cli.contains("error: " + missing.getMessage()), missing.getMessage() + " vs " + cli);

        Dataset<Row> flags = data.withColumn("value", col("value").gt(20));
        IllegalArgumentException type = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SeqcastSpark.forecast(flags, SeriesColumns.of("id", "date", "value"), LocalModels.of(6, "naive"),
                        OnBadSeries.SKIP));
        assertEquals("data, column 'value': the target holds boolean values; expected numbers (integer, long, float,"
                + " double, decimal) or text holding numbers; cast the column, or name another one", type.getMessage());
    }
}
