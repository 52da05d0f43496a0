package org.seqcast.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.TensorInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.Architecture;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.RnnForecaster;
import org.seqcast.forecast.Strategy;
import org.seqcast.tensor.Tensor;

/**
 * The transformer forecaster ({@link Architecture#TRANSFORMER}) exported unbaked, its graph (window in model units,
 * output relative to the anchor) run in ONNX Runtime against the forecaster's own network on the same windows,
 * batches 1, 3 and 17: direct, recursive, two blocks with quantiles; and with baked scaling, raw windows to the
 * forecasts in the series' units as {@link FittedRnn#forecast} gives them.
 */
class TransformerForecasterExportTest {
    private static List<TimeSeries> data() {
        return List.of(Fixtures.series("a", 96, 100, 0.5, 15, 1), Fixtures.series("b", 84, 40, 0.2, 6, 2));
    }

    private static RnnConfig.Builder transformer(int h) {
        return Fixtures.small(h).units(8).window(12).epochs(2).architecture(Architecture.TRANSFORMER);
    }

    @Test
    void theGraphIsTheForecastersNetwork() throws Exception {
        List<RnnConfig> configs = List.of(transformer(6).build(), transformer(3).strategy(Strategy.RECURSIVE).build(),
                transformer(4).layers(2).quantiles(RnnConfig.intervalLevels(80)).build());
        for (RnnConfig c : configs) {
            FittedRnn model = Fixtures.fit(c, data());
            String name = "forecaster_transformer_" + c.strategy().name().toLowerCase(java.util.Locale.ROOT) + "_"
                    + c.layers() + "layers" + (c.hasQuantiles() ? "_quantiles" : "") + "_plain";
            ForecastLayout layout = ForecastLayout.of(model, "sales");
            int w = layout.window();
            int f = layout.features();
            try (Ort ort = new Ort(OnnxExport.toBytes(model, OnnxExportOptions.defaults().withTargetName("sales")))) {
                NodeInfo in = ort.session().getInputInfo().get(RnnForecaster.INPUT);
                assertArrayEquals(new long[] {-1, w, f}, ((TensorInfo) in.getInfo()).getShape(), "window fixed");
                assertEquals(1, ort.session().getNumInputs(), "the window is the only input");
                for (int batch : ForecasterExportTest.BATCHES) {
                    float[] x = NetworkExportTest.normal(batch * w * f, batch);
                    float[] expected = model.network().predict(Map.of(RnnForecaster.INPUT, Tensor.wrap(x, batch, w, f)));
                    Diff.check(name + " B=" + batch, ort.run(RnnForecaster.OUTPUT,
                            new Ort.In(RnnForecaster.INPUT, x, batch, w, f)), expected);
                    if (c.hasQuantiles()) {
                        Diff.check(name + "_quantiles B=" + batch, ort.run(OnnxExport.QUANTILES,
                                new Ort.In(RnnForecaster.INPUT, x, batch, w, f)), c.quantileMap().quantiles(expected));
                    }
                }
                assertEquals(c.architecture().label(), "transformer");
            }
        }
    }

    @org.junit.jupiter.api.AfterAll
    static void printSummary() {
        System.out.println("ONNX Runtime vs Seqcast, transformer forecasters:\n"
                + Diff.summary(k -> k.startsWith("forecaster_transformer_")));
    }

    /**
     * With baked scaling the graph takes raw windows and gives the forecasts in the series' units, as
     * {@link FittedRnn#forecast} does (ForecasterExportTest's check: each row another forecast origin), direct with
     * the season anchor and log transform, recursive with the calendar features of the forecast steps, quantiles.
     */
    @Test
    void theBakedGraphForecastsAsTheForecasterDoes() throws Exception {
        List<ForecasterExportTest.Case> cases = List.of(
                new ForecasterExportTest.Case("forecaster_transformer_direct_season_log", transformer(6)
                        .anchor(org.seqcast.forecast.Anchor.SEASON).transform(org.seqcast.forecast.TargetTransform.LOG)
                        .build(), data()),
                new ForecasterExportTest.Case("forecaster_transformer_recursive_2layers", transformer(3).layers(2)
                        .strategy(Strategy.RECURSIVE).build(), data().subList(0, 1)),
                new ForecasterExportTest.Case("forecaster_transformer_quantiles", transformer(4)
                        .quantiles(RnnConfig.intervalLevels(80)).build(), data().subList(0, 1)));
        for (ForecasterExportTest.Case c : cases) {
            FittedRnn model = Fixtures.fit(c.config(), c.series());
            for (TimeSeries s : c.series()) {
                try (Ort ort = new Ort(OnnxExport.toBytes(model, OnnxExportOptions.baked(s.id())
                        .withTargetName("sales")))) {
                    for (int batch : ForecasterExportTest.BATCHES) {
                        ForecasterExportTest.checkBaked(c, model, s, ort, batch);
                    }
                }
            }
        }
    }
}
