package org.seqcast.io;

import org.seqcast.format.ModelFileException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqcast.data.Frequency;
import org.seqcast.data.TimeIndex;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.Anchor;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.Forecast;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.RnnForecaster;
import org.seqcast.forecast.Scaling;
import org.seqcast.forecast.Series;
import org.seqcast.forecast.Strategy;
import org.seqcast.forecast.TargetTransform;
import org.seqcast.tensor.Tensor;

class ModelFileRoundTripTest {
    static final String DATA_SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final Instant CREATED = Instant.parse("2025-01-31T12:00:00Z");

    @TempDir
    Path dir;

    /** Tiny networks: units 4, 2 epochs. */
    static RnnConfig.Builder tiny(int h) {
        return RnnConfig.builder(h).units(4).epochs(2).patience(5);
    }

    static List<TimeSeries> monthly() {
        return List.of(Series.seasonal("a", 60, 100, 0.5, 10), Series.seasonal("b", 48, 50, 0.2, 5));
    }

    static List<TimeSeries> withDriver() {
        List<TimeSeries> out = new ArrayList<>();
        for (TimeSeries s : monthly()) {
            double[] driver = new double[s.size()];
            for (int t = 0; t < driver.length; t++) {
                driver[t] = Math.cos(t * 0.7) * 3 + t % 5;
            }
            Map<String, double[]> cols = new LinkedHashMap<>();
            cols.put("value", s.values());
            cols.put("driver", driver);
            cols.put("unused", driver.clone());
            out.add(new TimeSeries(s.id(), s.index(), "value", cols, 12));
        }
        return out;
    }

    static List<TimeSeries> hourly() {
        double[] v = new double[120];
        for (int t = 0; t < v.length; t++) {
            v[t] = 20 + 5 * Math.sin(2 * Math.PI * t / 24) + 0.01 * t;
        }
        TimeIndex index = TimeIndex.of(Frequency.minutes(15), LocalDate.of(2024, 3, 1).atTime(6, 0), v.length);
        return List.of(TimeSeries.of("load", index, v).withSeasonalPeriod(4));
    }

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("lstm direct", tiny(6).build(), monthly()),
                Arguments.of("gru", tiny(6).cell(Cell.GRU).build(), monthly()),
                Arguments.of("rnn", tiny(6).cell(Cell.RNN).build(), monthly()),
                Arguments.of("lstm 2 layers, dropout", tiny(6).layers(2).dropout(0.1).build(), monthly()),
                Arguments.of("gru recursive", tiny(4).cell(Cell.GRU).strategy(Strategy.RECURSIVE).build(), monthly()),
                Arguments.of("log transform, season anchor", tiny(6).transform(TargetTransform.LOG).anchor(Anchor.SEASON)
                        .build(), monthly()),
                Arguments.of("covariates, minmax", tiny(3).covariates(List.of("driver")).scaling(Scaling.MINMAX).build(),
                        withDriver()),
                Arguments.of("lstm attention", tiny(6).architecture(org.seqcast.forecast.Architecture.ATTENTION)
                        .build(), monthly()),
                Arguments.of("lstm attention, 2 layers, quantiles 80", tiny(6).layers(2).dropout(0.1)
                        .architecture(org.seqcast.forecast.Architecture.ATTENTION)
                        .quantiles(RnnConfig.intervalLevels(80)).build(), monthly()),
                Arguments.of("lstm quantiles 80, 95", tiny(6).quantiles(RnnConfig.intervalLevels(80, 95)).build(),
                        monthly()),
                Arguments.of("gru quantiles 0.2, 0.7, log1p", tiny(4).cell(Cell.GRU).quantiles(List.of(0.7, 0.2))
                        .transform(TargetTransform.LOG1P).build(), monthly()),
                Arguments.of("rnn 15min, robust, window 8", tiny(4).cell(Cell.RNN).window(8).scaling(Scaling.ROBUST)
                        .anchor(Anchor.NONE).build(), hourly()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void loadedModelForecastsBitForBit(String name, RnnConfig config, List<TimeSeries> data) {
        FittedRnn fitted = new RnnForecaster(config).fit(data);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("mase", 0.8123456789);
        metrics.put("mape", Double.POSITIVE_INFINITY);
        ModelInfo info = ModelInfo.of(DATA_SHA, data).withMetrics(metrics);
        Path file = dir.resolve("model.seqcast");
        ModelFile.save(fitted, info, file);
        exportForTools(name, file);
        LoadedModel loaded = ModelFile.load(file);
        FittedRnn back = loaded.rnn();

        List<TimeSeries> series = new ArrayList<>(data);
        TimeSeries first = data.get(0);
        series.add(first.withColumns(first.index(), scaledColumns(first, 1.5)).withSeasonalPeriod(first.seasonalPeriod()));
        series.add(new TimeSeries("unseen", first.index(), first.target(), scaledColumns(first, 0.7), first.seasonalPeriod()));
        for (TimeSeries s : series) {
            Forecast want = fitted.forecast(s);
            Forecast got = back.forecast(s);
            assertArrayEquals(want.values(), got.values(), name + ", series " + s.id());
            assertEquals(want.distribution(), got.distribution(), name + ", series " + s.id());
            assertEquals(config.hasQuantiles(), got.hasDistribution(), name);
            assertEquals(want.index(), got.index());
        }
        Map<String, Tensor> a = fitted.model().stateDict();
        Map<String, Tensor> b = back.model().stateDict();
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, t) -> {
            assertArrayEquals(t.shape(), b.get(k).shape(), k);
            assertArrayEquals(t.data(), b.get(k).data(), k);
        });
        assertEquals(fitted.config(), back.config());
        assertEquals(fitted.scalers(), back.scalers());
        assertEquals(fitted.frequency(), back.frequency());
        assertEquals(fitted.seasonalPeriod(), back.seasonalPeriod());
        assertEquals(fitted.trainingHistory(), back.trainingHistory());
        assertEquals(fitted.trainingWindows(), back.trainingWindows());
        assertEquals(fitted.validationWindows(), back.validationWindows());

