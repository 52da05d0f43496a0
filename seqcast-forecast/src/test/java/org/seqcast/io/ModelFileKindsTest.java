package org.seqcast.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.Backtest;
import org.seqcast.eval.BacktestOptions;
import org.seqcast.format.ModelFileException;
import org.seqcast.format.Safetensors;
import org.seqcast.forecast.BaselineForecaster;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.Combination;
import org.seqcast.forecast.ConformalConfig;
import org.seqcast.forecast.ConformalForecaster;
import org.seqcast.forecast.DecomposedForecaster;
import org.seqcast.forecast.EnsembleForecaster;
import org.seqcast.forecast.FittedConformal;
import org.seqcast.forecast.FittedDecomposed;
import org.seqcast.forecast.FittedEnsemble;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.Forecast;
import org.seqcast.forecast.Forecaster;
import org.seqcast.forecast.RnnForecaster;
import org.seqcast.forecast.Series;

/** Every kind of forecaster saved and loaded back bit for bit, through paths, streams and bytes; format 1 files. */
class ModelFileKindsTest {
    static final String SHA = ModelFileRoundTripTest.DATA_SHA;

    @TempDir
    Path dir;

    static List<TimeSeries> data;
    static FittedEnsemble mixed;

    /** An ensemble of a network, a nested ensemble of two networks over seeds, and two baselines. */
    @BeforeAll
    static void fitMixedEnsemble() {
        data = ModelFileRoundTripTest.monthly();
        List<Forecaster> members = List.of(new RnnForecaster(ModelFileRoundTripTest.tiny(6).build()),
                EnsembleForecaster.ofSeeds(ModelFileRoundTripTest.tiny(6).cell(Cell.GRU).build(), 2,
                        Combination.MEAN, 1),
                BaselineForecaster.of("theta", 6), BaselineForecaster.of("snaive", 6));
        mixed = new EnsembleForecaster("mixed", members, Combination.MEDIAN, 2).fit(data);
    }

    /** Fitting on the first 132 months, saving, loading and forecasting gives the backtest's forecast at that origin. */
    @Test
    void everyBaselineForecastsWhatTheBacktestForecasts() {
        TimeSeries air = Series.airPassengers();
        TimeSeries train = air.head(132);
        for (String name : BaselineForecaster.NAMES) {
            double[] backtest = Backtest.run(List.of(air), List.of(BaselineForecaster.of(name, 12)),
                    BacktestOptions.holdout()).folds(name).get(0).forecast().values();
            FittedForecaster fitted = BaselineForecaster.of(name, 12).fit(List.of(train));
            LoadedModel loaded = ModelFile.load(ModelFile.toBytes(fitted, ModelInfo.of(SHA, List.of(train))));
            assertEquals(ForecasterKind.BASELINE, loaded.kind(), name);
            assertEquals(new BaselineSection(name, 12, 12, List.of()), loaded.manifest().forecaster());
            assertEquals(12, loaded.manifest().data().seasonalPeriod(), name);
            Forecast f = loaded.forecaster().forecast(train);
            assertArrayEquals(backtest, f.values(), name);
            assertEquals(name, f.model());
        }
    }

    /** A baseline keeps the training data's seasonal period: a history given with another one is forecast alike. */
    @Test
    void aBaselineKeepsItsSeasonalPeriod() {
        TimeSeries train = Series.airPassengers().head(132).withSeasonalPeriod(6);
        FittedForecaster fitted = BaselineForecaster.of("snaive", 12).fit(train);
        LoadedModel loaded = ModelFile.load(ModelFile.toBytes(fitted, ModelInfo.of(SHA, List.of(train))));
        assertEquals(6, ((BaselineSection) loaded.manifest().forecaster()).seasonalPeriod());
        double[] want = fitted.forecast(train).values();
        assertArrayEquals(want, loaded.forecaster().forecast(train.withSeasonalPeriod(12)).values());
        assertArrayEquals(want, loaded.forecaster().forecast(train).values());
        ModelFileException notANetwork = assertThrows(ModelFileException.class, loaded::rnn);
        assertEquals("model bytes: holds a baseline forecaster ('snaive'), not a single network (rnn)",
                notANetwork.getMessage());
    }

    @Test
    void thetaFromAFileMatchesRsThetaf() throws IOException {
        JsonNode r = new ObjectMapper().readTree(Path.of("../testdata/r/smoothing_r.json").toFile()).get("cases").get(0);
        assertEquals("airpassengers", r.get("series").asText());
        TimeSeries train = Series.airPassengers().head(r.get("train").size());
        Path file = dir.resolve("theta.seqcast");
        ModelFile.save(BaselineForecaster.of("theta", 12).fit(train), ModelInfo.of(SHA, List.of(train)), file);
        double[] f = ModelFile.load(file).forecaster().forecast(train).values();
        JsonNode expected = r.get("theta").get("forecast");
        for (int k = 0; k < 12; k++) {
            double want = expected.get(k).asDouble();
            assertEquals(want, f[k], 1e-6 * Math.abs(want), "step " + (k + 1));
        }
    }

