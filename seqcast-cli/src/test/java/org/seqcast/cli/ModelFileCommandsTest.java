package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.data.CsvOptions;
import org.seqcast.data.SeriesCsv;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.Backtest;
import org.seqcast.eval.BacktestOptions;
import org.seqcast.forecast.BaselineForecaster;
import org.seqcast.forecast.EnsembleForecaster;
import org.seqcast.forecast.Forecasters;
import org.seqcast.io.ForecasterKind;
import org.seqcast.io.ModelFile;
import org.seqcast.metrics.Metrics;

/** fit --model NAME for every name, then forecast, inspect and export on the file it writes. */
class ModelFileCommandsTest {
    @TempDir
    static Path dir;

    /** AirPassengers up to 1959-12 (the first 132 months): the origin of the R fixture and of a 1-fold backtest. */
    static Path air132;
    static TimeSeries train;

    @BeforeAll
    static void cutTheData() throws IOException {
        List<String> lines = Files.readAllLines(Cli.AIR);
        air132 = Files.write(dir.resolve("air132.csv"), lines.subList(0, 133));
        train = SeriesCsv.read(air132, CsvOptions.defaults()).get(0);
    }

    /** The done-when check: theta from a file forecasts what a backtest's theta forecast at that origin and R's thetaf. */
    @Test
    void thetaFitForecastEqualsTheBacktestAndR() throws IOException {
        Path model = dir.resolve("t.seqcast");
        Cli.ok("fit", "--model", "theta", "--data", air132, "--horizon", "12", "--out", model);
        double[] cli = values(Cli.ok("forecast", "--model", model, "--data", air132).out());

        Path folds = dir.resolve("folds.csv");
        Cli.ok("backtest", "--data", Cli.AIR, "--horizon", "12", "--folds", "1", "--models", "theta,snaive", "--out",
                folds, "--quiet");
        String thetaFold = Files.readAllLines(folds).stream().filter(l -> l.startsWith("theta,")).findFirst().orElseThrow();
        String[] cells = thetaFold.split(",");
        assertEquals("1960-01-01", cells[3], thetaFold);
        double[] actual = SeriesCsv.read(Cli.AIR, CsvOptions.defaults()).get(0).values();
        double[] last12 = java.util.Arrays.copyOfRange(actual, 132, 144);
        assertEquals(Double.parseDouble(cells[5]), Metrics.mse(last12, cli), 0.0, "the backtest's MSE, to the bit");
        assertEquals(Double.parseDouble(cells[7]), Metrics.mae(last12, cli), 0.0, "the backtest's MAE, to the bit");
        double[] backtest = Backtest.run(List.of(SeriesCsv.read(Cli.AIR, CsvOptions.defaults()).get(0)),
                List.of(BaselineForecaster.of("theta", 12)), BacktestOptions.holdout()).folds("theta").get(0)
                .forecast().values();
        assertArrayEquals(backtest, cli);

        JsonNode r = new ObjectMapper().readTree(Path.of("../testdata/r/smoothing_r.json").toFile()).get("cases").get(0);
        assertEquals("airpassengers", r.get("series").asText());
        assertEquals(132, r.get("train").size());
        for (int k = 0; k < 12; k++) {
            double want = r.get("theta").get("forecast").get(k).asDouble();
            assertEquals(want, cli[k], 1e-6 * want, "R's thetaf, step " + (k + 1));
        }
    }

    /** A history shorter than the window of a network inside a hybrid or an ensemble is padded, and forecast says so. */
    @Test
    void shortHistoriesAreReportedForNetworksInsideOtherKinds() throws IOException {
        Path short20 = Files.write(dir.resolve("short20.csv"), Files.readAllLines(air132).subList(0, 21));
        for (String name : List.of("lstm-deseason", "ensemble")) {
            Path model = dir.resolve("short-" + name + ".seqcast");
            Cli.ok("fit", "--model", name, "--data", air132, "--horizon", "12", "--window", "24", "--out", model,
                    "--epochs", "1", "--units", "2", "--threads", "1", "--quiet");
            Cli.Result f = Cli.ok("forecast", "--model", model, "--data", short20);
            assertTrue(f.err().contains("has 20 points, fewer than the model's window of 24"), name + ": " + f.err());
        }
    }

