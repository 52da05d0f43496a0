package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.cli.Cli.Result;
import org.seqcast.data.CsvOptions;
import org.seqcast.data.SeriesCsv;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.FittedDecomposed;
import org.seqcast.forecast.Forecast;
import org.seqcast.forecast.TargetTransform;
import org.seqcast.io.LoadedModel;
import org.seqcast.io.ModelFile;

/** fit, inspect and forecast on AirPassengers with one tiny model fitted once. */
class FitForecastInspectTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path model;
    static JsonNode fitJson;

    @BeforeAll
    static void fit() throws Exception {
        model = dir.resolve("air.seqcast");
        Result r = Cli.ok("fit", "--data", Cli.AIR, "-H", "12", "--model", "lstm", "--out", model, "--epochs", "3", "--units", "4",
                "--threads", "2", "--quiet", "--json", "--preset", "log-mae"); // a network on the series as they are
        assertEquals("", r.err(), "--quiet prints no progress");
        fitJson = JSON.readTree(r.out());
    }

    @Test
    void fitPrintsItsResultAsJson() {
        assertEquals(model.toString(), fitJson.get("model").asText());
        assertEquals("lstm", fitJson.get("cell").asText());
        assertEquals(1, fitJson.get("series").asInt());
        assertEquals(12, fitJson.get("horizon").asInt());
        assertEquals(24, fitJson.get("window").asInt(), "2 max(H, m) for monthly data and H = 12");
        // LSTM(4) on 1 value + 2 calendar features: 4 (4 (3 + 4) + 4 + 4) ... at least the Dense(12) head
        assertTrue(fitJson.get("parameters").asInt() > 4 * 12, fitJson::toString);
        assertTrue(fitJson.get("training_windows").asInt() > 50, fitJson::toString);
        assertTrue(fitJson.get("validation_windows").asInt() > 0, fitJson::toString);
        int epochs = fitJson.get("epochs_run").asInt();
        assertTrue(epochs >= 1 && epochs <= 3, fitJson::toString);
        assertTrue(fitJson.get("stop_reason").asText().length() > 0, fitJson::toString);
        double loss = fitJson.get("final_loss").asDouble();
        assertTrue(Double.isFinite(loss) && loss > 0, fitJson::toString);
        assertTrue(Files.isRegularFile(model));
    }

    @Test
    void fitPrintsASummaryAndProgress() throws Exception {
        Path file = dir.resolve("gru.seqcast");
        Result r = Cli.ok("fit", "--data", Cli.AIR, "--horizon", "6", "--out", file, "--cell", "gru", "--epochs", "2",
                "--units", "4", "--window", "12", "--scaling", "minmax", "--transform", "log", "--threads", "1");
        // monthly data: preset auto fits the network on the seasonally adjusted series (its -deseason hybrid)
        assertTrue(r.out().startsWith("saved " + file + ": gru-deseason, a gru network on seasonally adjusted series"
                + " (1 of 1 adjusted), 1 layer(s) of 4 units, window 12, horizon 6"), r::toString);
        assertTrue(r.out().contains("trained on 1 series (") && r.out().contains("): 2 epochs, "), r::toString);
        assertTrue(r.out().contains("final_loss"), r::toString);
        assertTrue(r.err().contains("training gru:") && r.err().contains("gru: 2 epochs"), r::toString);
        LoadedModel loaded = ModelFile.load(file);
        assertEquals(6, loaded.forecaster().horizon());
        FittedDecomposed hybrid = assertInstanceOf(FittedDecomposed.class, loaded.forecaster());
        assertEquals(12, hybrid.config().window());
        assertEquals(TargetTransform.LOG, hybrid.config().transform(), "options given override the preset's");
    }

    /**
     * What a user gets on seasonal data with preset auto: the -deseason hybrid, described like a network, with the
     * network's own quantiles multiplied back by the seasonal indices; ONNX export takes the seasonal indices too.
     */
    @Test
    void seasonalDataGetsTheNetworkOnSeasonallyAdjustedSeries() throws Exception {
        Path file = dir.resolve("hybrid.seqcast");
        JsonNode fit = JSON.readTree(Cli.ok("fit", "--data", Cli.AIR, "-H", "12", "--model", "lstm", "--out", file,
                "--epochs", "2", "--units", "4", "--threads", "1", "--levels", "80", "--intervals", "quantile",
                "--quiet", "--json").out());
        assertEquals("lstm-deseason", fit.get("name").asText());
        assertEquals(1, fit.get("adjusted_series").asInt(), "AirPassengers passes the seasonality test");
        assertTrue(fit.get("parameters").asInt() > 4 * 12 && fit.get("epochs_run").asInt() >= 1, fit::toString);
        assertEquals("quantile", fit.get("intervals").asText(), fit::toString);

        TimeSeries series = SeriesCsv.read(Cli.AIR, CsvOptions.defaults()).get(0);
        FittedDecomposed hybrid = assertInstanceOf(FittedDecomposed.class, ModelFile.load(file).forecaster());
        Forecast f = hybrid.forecast(series);
        Forecast adjusted = hybrid.network().forecast(hybrid.adjusted(series));
        FittedDecomposed.Adjustment a = hybrid.adjustmentOf(series);
        assertTrue(a.adjusted(), "premise: the series is seasonally adjusted");
        for (int k = 0; k < 12; k++) {
            double s = a.indexAt(series.size() + k);
            assertEquals(adjusted.values()[k] * s, f.values()[k], 1e-9 * f.values()[k]);
            assertEquals(adjusted.distribution().lower(80)[k] * s, f.distribution().lower(80)[k],
                    1e-9 * f.values()[k], "lo80 at step " + k);
            assertTrue(f.distribution().lower(80)[k] <= f.values()[k] && f.values()[k] <= f.distribution().upper(80)[k],
                    "step " + k);
        }
        List<String> csv = Cli.ok("forecast", "--model", file, "--data", Cli.AIR).out().lines().toList();
        assertEquals("date,forecast,lo80,hi80,q50", csv.get(0));
        assertTrue(Cli.ok("inspect", file).out().contains("lstm-deseason"));

        Path onnx = dir.resolve("hybrid.onnx");
        Cli.ok("export", "--format", "onnx", file, onnx, "--bake-scaling");
        var proto = org.seqcast.onnx.proto.OnnxProto.ModelProto.parseFrom(Files.readAllBytes(onnx));
        assertEquals(List.of("input", "seasonal_indices"), proto.getGraph().getInputList().stream()
                .map(i -> i.getName()).toList(), "a baked hybrid takes the seasonal index of each step");
        assertTrue(proto.getMetadataPropsList().stream().anyMatch(p -> p.getKey().equals("seqcast.seasonal_adjustment")
                && p.getValue().contains("\"value\"")), "the series' indices are in the metadata");
    }

    @Test
    void inspectDescribesTheModel() {
        Result r = Cli.ok("inspect", model);
        assertTrue(r.out().contains(model.toString()) || r.out().contains(model.getFileName().toString()), r::toString);
        assertTrue(r.out().toLowerCase().contains("lstm"), r::toString);
        assertTrue(r.out().contains(String.format("%,d", fitJson.get("parameters").asInt()))
                || r.out().contains(Integer.toString(fitJson.get("parameters").asInt())), r::toString);
        assertTrue(r.out().contains("value") && r.out().contains("monthly"), r::toString);
        assertEquals("", r.err());
    }

    @Test
    void inspectJsonPrintsTheManifest() throws Exception {
        Result r = Cli.ok("inspect", model, "--json");
        JsonNode m = JSON.readTree(r.out());
        assertEquals(ModelFile.FORMAT, m.get("format").asText());
        assertEquals(ModelFile.FORMAT_VERSION, m.get("format_version").asInt());
        JsonNode arch = m.get("forecaster").get("architecture");
        assertEquals("rnn", m.get("forecaster").get("kind").asText());
        assertEquals("lstm", arch.get("cell").asText());
        assertEquals(4, arch.get("units").asInt());
        assertEquals(12, arch.get("horizon").asInt());
        assertEquals(24, arch.get("window").asInt());
        assertEquals(fitJson.get("parameters").asInt(), arch.get("parameters").asInt());
        JsonNode data = m.get("data");
        assertEquals("value", data.get("target").asText());
        assertEquals("monthly", data.get("frequency").asText());
        assertEquals(12, data.get("seasonal_period").asInt());
        assertEquals("1960-12-01", data.get("last_time_stamps").get("value").asText());
        assertEquals(fitJson.get("epochs_run").asInt(), m.get("forecaster").get("training").get("epochs_run").asInt());
    }

    @Test
    void forecastWritesWhatTheSavedModelForecasts() throws Exception {
        Path csv = dir.resolve("out/forecast.csv");
        Result r = Cli.ok("forecast", "--model", model, "--data", Cli.AIR, "--out", csv);
        assertEquals("", r.out(), "with --out the forecast goes to the file");
        assertTrue(r.err().contains("wrote 1 forecast(s) of 12 steps to " + csv), r::toString);

        TimeSeries series = SeriesCsv.read(Cli.AIR, CsvOptions.defaults()).get(0);
        Forecast expected = ModelFile.load(model).forecaster().forecast(series);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("date,forecast", lines.get(0));
        assertEquals(13, lines.size(), lines::toString);
        LocalDate date = LocalDate.of(1961, 1, 1);
        for (int k = 0; k < 12; k++, date = date.plusMonths(1)) {
            String[] cells = lines.get(k + 1).split(",");
            assertEquals(date.toString(), cells[0]);
            assertEquals(expected.label(k), cells[0]);
            double v = Double.parseDouble(cells[1]);
            assertEquals(expected.values()[k], v, 1e-9 * Math.abs(v), lines.get(k + 1));
            assertTrue(v > 0, lines.get(k + 1));
        }

        // the same rows on stdout without --out
        Result stdout = Cli.ok("forecast", "--model", model, "--data", Cli.AIR);
        assertEquals(lines, stdout.out().lines().toList());
        assertEquals("", stdout.err());
    }

    @Test
    void forecastJson() throws Exception {
        Result r = Cli.ok("forecast", "-m", model, "--data", Cli.AIR, "--json");
        JsonNode all = JSON.readTree(r.out());
        assertEquals(1, all.size());
        JsonNode f = all.get(0);
        assertEquals("value", f.get("series").asText());
        assertEquals("lstm", f.get("model").asText());
        JsonNode points = f.get("forecast");
        assertEquals(12, points.size());
        assertEquals("1961-01-01", points.get(0).get("date").asText());
        assertEquals("1961-12-01", points.get(11).get("date").asText());
        for (JsonNode p : points) {
            assertTrue(Double.isFinite(p.get("value").asDouble()) && p.get("value").asDouble() > 0, r::toString);
        }
    }

    @Test
    void forecastPlotWritesAPng() throws Exception {
        Path png = dir.resolve("plots/air.png");
        Cli.ok("forecast", "--model", model, "--data", Cli.AIR, "--plot", png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "not a PNG: " + png);
        assertTrue(image.getWidth() > 100 && image.getHeight() > 100);
    }
}