    @Test
    void mixedEnsembleRoundTripsWithPrefixedTensorsInOneFile() throws IOException {
        Path file = dir.resolve("ensemble.seqcast");
        ModelFile.save(mixed, ModelInfo.of(SHA, data), file);
        LoadedModel loaded = ModelFile.load(file);
        assertEquals(ForecasterKind.ENSEMBLE, loaded.kind());
        FittedEnsemble back = (FittedEnsemble) loaded.forecaster();
        assertEquals("mixed", back.name());
        assertEquals(Combination.MEDIAN, back.combination());
        for (TimeSeries s : data) {
            assertArrayEquals(mixed.forecast(s).values(), back.forecast(s).values(), s.id());
        }
        EnsembleSection section = (EnsembleSection) loaded.manifest().forecaster();
        assertEquals(List.of(ForecasterKind.RNN, ForecasterKind.ENSEMBLE, ForecasterKind.BASELINE,
                ForecasterKind.BASELINE), section.members().stream().map(ForecasterSection::kind).toList());
        Map<String, org.seqcast.tensor.Tensor> tensors = Safetensors.read(
                ModelZips.entries(file).get(ModelFile.WEIGHTS_ENTRY), "test").tensors();
        assertTrue(tensors.containsKey("members.0.0.weight_ih_l0"), tensors.keySet().toString());
        assertTrue(tensors.containsKey("members.1.members.1.1.bias"), tensors.keySet().toString());
        assertTrue(tensors.keySet().stream().allMatch(n -> n.startsWith("members.0.") || n.startsWith("members.1.")));
        FittedRnn inner = (FittedRnn) ((FittedEnsemble) back.members().get(1)).members().get(1);
        assertArrayEquals(tensors.get("members.1.members.1.1.bias").data(), inner.model().stateDict().get("1.bias").data());
        String text = ModelFile.describe(loaded);
        for (String expected : new String[] {"Ensemble 'mixed': median of 4 members per step, horizon 6 (member k's"
                + " tensors under members.k.)", "  member 1:",
                "Ensemble 'gru-x2': mean of 2 members", "Baseline: theta, horizon 6, seasonal period 12", "Architecture: gru"}) {
            assertTrue(text.contains(expected), "missing '" + expected + "' in:\n" + text);
        }
    }

    /**
     * A network on seasonally adjusted series, alone and as an ensemble member: the same forecasts after loading, its
     * adjustments kept, its network's tensors under network. (and members.k.network. inside an ensemble).
     */
    @Test
    void aHybridRoundTripsAloneAndInsideAnEnsemble() throws IOException {
        FittedDecomposed hybrid = new DecomposedForecaster(ModelFileRoundTripTest.tiny(6).build()).fit(data);
        assertTrue(hybrid.adjustments().values().stream().anyMatch(FittedDecomposed.Adjustment::adjusted),
                "premise: at least one series is seasonally adjusted");
        Path file = dir.resolve("hybrid.seqcast");
        ModelFile.save(hybrid, ModelInfo.of(SHA, data), file);
        LoadedModel loaded = ModelFile.load(file);
        assertEquals(ForecasterKind.HYBRID, loaded.kind());
        FittedDecomposed back = (FittedDecomposed) loaded.forecaster();
        assertEquals(hybrid.adjustments(), back.adjustments());
        for (TimeSeries s : data) {
            assertArrayEquals(hybrid.forecast(s).values(), back.forecast(s).values(), s.id());
        }
        Map<String, org.seqcast.tensor.Tensor> tensors = Safetensors.read(
                ModelZips.entries(file).get(ModelFile.WEIGHTS_ENTRY), "test").tensors();
        assertEquals(hybrid.network().model().stateDict().keySet().stream().map(n -> "network." + n).toList(),
                List.copyOf(tensors.keySet()));
        assertTrue(ModelFile.describe(loaded).contains("Hybrid: lstm-deseason on seasonally adjusted series"),
                ModelFile.describe(loaded));

        FittedEnsemble withHybrid = new EnsembleForecaster("h", List.of(
                new DecomposedForecaster(ModelFileRoundTripTest.tiny(6).build()), BaselineForecaster.of("theta", 6)),
                Combination.MEAN, 1).fit(data);
        FittedEnsemble again = (FittedEnsemble) ModelFile.load(ModelFile.toBytes(withHybrid, ModelInfo.of(SHA, data)))
                .forecaster();
        for (TimeSeries s : data) {
            assertArrayEquals(withHybrid.forecast(s).values(), again.forecast(s).values(), s.id());
        }
    }

