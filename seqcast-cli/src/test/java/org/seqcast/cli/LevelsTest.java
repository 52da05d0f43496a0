package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.cli.Cli.Result;
import org.seqcast.data.CsvOptions;
import org.seqcast.data.SeriesCsv;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.FittedConformal;
import org.seqcast.forecast.Forecast;
import org.seqcast.io.LoadedModel;
import org.seqcast.io.ModelFile;

/**
 * {@code --levels} on fit, forecast, backtest and inspect: conformal intervals around a baseline's forecasts
 * (theta on AirPassengers, fast), the calibration through the model file, and every bad value.
 */
class LevelsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    /** theta with the 80% and 95% intervals. */
    static Path conformal;
    /** theta without intervals (a model file as saved before --levels). */
    static Path plain;
    static JsonNode fitJson;
    static TimeSeries air;

    @BeforeAll
    static void fit() throws Exception {
        conformal = dir.resolve("theta-80-95.seqcast");
        plain = dir.resolve("theta.seqcast");
        fitJson = JSON.readTree(Cli.ok("fit", "--data", Cli.AIR, "-H", "12", "--model", "theta", "--levels", "80,95",
                "--out", conformal, "--json").out());
        Cli.ok("fit", "--data", Cli.AIR, "-H", "12", "--model", "theta", "--out", plain, "--quiet");
        air = SeriesCsv.read(Cli.AIR, CsvOptions.defaults()).get(0);
    }

    @Test
    void fitSavesTheCalibration() throws Exception {
        assertEquals("[80.0,95.0]", fitJson.get("levels").toString(), fitJson::toString);
        // one series: the 95% interval needs 19 windows, so 19 origins
        assertEquals(19, fitJson.get("calibration_windows").asInt(), fitJson::toString);
        LoadedModel loaded = ModelFile.load(conformal);
        FittedConformal c = (FittedConformal) loaded.forecaster();
        assertEquals("[80.0, 95.0]", java.util.Arrays.toString(c.calibration().levels()));
        assertEquals("theta", c.inner().name());

        Result text = Cli.ok("fit", "--data", Cli.AIR, "-H", "12", "--model", "theta", "--levels", "95,80",
                "--out", dir.resolve("again.seqcast"));
        assertTrue(text.out().contains("saved " + dir.resolve("again.seqcast") + ": theta, horizon 12"), text::toString);
        assertTrue(text.out().contains("intervals: 80%, 95%, conformal, calibrated on 19 window(s) of 12 steps"),
                text::toString);
        assertTrue(text.err().contains("calibrating the 80%, 95% intervals on the training data (refitted at every"
                + " calibration origin), then fitting theta"), text::toString);
    }

    @Test
    void forecastPrintsTheIntervalsOfTheLoadedCalibration() throws Exception {
        Result r = Cli.ok("forecast", "--model", conformal, "--data", Cli.AIR);
        List<String> lines = r.out().lines().toList();
        assertEquals("date,forecast,lo80,hi80,lo95,hi95", lines.get(0), r::toString);
        assertEquals(13, lines.size(), r::toString);
        Forecast expected = ModelFile.load(conformal).forecaster().forecast(air);
        Forecast point = ModelFile.load(plain).forecaster().forecast(air);
        double[][] cells = cells(lines);
        for (int k = 0; k < 12; k++) {
            double[] row = cells[k];
            assertEquals(point.values()[k], row[0], 0, "the point forecast is theta's, with or without intervals");
            assertEquals(expected.distribution().lower(80)[k], row[1], 0);
            assertEquals(expected.distribution().upper(80)[k], row[2], 0);
            assertEquals(expected.distribution().lower(95)[k], row[3], 0);
            assertEquals(expected.distribution().upper(95)[k], row[4], 0);
            assertTrue(row[3] <= row[1] && row[1] <= row[0] && row[0] <= row[2] && row[2] <= row[4], lines.get(k + 1));
            assertTrue(row[4] - row[3] > row[2] - row[1], "the 95% interval is wider than the 80% one");
        }

        JsonNode json = JSON.readTree(Cli.ok("forecast", "--model", conformal, "--data", Cli.AIR, "--json").out());
        JsonNode first = json.get(0).get("forecast").get(0);
        assertEquals(cells[0][1], first.get("lo80").asDouble(), 0);
        assertEquals(cells[0][4], first.get("hi95").asDouble(), 0);
    }

    @Test
    void forecastLevelsChoosesAmongTheStoredOnes() {
        List<String> all = Cli.ok("forecast", "--model", conformal, "--data", Cli.AIR).out().lines().toList();
        List<String> only95 = Cli.ok("forecast", "--model", conformal, "--data", Cli.AIR, "--levels", "95").out()
                .lines().toList();
        assertEquals("date,forecast,lo95,hi95", only95.get(0));
        for (int k = 1; k < all.size(); k++) {
            String[] a = all.get(k).split(",");
            assertEquals(String.join(",", a[0], a[1], a[4], a[5]), only95.get(k));
        }
        assertEquals(all, Cli.ok("forecast", "--model", conformal, "--data", Cli.AIR, "--levels", "80,95").out()
                .lines().toList());
        List<String> none = Cli.ok("forecast", "--model", conformal, "--data", Cli.AIR, "--levels", "none").out()
                .lines().toList();
        assertEquals("date,forecast", none.get(0));
        for (int k = 1; k < all.size(); k++) {
            assertEquals(String.join(",", List.of(all.get(k).split(",")).subList(0, 2)), none.get(k));
        }

        Cli.assertBadInput(Cli.run("forecast", "--model", conformal, "--data", Cli.AIR, "--levels", "90"),
                "--levels 90", "80%, 95% only", "not 90%", "--levels 90");
    }

    @Test
    void forecastLevelsOnAModelWithoutCalibrationSaysHowToGetOne() {
        Cli.assertBadInput(Cli.run("forecast", "--model", plain, "--data", Cli.AIR, "--levels", "80,95"),
                "--levels 80,95", "holds no calibration", "training data", "seqcast fit", "-H 12",
                "--levels 80,95 --out theta.seqcast");
        // without --levels, or with none, the same file forecasts points as before
        List<String> lines = Cli.ok("forecast", "--model", plain, "--data", Cli.AIR).out().lines().toList();
        assertEquals("date,forecast", lines.get(0));
        assertEquals(lines, Cli.ok("forecast", "--model", plain, "--data", Cli.AIR, "--levels", "none").out()
                .lines().toList());
    }

    @Test
    void inspectShowsTheCalibration() throws Exception {
        Result r = Cli.ok("inspect", conformal);
        assertTrue(r.out().contains("Conformal 'theta': 80%, 95% intervals from 19 calibration windows"), r::toString);
        JsonNode m = JSON.readTree(Cli.ok("inspect", conformal, "--json").out());
        JsonNode f = m.get("forecaster");
        assertEquals("conformal", f.get("kind").asText(), f::toString);
        assertEquals("[80.0,95.0]", f.get("calibration").get("levels").toString(), f::toString);
        assertEquals(12, f.get("calibration").get("radius").size(), f::toString);
    }

    @Test
    void backtestAddsIntervalColumnsAndKeepsThePointScores() throws Exception {
        Object[] args = {"backtest", "--data", Cli.AIR, "-H", "12", "--folds", "2", "--models", "theta,snaive",
            "--quiet"};
        Result without = Cli.ok(args);
        Result with = Cli.ok(append(args, "--levels", "80,95"));
        assertFalse(without.out().contains("cov80"), without::toString);
        assertTrue(with.out().contains("cov80") && with.out().contains("cov95") && with.out().contains("MSIS"),
                with::toString);
        // every row starts with the same point columns as without intervals
        List<String> a = without.outLines();
        List<String> b = with.outLines();
        for (String model : List.of("theta", "snaive")) {
            String rowA = a.stream().filter(l -> l.startsWith(model + " ")).findFirst().orElseThrow();
            String rowB = b.stream().filter(l -> l.startsWith(model + " ")).findFirst().orElseThrow();
            // the name and the seven point columns (MSE ... skill); the interval columns come after them
            List<String> pointsA = List.of(rowA.trim().split("\\s+")).subList(0, 8);
            List<String> pointsB = List.of(rowB.trim().split("\\s+")).subList(0, 8);
            assertEquals(pointsA, pointsB, () -> rowA + "\n" + rowB);
            assertTrue(rowB.length() > rowA.length(), () -> rowA + "\n" + rowB);
        }

        ObjectNode jsonWithout = (ObjectNode) JSON.readTree(Cli.ok(append(args, "--json")).out());
        ObjectNode jsonWith = (ObjectNode) JSON.readTree(Cli.ok(append(args, "--json", "--levels", "80,95")).out());
        for (JsonNode m : jsonWith.get("models")) {
            JsonNode intervals = ((ObjectNode) m).remove("intervals");
            assertEquals("[80.0,95.0]", intervals.get("levels").toString(), intervals::toString);
            double cov95 = intervals.get("coverage").get(1).asDouble();
            assertTrue(cov95 >= 0 && cov95 <= 100, intervals::toString);
            assertTrue(intervals.get("msis").asDouble() > 0, intervals::toString);
        }
        assertEquals(jsonWithout, jsonWith, "the point scores do not change with --levels");
    }

    @Test
    void aTinyNetworkGetsIntervalsFromOneFitBeforeTheOrigins() throws Exception {
        Path file = dir.resolve("lstm-95.seqcast");
        Result r = Cli.ok("fit", "--data", Cli.AIR, "-H", "6", "--model", "lstm", "--epochs", "1", "--units", "2", "--levels", "95",
                "--threads", "1", "--out", file);
        assertTrue(r.err().contains("calibrating the 95% intervals on the training data (fitted once before the"
                + " first calibration origin), then fitting lstm-deseason"), r::toString);
        assertTrue(r.out().contains("lstm-deseason, a lstm network on seasonally adjusted series (1 of 1 adjusted),"
                + " 1 layer(s) of 2 units"), r::toString); // monthly data: preset auto's hybrid
        assertTrue(r.out().contains("intervals: 95%, conformal"), r::toString);
        assertTrue(r.out().contains("final_loss"), r::toString);
        List<String> lines = Cli.ok("forecast", "--model", file, "--data", Cli.AIR).out().lines().toList();
        assertEquals("date,forecast,lo95,hi95", lines.get(0));
        for (double[] row : cells(lines)) {
            assertTrue(row[1] <= row[0] && row[0] <= row[2], lines::toString);
        }
    }

    @Test
    void badLevelsAreUsageErrorsNamingTheOption() {
        for (String bad : List.of("0", "100", "120", "-5", "80,80", "abc", "80,", "80;95", "NaN", "")) {
            for (String command : List.of("fit", "backtest")) {
                Result r = Cli.run(command, "--data", Cli.AIR, "-H", "12", "--out", dir.resolve("x.seqcast"),
                        "--levels", bad);
                if (command.equals("backtest")) {
                    r = Cli.run(command, "--data", Cli.AIR, "-H", "12", "--levels", bad);
                }
                Cli.assertUsageError(r, command, "--levels");
            }
            Cli.assertUsageError(Cli.run("forecast", "--model", conformal, "--data", Cli.AIR, "--levels", bad),
                    "forecast", "--levels");
        }
        Cli.assertUsageError(Cli.run("fit", "--data", Cli.AIR, "-H", "12", "--out", dir.resolve("x.seqcast"),
                "--levels", "100"), "fit", "--levels", "outside (0, 100)");
        Cli.assertUsageError(Cli.run("fit", "--data", Cli.AIR, "-H", "12", "--out", dir.resolve("x.seqcast"),
                "--levels", "80,95,80"), "fit", "--levels", "80 is given twice");
        Cli.assertUsageError(Cli.run("fit", "--data", Cli.AIR, "-H", "12", "--out", dir.resolve("x.seqcast"),
                "--levels", "80,abc"), "fit", "--levels", "'abc' is not a number");
    }

    @Test
    void tooLittleHistoryNamesTheOptionAndTheMinimum() throws Exception {
        Path shortCsv = dir.resolve("short.csv");
        List<String> lines = Files.readAllLines(Cli.AIR).subList(0, 31); // header + 30 months
        Files.write(shortCsv, lines);
        Cli.assertBadInput(Cli.run("fit", "--data", shortCsv, "-H", "12", "--model", "theta", "--levels", "80,95",
                "--quiet", "--out", dir.resolve("short.seqcast")), "--levels 80,95", "the 95% interval needs at least 19"
                + " calibration windows", "at least 32 points");
        Cli.assertBadInput(Cli.run("fit", "--data", shortCsv, "-H", "29", "--model", "theta", "--levels", "80",
                "--quiet", "--out", dir.resolve("short.seqcast")), "--levels 80", "at least 31 points");
        // a lower level needs fewer windows: 80% needs 4, which 30 points give
        Cli.ok("fit", "--data", shortCsv, "-H", "12", "--model", "theta", "--levels", "80",
                "--out", dir.resolve("short80.seqcast"));
        // a backtest calibrates on each fold's training part: 18 points here
        Cli.assertBadInput(Cli.run("backtest", "--data", shortCsv, "-H", "12", "--folds", "1", "--models", "theta",
                "--levels", "80,95", "--quiet"), "--levels 80,95", "the 95% interval needs at least 19",
                "at least 32 points", "the first fold's is H + (folds − 1)·step = 12 points shorter");
        assertFalse(Files.exists(dir.resolve("short.seqcast")));
    }

    @Test
    void theDefaultModelsIntervalsGiveWayToTooLittleHistoryWithAWarning() throws Exception {
        Path shortCsv = dir.resolve("short-default.csv");
        Files.write(shortCsv, Files.readAllLines(Cli.AIR).subList(0, 31)); // header + 30 months: too few for 95%
        Path file = dir.resolve("short-default.seqcast");
        Result r = Cli.ok("fit", "--data", shortCsv, "-H", "12", "--epochs", "1", "--units", "2", "--threads", "1",
                "--out", file);
        assertTrue(r.err().contains("warning: no 80%, 95% intervals: the 95% interval needs at least 19 calibration"
                + " windows"), r::toString);
        assertTrue(r.err().contains("fitting without them"), r::toString);
        assertEquals("date,forecast", Cli.ok("forecast", "--model", file, "--data", shortCsv).out().lines()
                .findFirst().orElseThrow(), "saved as a point forecaster");
        // asked for explicitly, the same levels are an error, as before
        Cli.assertBadInput(Cli.run("fit", "--data", shortCsv, "-H", "12", "--levels", "80,95", "--epochs", "1",
                "--quiet", "--out", dir.resolve("short-asked.seqcast")), "--levels 80,95", "at least 32 points");
        assertFalse(Files.exists(dir.resolve("short-asked.seqcast")));
        // long enough for the networks, too short for them before the calibration origin: still a warning
        Path shorter = dir.resolve("49-months.csv");
        Files.write(shorter, Files.readAllLines(Cli.AIR).subList(0, 50));
        Result r49 = Cli.ok("fit", "--data", shorter, "-H", "12", "--model", "ensemble", "--epochs", "1", "--units", "2",
                "--threads", "1", "--out", dir.resolve("49.seqcast"));
        assertTrue(r49.err().contains("warning: no 80%, 95% intervals: conformal calibration: ensemble cannot be"
                + " fitted on the parts of the series before the calibration origins"), r49::toString);
        // --intervals without --levels says what is missing
        Cli.assertBadInput(Cli.run("fit", "--data", Cli.AIR, "-H", "12", "--model", "lstm", "--intervals", "quantile",
                "--quiet", "--out", dir.resolve("q.seqcast")), "--intervals quantile", "--levels 80,95");
    }

    /**
     * --intervals classical: theta's own intervals (R's), through the model file, equal to the library's; a backtest
     * shows their scores; a network has none and is refused by name.
     */
    @Test
    void classicalIntervalsComeFromTheMethodAndSurviveTheModelFile() throws Exception {
        Path classical = dir.resolve("theta-classical.seqcast");
        Result fit = Cli.ok("fit", "--data", Cli.AIR, "-H", "12", "--model", "theta", "--levels", "80,95",
                "--intervals", "classical", "--out", classical);
        assertTrue(fit.out().contains("intervals: 80%, 95%, the method's own"), fit::toString);
        Result r = Cli.ok("forecast", "--model", classical, "--data", Cli.AIR);
        List<String> lines = r.out().lines().toList();
        assertEquals("date,forecast,lo80,hi80,lo95,hi95", lines.get(0), r::toString);
        Forecast expected = org.seqcast.forecast.BaselineForecaster.of("theta", 12).withLevels(80, 95).fit(air)
                .forecast(air);
        double[][] cells = cells(lines);
        for (int k = 0; k < 12; k++) {
            assertEquals(expected.values()[k], cells[k][0], 1e-9 * Math.abs(expected.values()[k]), "forecast " + k);
            assertEquals(expected.distribution().lower(80)[k], cells[k][1], 1e-9 * Math.abs(cells[k][1]), "lo80 " + k);
            assertEquals(expected.distribution().upper(95)[k], cells[k][4], 1e-9 * Math.abs(cells[k][4]), "hi95 " + k);
        }
        assertTrue(Cli.ok("inspect", classical).out().contains("intervals: 80%, 95%, the method's own"));

        Result backtest = Cli.ok("backtest", "--data", Cli.AIR, "-H", "12", "--models", "theta,snaive", "--levels",
                "80,95", "--intervals", "classical", "--quiet");
        assertTrue(backtest.out().contains("cov95%"), backtest::toString);

        Result refused = Cli.run("fit", "--data", Cli.AIR, "-H", "12", "--model", "lstm", "--levels", "80,95",
                "--intervals", "classical", "--out", dir.resolve("x.seqcast"), "--epochs", "1", "--quiet");
        assertEquals(1, refused.code(), refused::toString);
        assertTrue(refused.err().contains("--intervals classical: lstm-deseason is not a classical method"), refused::toString);
        Result unknown = Cli.run("fit", "--data", Cli.AIR, "-H", "12", "--levels", "80", "--intervals", "bootstrap",
                "--out", dir.resolve("y.seqcast"));
        assertEquals(2, unknown.code(), unknown::toString);
        assertTrue(unknown.err().contains("unknown interval method 'bootstrap'; use conformal, classical or quantile"),
                unknown::toString);
    }

    /**
     * --intervals quantile: a network with a quantile head at the levels' bounds and the median; the forecast CSV
     * has the interval columns and q50 (the point), ordered; --levels chooses among them; inspect names the
     * levels; a backtest scores the network's intervals as it scores conformal ones; other models and a --loss
     * are refused by name.
     */
    @Test
    void quantileNetworksForecastTheirOwnIntervals() throws Exception {
        Path file = dir.resolve("lstm-quantile.seqcast");
        Object[] tiny = {"-H", "6", "--epochs", "2", "--units", "4", "--threads", "1", "--quiet"};
        Result fit = Cli.ok(append(new Object[] {"fit", "--data", Cli.AIR, "--model", "lstm", "--levels", "80,95",
            "--intervals", "quantile", "--out", file}, tiny));
        assertTrue(fit.out().contains("intervals: 80%, 95%, the network's own quantiles at levels [0.025, 0.1, 0.5,"
                + " 0.9, 0.975]"), fit::toString);
        List<String> lines = Cli.ok("forecast", "--model", file, "--data", Cli.AIR).out().lines().toList();
        assertEquals("date,forecast,lo80,hi80,lo95,hi95,q50", lines.get(0), lines::toString);
        double[][] rows = cells(lines);
        assertEquals(6, rows.length);
        for (double[] row : rows) {
            // forecast, lo80, hi80, lo95, hi95, q50
            assertTrue(row[3] < row[1] && row[1] < row[0] && row[0] < row[2] && row[2] < row[4], lines::toString);
            assertEquals(row[0], row[5], 0, "the point forecast is the median");
        }
        assertEquals("date,forecast,lo95,hi95", Cli.ok("forecast", "--model", file, "--data", Cli.AIR, "--levels",
                "95").out().lines().findFirst().orElseThrow());
        assertTrue(Cli.ok("inspect", file).out().contains("quantiles at levels [0.025, 0.1, 0.5, 0.9, 0.975]"));

        Result backtest = Cli.ok(append(new Object[] {"backtest", "--data", Cli.AIR, "--models", "lstm", "--folds",
            "1", "--levels", "80,95", "--intervals", "quantile"}, tiny));
        assertTrue(backtest.out().contains("cov80") && backtest.out().contains("cov95")
                && backtest.out().contains("MSIS"), backtest::toString);

        Result theta = Cli.run("backtest", "--data", Cli.AIR, "-H", "6", "--models", "theta", "--levels", "80",
                "--intervals", "quantile", "--quiet");
        assertEquals(1, theta.code(), theta::toString);
        assertTrue(theta.err().contains("--intervals quantile: theta is not a single network"), theta::toString);
        Result loss = Cli.run(append(new Object[] {"fit", "--data", Cli.AIR, "--model", "lstm", "--levels", "80",
            "--intervals", "quantile", "--loss", "mae", "--out", dir.resolve("z.seqcast")}, tiny));
        assertEquals(1, loss.code(), loss::toString);
        assertTrue(loss.err().contains("drop --loss mae"), loss::toString);
    }

    private static double[][] cells(List<String> lines) {
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            double[] v = new double[c.length - 1];
            for (int j = 1; j < c.length; j++) {
                v[j - 1] = Double.parseDouble(c[j]);
            }
            rows.add(v);
        }
        return rows.toArray(new double[0][]);
    }

    private static Object[] append(Object[] args, Object... more) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}
