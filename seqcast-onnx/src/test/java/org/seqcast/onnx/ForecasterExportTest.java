package org.seqcast.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.Anchor;
import org.seqcast.forecast.CalendarFeatures;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.Scaling;
import org.seqcast.forecast.Strategy;
import org.seqcast.forecast.TargetTransform;
import org.seqcast.tensor.Tensor;

/**
 * Trained forecasters exported with and without baked scaling. Without, the graph must equal the network on
 * model-unit windows; with, its output for raw windows must equal {@link FittedRnn#forecast} of the same
 * histories (batch sizes 1, 3 and 17, each row a history cut at another point), for every strategy, anchor,
 * transform and scaling, with covariates and calendar features.
 */
class ForecasterExportTest {
    static final int[] BATCHES = {1, 3, 17};

    record Case(String name, RnnConfig config, List<TimeSeries> series) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        TimeSeries a = Fixtures.series("a", 96, 100, 0.5, 15, 1);
        TimeSeries b = Fixtures.series("b", 84, 40, 0.2, 6, 2);
        TimeSeries small = Fixtures.series("small", 90, 2, 0.01, 0.5, 3);
        return Stream.of(
                new Case("lstm_direct_last_log_standard", Fixtures.small(6).cell(Cell.LSTM).window(24)
                        .transform(TargetTransform.LOG).scaling(Scaling.STANDARD).anchor(Anchor.LAST).build(), List.of(a)),
                new Case("gru_direct_season_minmax_covariates", Fixtures.small(4).cell(Cell.GRU).window(15)
                        .scaling(Scaling.MINMAX).anchor(Anchor.SEASON).covariates(List.of("price", "promo")).build(),
                        List.of(a, b)),
                new Case("rnn_recursive_last_log1p_robust", Fixtures.small(5).cell(Cell.RNN).window(12)
                        .strategy(Strategy.RECURSIVE).transform(TargetTransform.LOG1P).scaling(Scaling.ROBUST).build(),
                        List.of(a)),
                new Case("lstm_recursive_season_nocalendar", Fixtures.small(3).cell(Cell.LSTM).window(12)
                        .strategy(Strategy.RECURSIVE).anchor(Anchor.SEASON).calendarFeatures(false).build(), List.of(b)),
                new Case("lstm_quantiles_last_log1p_none", Fixtures.small(4).cell(Cell.LSTM).window(12)
                        .quantiles(RnnConfig.intervalLevels(80, 95)).transform(TargetTransform.LOG1P)
                        .scaling(Scaling.NONE).build(), List.of(a)),
                new Case("gru_quantiles_season_standard", Fixtures.small(3).cell(Cell.GRU).window(12)
                        .quantiles(List.of(0.3, 0.9)).anchor(Anchor.SEASON).build(), List.of(a, b)),
                new Case("lstm_attention_direct_last_standard", Fixtures.small(6).cell(Cell.LSTM).window(16)
                        .architecture(org.seqcast.forecast.Architecture.ATTENTION).build(), List.of(a, b)),
                new Case("lstm_attention_recursive", Fixtures.small(3).cell(Cell.LSTM).window(12)
                        .architecture(org.seqcast.forecast.Architecture.ATTENTION).strategy(Strategy.RECURSIVE)
                        .build(), List.of(a)),
                new Case("gru_direct_none_2layers_dropout", Fixtures.small(3).cell(Cell.GRU).window(10).layers(2)
                        .dropout(0.2).anchor(Anchor.NONE).scaling(Scaling.NONE).calendarFeatures(false).build(),
                        List.of(small)))
                .map(c -> Arguments.of(c, Fixtures.fit(c.config(), c.series())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plainGraphIsTheNetwork(Case c, FittedRnn model) throws Exception {
        ForecastLayout layout = ForecastLayout.of(model, "sales");
        int w = layout.window();
        int f = layout.features();
        try (Ort ort = new Ort(OnnxExport.toBytes(model, OnnxExportOptions.defaults().withTargetName("sales")))) {
            NodeInfo in = ort.session().getInputInfo().get(OnnxExport.INPUT);
            assertArrayEquals(new long[] {-1, w, f}, ((TensorInfo) in.getInfo()).getShape(), "window fixed, batch free");
            for (int batch : BATCHES) {
                float[] x = NetworkExportTest.normal(batch * w * f, batch);
                Diff.check(c.name() + "_plain B=" + batch, ort.run(new Ort.In(OnnxExport.INPUT, x, batch, w, f)),
                        model.model().predict(Tensor.wrap(x, batch, w, f)).data());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bakedGraphForecastsAsFittedRnnDoes(Case c, FittedRnn model) throws Exception {
        for (TimeSeries s : c.series()) {
            byte[] bytes = OnnxExport.toBytes(model, OnnxExportOptions.baked(s.id()).withTargetName("sales"));
            try (Ort ort = new Ort(bytes)) {
                for (int batch : BATCHES) {
                    checkBaked(c, model, s, ort, batch);
                }
            }
        }
    }

    static void checkBaked(Case c, FittedRnn model, TimeSeries s, Ort ort, int batch) throws Exception {
        RnnConfig config = model.config();
        int w = config.window();
        int h = config.horizon();
        int k = config.calendarFeatures() ? CalendarFeatures.names(model.frequency()).size() : 0;
        int f = 1 + config.covariates().size() + k;
        boolean future = config.strategy() == Strategy.RECURSIVE && k > 0 && h > 1;
        float[] x = new float[batch * w * f];
        float[] cal = new float[batch * Math.max(0, h - 1) * k];
        double[] expected = new double[batch * h];
        for (int row = 0; row < batch; row++) {
            TimeSeries history = s.head(s.size() - 2 * row);                 // each row another forecast origin
            Fixtures.rawWindow(history, config, model.frequency(), x, row);
            if (future) {
                Fixtures.futureCalendar(history, h, k, cal, row);
            }
            System.arraycopy(model.forecast(history).values(), 0, expected, row * h, h);
        }
        List<Ort.In> inputs = new ArrayList<>();
        inputs.add(new Ort.In("input", x, batch, w, f));
        if (future) {
            inputs.add(new Ort.In("future_calendar", cal, batch, h - 1, k));
        }
        assertEquals(inputs.size(), ort.session().getNumInputs(), "graph inputs");
        Diff.check(c.name() + "_baked B=" + batch + " series " + s.id(), ort.run(inputs.toArray(Ort.In[]::new)), expected);
    }

    /**
     * A quantile network's {@code quantiles} output: plain, the non-crossing map of the network's raw outputs (the
     * Java map, in double, rounded once); baked, the forecast's distribution in the series' units, the median
     * being the {@code forecast} output. ONNX Runtime's values must not cross either.
     */
    static Stream<Arguments> quantileCases() {
        return cases().filter(a -> ((FittedRnn) a.get()[1]).config().hasQuantiles());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quantileCases")
    void quantileOutputsAreTheForecastsQuantiles(Case c, FittedRnn model) throws Exception {
        RnnConfig config = model.config();
        ForecastLayout layout = ForecastLayout.of(model, "sales");
        int w = layout.window();
        int f = layout.features();
        int h = config.horizon();
        int nq = config.outputsPerStep();
        int batch = 3;
        try (Ort ort = new Ort(OnnxExport.toBytes(model, OnnxExportOptions.defaults()))) {
            float[] x = NetworkExportTest.normal(batch * w * f, batch);
            float[] raw = model.model().predict(Tensor.wrap(x, batch, w, f)).data();
            float[] got = ort.run(OnnxExport.QUANTILES, new Ort.In(OnnxExport.INPUT, x, batch, w, f));
            Diff.check(c.name() + "_q_plain", got, config.quantileMap().quantiles(raw));
            assertOrdered(got, nq);
            assertEquals(config.quantiles().toString().replace(" ", ""),
                    ort.session().getMetadata().getCustomMetadata().get(OnnxMetadata.QUANTILES));
        }
        TimeSeries s = c.series().get(0);
        try (Ort ort = new Ort(OnnxExport.toBytes(model, OnnxExportOptions.baked(s.id())))) {
            float[] x = new float[batch * w * f];
            double[] expected = new double[batch * h * nq];
            for (int row = 0; row < batch; row++) {
                TimeSeries history = s.head(s.size() - 2 * row);
                Fixtures.rawWindow(history, config, model.frequency(), x, row);
                double[][] q = model.forecast(history).distribution().values();
                for (int k = 0; k < h; k++) {
                    System.arraycopy(q[k], 0, expected, (row * h + k) * nq, nq);
                }
            }
            float[] got = ort.run(OnnxExport.QUANTILES, new Ort.In("input", x, batch, w, f));
            Diff.check(c.name() + "_q_baked", got, expected);
            assertOrdered(got, nq);
        }
    }

    private static void assertOrdered(float[] q, int nq) {
        for (int i = 0; i + 1 < q.length; i++) {
            if ((i + 1) % nq != 0) {
                org.junit.jupiter.api.Assertions.assertTrue(q[i] <= q[i + 1], "quantiles cross at " + i);
            }
        }
    }

    @AfterAll
    static void printSummary() {
        System.out.println("ONNX Runtime vs Seqcast, forecasters:\n" + Diff.summary(k -> k.endsWith("_plain") || k.endsWith("_baked")));
    }

}