    /** An ensemble of quantile networks over seeds: its combined quantiles come back from the file, bit for bit. */
    @Test
    void anEnsembleOfQuantileNetworksRoundTrips() {
        FittedEnsemble fitted = EnsembleForecaster.ofSeeds(ModelFileRoundTripTest.tiny(6)
                .quantiles(org.seqcast.forecast.RnnConfig.intervalLevels(80)).build(), 2, Combination.MEDIAN, 1)
                .fit(data);
        FittedForecaster back = ModelFile.load(ModelFile.toBytes(fitted, ModelInfo.of(SHA, data))).forecaster();
        for (TimeSeries s : data) {
            Forecast want = fitted.forecast(s);
            assertEquals(java.util.List.of("lo80", "hi80", "q50"), want.distribution().columns());
            assertArrayEquals(want.values(), back.forecast(s).values(), s.id());
            assertEquals(want.distribution(), back.forecast(s).distribution(), s.id());
        }
    }

    /** Conformal intervals around a network and around a baseline: the calibration is stored, the intervals come back. */
    @Test
    void conformalIntervalsRoundTripWithTheirCalibration() {
        for (Forecaster inner : List.of(new RnnForecaster(ModelFileRoundTripTest.tiny(6).build()),
                BaselineForecaster.of("theta", 6))) {
            FittedConformal fitted = new ConformalForecaster(inner, ConformalConfig.defaults().withRefit(false))
                    .fit(data);
            LoadedModel loaded = ModelFile.load(ModelFile.toBytes(fitted, ModelInfo.of(SHA, data)));
            assertEquals(ForecasterKind.CONFORMAL, loaded.kind(), inner.name());
            FittedConformal back = (FittedConformal) loaded.forecaster();
            assertEquals(fitted.calibration(), back.calibration(), inner.name());
            for (TimeSeries s : data) {
                Forecast want = fitted.forecast(s);
                Forecast got = back.forecast(s);
                assertTrue(want.hasDistribution(), "premise: the forecast carries intervals");
                assertArrayEquals(want.values(), got.values(), s.id());
                assertEquals(want.distribution(), got.distribution(), s.id());
            }
            assertTrue(ModelFile.describe(loaded).contains("Conformal '" + inner.name() + "': 80%, 95% intervals"),
                    ModelFile.describe(loaded));
        }
    }