        Manifest m = loaded.manifest();
        assertEquals(ModelFile.FORMAT_VERSION, m.formatVersion());
        assertEquals(DATA_SHA, m.provenance().dataSha256());
        Map<String, Double> stored = new LinkedHashMap<>(metrics);
        stored.put("mape", Double.NaN);     // non-finite numbers are written as null and read back as NaN
        assertEquals(stored, m.provenance().metrics());
        assertEquals(info.lastTimeStamps(), m.data().lastTimeStamps());
        assertEquals(info.covariates(), m.data().covariates());
        RnnSection section = (RnnSection) m.forecaster();
        assertEquals(ForecasterKind.RNN, m.kind());
        assertEquals(fitted.model().parameterCount(), section.architecture().parameters());
        assertEquals(fitted.model().stateDict().keySet(), section.architecture().tensors().keySet());
    }

    /** With -Dseqcast.io.export=DIR the round-trip files are kept there for tools/modelfile/check_model.py. */
    private static void exportForTools(String name, Path file) {
        String target = System.getProperty("seqcast.io.export");
        if (target != null) {
            try {
                Path out = Path.of(target);
                Files.createDirectories(out);
                Files.copy(file, out.resolve(name.replaceAll("[^a-z0-9]+", "_") + ".seqcast"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static Map<String, double[]> scaledColumns(TimeSeries s, double factor) {
        Map<String, double[]> cols = s.columns();
        double[] v = cols.get(s.target());
        for (int t = 0; t < v.length; t++) {
            v[t] *= factor;
        }
        return cols;
    }

    /**
     * A file written before quantile networks has no {@code quantiles} in its network config: it loads as the point
     * network it is and forecasts the same bits. Removing them from a quantile network's file is refused (its head
     * has H·Q outputs, the config then builds H).
     */
    @Test
    void filesWithoutQuantilesLoadAsPointNetworks() {
        List<TimeSeries> data = monthly();
        FittedRnn point = new RnnForecaster(tiny(6).build()).fit(data);
        Path file = dir.resolve("point.seqcast");
        ModelFile.save(point, ModelInfo.of(DATA_SHA, data), file);
        Path old = ModelZips.edit(file, dir.resolve("old.seqcast"),
                m -> ((com.fasterxml.jackson.databind.node.ObjectNode) m.get("forecaster").get("config"))
                        .remove("quantiles"), w -> w);
        FittedRnn back = ModelFile.load(old).rnn();
        assertEquals(List.of(), back.config().quantiles());
        assertArrayEquals(point.forecast(data.get(0)).values(), back.forecast(data.get(0)).values());

        FittedRnn quantile = new RnnForecaster(tiny(6).quantiles(List.of(0.1, 0.9)).build()).fit(data);
        Path qfile = dir.resolve("quantile.seqcast");
        ModelFile.save(quantile, ModelInfo.of(DATA_SHA, data), qfile);
        Path stripped = ModelZips.edit(qfile, dir.resolve("stripped.seqcast"),
                m -> ((com.fasterxml.jackson.databind.node.ObjectNode) m.get("forecaster").get("config"))
                        .remove("quantiles"), w -> w);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(stripped));
        assertTrue(e.getMessage().contains("'forecaster.config' is invalid (loss pinball needs quantile levels"),
                e.getMessage());
        Path pointLoss = ModelZips.edit(qfile, dir.resolve("point-loss.seqcast"), m -> {
            com.fasterxml.jackson.databind.node.ObjectNode c =
                    (com.fasterxml.jackson.databind.node.ObjectNode) m.get("forecaster").get("config");
            c.remove("quantiles");
            c.put("loss", "mse");
        }, w -> w);
        e = assertThrows(ModelFileException.class, () -> ModelFile.load(pointLoss));
        assertTrue(e.getMessage().contains("18") && e.getMessage().contains("6"), e.getMessage());
    }

    @Test
    void equalModelsGiveEqualBytesAndASavedLoadedModelSavesTheSame() throws IOException {
        FittedRnn fitted = new RnnForecaster(tiny(6).build()).fit(monthly());
        ModelInfo info = ModelInfo.of(DATA_SHA, monthly());
        Path one = dir.resolve("one.seqcast");
        Path two = dir.resolve("two.seqcast");
        ModelFile.save(fitted, info, one, CREATED);
        ModelFile.save(ModelFile.load(one).forecaster(), info, two, CREATED);
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));
        assertEquals(CREATED, ModelFile.load(two).manifest().created());
    }

    @Test
    void saveReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        List<TimeSeries> data = monthly();
        FittedRnn first = new RnnForecaster(tiny(6).build()).fit(data);
        FittedRnn second = new RnnForecaster(tiny(6).seed(3).build()).fit(data);
        Path file = dir.resolve("m.seqcast");
        ModelFile.save(first, ModelInfo.of(DATA_SHA, data), file);
        ModelFile.save(second, ModelInfo.of(DATA_SHA, data), file);
        assertArrayEquals(second.forecast(data.get(0)).values(), ModelFile.load(file).forecaster().forecast(data.get(0)).values());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aFailedSaveLeavesTheOldFileUntouched() throws IOException {
        List<TimeSeries> data = monthly();
        FittedRnn fitted = new RnnForecaster(tiny(6).build()).fit(data);
        Path file = dir.resolve("m.seqcast");
        ModelFile.save(fitted, ModelInfo.of(DATA_SHA, data), file);
        byte[] before = Files.readAllBytes(file);
        fitted.model().namedParameters().get("0.weight_hh_l0").value()[5] = Float.NaN;
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelFile.save(fitted, ModelInfo.of(DATA_SHA, data), file));
        assertTrue(e.getMessage().contains("'0.weight_hh_l0' holds NaN"), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void saveNamesABadTarget() throws IOException {
        List<TimeSeries> data = monthly();
        FittedRnn fitted = new RnnForecaster(tiny(6).build()).fit(data);
        ModelInfo info = ModelInfo.of(DATA_SHA, data);
        Path missingDir = dir.resolve("no/such/dir/m.seqcast");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.save(fitted, info, missingDir));
        assertTrue(e.getMessage().contains("does not exist; create it first"), e.getMessage());
        Path folder = Files.createDirectory(dir.resolve("folder.seqcast"));
        e = assertThrows(ModelFileException.class, () -> ModelFile.save(fitted, info, folder));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        IllegalArgumentException wrongSeries = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(fitted,
                ModelInfo.of(DATA_SHA, List.of(data.get(0))), dir.resolve("x.seqcast")));
        assertTrue(wrongSeries.getMessage().contains("trained on [a, b]"), wrongSeries.getMessage());
    }

    @Test
    void modelInfoIsValidated() {
        Map<String, String> last = Map.of("a", "2004-12-01");
        assertThrows(IllegalArgumentException.class, () -> new ModelInfo("abc", "value", List.of(), last, null));
        assertThrows(IllegalArgumentException.class, () -> new ModelInfo(DATA_SHA, " ", List.of(), last, null));
        assertThrows(IllegalArgumentException.class, () -> new ModelInfo(DATA_SHA, "value", List.of(), Map.of(), null));
        ModelInfo upper = new ModelInfo(DATA_SHA.toUpperCase(), "value", List.of(), last, null);
        assertEquals(DATA_SHA, upper.dataSha256());
        assertEquals(Map.of(), upper.metrics());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ModelInfo.sha256(new byte[0]));
    }

    @Test
    void describeSummarisesArchitectureDataAndTraining() {
        List<TimeSeries> data = withDriver();
        FittedRnn fitted = new RnnForecaster(tiny(3).layers(2).covariates(List.of("driver")).build()).fit(data);
        Path file = dir.resolve("described.seqcast");
        ModelFile.save(fitted, ModelInfo.of(DATA_SHA, data).withMetrics(Map.of("mase", 0.75)), file, CREATED);
        String text = ModelFile.describe(ModelFile.load(file));
        for (String expected : new String[] {
                "Seqcast model " + file, "format 2, written by Seqcast", "2025-01-31T12:00:00Z",
                "Architecture: lstm, 2 layers of 4 units", "direct strategy", "x 4 features",
                "LSTM(4, returnSequences=true)", "Dense(3)", "total parameters: " + fitted.model().parameterCount(),
                "target 'value', covariates driver used, frequency monthly, seasonal period 12",
                "covariate columns of the data: driver, unused", "calendar features: month_sin, month_cos",
                "2 series: a (last 2004-12-01), b (last 2003-12-01)", "ran 2 epochs (completed 2 epochs)",
                "data SHA-256 " + DATA_SHA, "Metrics: mase 0.75"}) {
            assertTrue(text.contains(expected), "missing '" + expected + "' in:\n" + text);
        }
    }
}