    /** Every name backtest --models accepts, and the ensemble: fit, forecast, inspect, export (or its refusal). */
    @Test
    void everyModelNameRoundTrips() throws IOException {
        List<String> names = Forecasters.names();
        for (String name : names) {
            Path model = dir.resolve(name + ".seqcast");
            Cli.Result fit = Cli.ok("fit", "--model", name, "--data", air132, "--horizon", "12", "--out", model,
                    "--epochs", "1", "--units", "2", "--threads", "1", "--levels", "none", "--quiet");
            assertTrue(fit.out().startsWith("saved " + model + ": "), fit::toString);
            Cli.Result forecast = Cli.ok("forecast", "--model", model, "--data", air132);
            double[] cli = values(forecast.out());
            assertTrue(forecast.out().lines().skip(1).findFirst().orElseThrow().startsWith("1960-01-01,"), name);
            double[] library = ModelFile.load(model).forecaster().forecast(train).values();
            assertArrayEquals(library, cli, name);
            if (BaselineForecaster.NAMES.contains(name)) {
                assertArrayEquals(BaselineForecaster.of(name, 12).fit(train).forecast(train).values(), cli, name);
            }
            ForecasterKind kind = ModelFile.load(model).kind();
            Cli.Result inspect = Cli.ok("inspect", model);
            assertTrue(inspect.out().contains(name), inspect::toString);
            Path onnx = dir.resolve(name + ".onnx");
            if (kind == ForecasterKind.RNN || kind == ForecasterKind.HYBRID) {
                Cli.ok("export", "--format", "onnx", model, onnx);
                assertTrue(Files.size(onnx) > 0, name);
            } else {
                Cli.assertBadInput(Cli.run("export", "--format", "onnx", model, onnx), "holds " + kind.withArticle()
                        + " forecaster ('" + ModelFile.load(model).forecaster().name() + "'), which ONNX cannot express");
            }
        }
    }

    @Test
    void ensembleSavesItsMembersAndSaysSo() throws IOException {
        Path model = dir.resolve("e.seqcast");
        Cli.Result fit = Cli.ok("fit", "--model", "ensemble", "--data", air132, "--horizon", "12", "--out", model,
                "--epochs", "1", "--units", "2", "--threads", "1", "--levels", "none", "--json");
        JsonNode json = new ObjectMapper().readTree(fit.out());
        assertEquals("median", json.get("combination").asText());
        assertEquals(List.of("lstm", "gru", "theta", "hw", "snaive"), new ObjectMapper().convertValue(json.get("members"),
                List.class));
        assertTrue(fit.err().contains("fitting the ensemble's 5 members (lstm, gru, theta, hw, snaive)"), fit::toString);
        String text = Cli.ok("inspect", model).out();
        assertTrue(text.contains("Ensemble 'ensemble': median of 5 members per step, horizon 12"), text);
        JsonNode manifest = new ObjectMapper().readTree(Cli.ok("inspect", model, "--json").out());
        assertEquals("ensemble", manifest.get("forecaster").get("kind").asText());
        assertEquals("theta", manifest.get("forecaster").get("members").get(2).get("method").asText());

        // without --levels the recommended model, named or not, comes with its 80% and 95% intervals
        Path withIntervals = dir.resolve("e-intervals.seqcast");
        Cli.ok("fit", "--model", "ensemble", "--data", air132, "--horizon", "12", "--out", withIntervals, "--epochs",
                "1", "--units", "2", "--threads", "1", "--quiet");
        JsonNode conformal = new ObjectMapper().readTree(Cli.ok("inspect", withIntervals, "--json").out());
        assertEquals("conformal", conformal.get("forecaster").get("kind").asText(), conformal::toString);
        assertEquals("date,forecast,lo80,hi80,lo95,hi95", Cli.ok("forecast", "--model", withIntervals, "--data",
                air132).out().lines().findFirst().orElseThrow());
    }

    @Test
    void badModelNamesAndCellWithModelAreUsageErrors() {
        Cli.assertUsageError(Cli.run("fit", "--model", "prophet", "--data", air132, "-H", "12", "--out",
                dir.resolve("p.seqcast")), "fit", "unknown model 'prophet' in --model", "theta", "ensemble");
        Cli.assertUsageError(Cli.run("fit", "--model", "theta", "--cell", "gru", "--data", air132, "-H", "12", "--out",
                dir.resolve("p.seqcast")), "fit", "--cell chooses the network when --model is absent");
    }

    private static double[] values(String csv) {
        List<String> lines = csv.lines().toList();
        assertEquals("date,forecast", lines.get(0));
        return lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
    }
}