    @Test
    void ensembleFileErrorsNameTheMember() {
        Path file = dir.resolve("e.seqcast");
        ModelFile.save(mixed, ModelInfo.of(SHA, data), file);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(ModelZips.edit(file,
                dir.resolve("edited.seqcast"), m -> ((ObjectNode) m.at("/forecaster/members/1/members/0/config"))
                        .remove("units"), w -> w)));
        assertTrue(e.getMessage().contains("'forecaster.members[1].members[0].config.units' is missing"), e.getMessage());
        e = assertThrows(ModelFileException.class, () -> ModelFile.load(ModelZips.edit(file,
                dir.resolve("edited2.seqcast"), m -> ((ObjectNode) m.at("/forecaster/members/2")).put("horizon", 5),
                w -> w)));
        assertTrue(e.getMessage().contains("'forecaster' is invalid (ensemble members must share one horizon:"
                + " member 0 has horizon 6 but member 2 has 5)"), e.getMessage());
    }

    @Test
    void streamsAndBytesCarryTheSameModelWithTheSameChecks() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.save(mixed, ModelInfo.of(SHA, data), out);
        byte[] bytes = out.toByteArray();
        LoadedModel fromStream = ModelFile.load(new ByteArrayInputStream(bytes));
        LoadedModel fromBytes = ModelFile.load(bytes);
        assertEquals(ModelFile.STREAM_SOURCE, fromStream.source());
        assertEquals(fromStream.manifest(), fromBytes.manifest());
        for (TimeSeries s : data) {
            double[] want = mixed.forecast(s).values();
            assertArrayEquals(want, fromStream.forecaster().forecast(s).values());
            assertArrayEquals(want, fromBytes.forecaster().forecast(s).values());
        }
        ModelFileException cut = assertThrows(ModelFileException.class,
                () -> ModelFile.load(Arrays.copyOf(bytes, bytes.length - 30)));
        assertTrue(cut.getMessage().startsWith("model bytes: is damaged or truncated (zip error: "), cut.getMessage());
        ModelFileException csv = assertThrows(ModelFileException.class,
                () -> ModelFile.load(new ByteArrayInputStream("date,value\n".getBytes())));
        assertTrue(csv.getMessage().startsWith("model stream: not a Seqcast model file"), csv.getMessage());
    }

    /** The committed format-1 file (written by the format-1 code, see V1FixtureWriter) loads and forecasts the same. */
    @Test
    void formatOneFileLoadsAndForecastsTheSame() throws IOException, URISyntaxException {
        Path v1 = Path.of(getClass().getResource("/modelfile/v1_model.seqcast").toURI());
        JsonNode expected = new ObjectMapper().readTree(getClass().getResource("/modelfile/v1_model.expected.json"));
        LoadedModel loaded = ModelFile.load(v1);
        assertEquals(1, loaded.manifest().formatVersion());
        assertEquals(ForecasterKind.RNN, loaded.kind());
        assertEquals(Map.of("mase", 0.75), loaded.manifest().provenance().metrics());
        assertEquals("date", loaded.manifest().data().timeColumn());
        assertEquals(List.of("driver"), loaded.manifest().forecaster().covariatesUsed());
        List<TimeSeries> series = ModelFileRoundTripTest.withDriver();
        Path resaved = dir.resolve("v2.seqcast");
        ModelFile.save(loaded.forecaster(), ModelInfo.of(SHA, series), resaved);
        LoadedModel v2 = ModelFile.load(resaved);
        assertEquals(ModelFile.FORMAT_VERSION, v2.manifest().formatVersion());
        for (TimeSeries s : series) {
            double[] want = new double[expected.get(s.id()).size()];
            for (int k = 0; k < want.length; k++) {
                want[k] = expected.get(s.id()).get(k).asDouble();
            }
            assertArrayEquals(want, loaded.forecaster().forecast(s).values(), s.id());
            assertArrayEquals(want, v2.forecaster().forecast(s).values(), s.id());
        }
        // a format-1 file's errors keep format 1's paths
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(ModelZips.edit(v1,
                dir.resolve("v1-edited.seqcast"), m -> ((ObjectNode) m.get("config")).remove("units"), w -> w)));
        assertTrue(e.getMessage().contains("manifest.json: 'config.units' is missing"), e.getMessage());
    }

    /** One loaded model used by 8 threads at once gives the numbers sequential calls give: an ensemble, a hybrid. */
    @Test
    void concurrentForecastsFromOneLoadedModelEqualSequentialOnes() throws Exception {
        FittedForecaster model = ModelFile.load(ModelFile.toBytes(mixed, ModelInfo.of(SHA, data))).forecaster();
        assertConcurrentForecastsEqualSequentialOnes(model);
        FittedDecomposed hybrid = new DecomposedForecaster(ModelFileRoundTripTest.tiny(6).build()).fit(data);
        assertConcurrentForecastsEqualSequentialOnes(ModelFile.load(ModelFile.toBytes(hybrid, ModelInfo.of(SHA, data)))
                .forecaster());
        FittedRnn network = (FittedRnn) ((FittedEnsemble) model).members().get(0);
        FittedRnn copy = network.copy();
        for (TimeSeries s : data) {
            assertArrayEquals(network.forecast(s).values(), copy.forecast(s).values(), s.id());
        }
    }

    private static void assertConcurrentForecastsEqualSequentialOnes(FittedForecaster model) throws Exception {
        List<TimeSeries> histories = new ArrayList<>();
        for (TimeSeries s : data) {
            for (int cut = 36; cut <= s.size(); cut += 3) {
                histories.add(s.head(cut));
            }
        }
        List<double[]> sequential = histories.stream().map(s -> model.forecast(s).values()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<double[]>>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int shift = t;
                runs.add(pool.submit(() -> {
                    List<double[]> out = new ArrayList<>(java.util.Collections.nCopies(histories.size(), null));
                    for (int i = 0; i < histories.size(); i++) {
                        int k = (i + shift * 5) % histories.size();
                        out.set(k, model.forecast(histories.get(k)).values());
                    }
                    return out;
                }));
            }
            for (Future<List<double[]>> run : runs) {
                List<double[]> got = run.get();
                for (int i = 0; i < histories.size(); i++) {
                    assertArrayEquals(sequential.get(i), got.get(i), "history " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aForecasterOfAnotherClassIsRefused() {
        FittedForecaster custom = new org.seqcast.forecast.PerSeriesForecaster(BaselineForecaster.of("naive", 3))
                .fit(data);
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelFile.save(custom, ModelInfo.of(SHA, data), dir.resolve("x.seqcast")));
        assertTrue(e.getMessage().contains("cannot save a forecaster of class") && e.getMessage()
                .contains("a model file holds the kinds " + ForecasterKind.labels()), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("x.seqcast")));
    }
}
