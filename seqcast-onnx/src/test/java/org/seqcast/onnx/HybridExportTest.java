package org.seqcast.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.DecomposedForecaster;
import org.seqcast.forecast.FittedDecomposed;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.Scaling;
import org.seqcast.forecast.TargetTransform;
import org.seqcast.tensor.Tensor;

/**
 * A network on seasonally adjusted series (lstm-deseason): baked, the graph divides the raw window by the seasonal
 * indices it is given and multiplies the forecasts (and quantiles) back, as {@link FittedDecomposed#forecast} does;
 * unbaked, it is the inner network, with every series' indices in the metadata.
 */
class HybridExportTest {
    private static final TimeSeries A = Fixtures.series("a", 96, 100, 0.5, 30, 1);
    private static final TimeSeries B = Fixtures.series("b", 84, 40, 0.2, 12, 2);

    private static FittedDecomposed fit(RnnConfig config) {
        FittedDecomposed hybrid = new DecomposedForecaster(config).fit(List.of(A, B));
        for (TimeSeries s : List.of(A, B)) {
            assertTrue(hybrid.adjustments().get(s.id()).adjusted(), "premise: series " + s.id() + " is adjusted");
        }
        return hybrid;
    }

    @Test
    void bakedGraphForecastsAsTheHybridDoes() throws Exception {
        List<RnnConfig> configs = List.of(
                Fixtures.small(6).cell(Cell.LSTM).window(24).transform(TargetTransform.LOG1P).scaling(Scaling.NONE)
                        .loss("mae").build(),
                Fixtures.small(4).cell(Cell.GRU).window(12).quantiles(RnnConfig.intervalLevels(80)).build());
        for (RnnConfig config : configs) {
            FittedDecomposed hybrid = fit(config);
            for (TimeSeries s : List.of(A, B)) {
                try (Ort ort = new Ort(OnnxExport.toBytes(hybrid, OnnxExportOptions.baked(s.id())
                        .withTargetName("sales")))) {
                    assertEquals(2, ort.session().getNumInputs(), "the window and the seasonal indices");
                    check(hybrid, s, ort, 3);
                }
            }
        }
    }

    private static void check(FittedDecomposed hybrid, TimeSeries s, Ort ort, int batch) throws Exception {
        RnnConfig config = hybrid.config();
        int w = config.window();
        int h = config.horizon();
        int f = ForecastLayout.of(hybrid.network(), "sales").features();
        int nq = config.hasQuantiles() ? config.outputsPerStep() : 0;
        FittedDecomposed.Adjustment a = hybrid.adjustments().get(s.id());
        float[] x = new float[batch * w * f];
        float[] indices = new float[batch * (w + h)];
        double[] expected = new double[batch * h];
        double[] quantiles = new double[batch * h * nq];
        for (int row = 0; row < batch; row++) {
            TimeSeries history = s.head(s.size() - 2 * row);                 // each row another forecast origin
            int n = history.size();
            Fixtures.rawWindow(history, config, hybrid.network().frequency(), x, row);
            for (int t = 0; t < w + h; t++) {
                indices[row * (w + h) + t] = (float) a.indexAt(n - w + t);
            }
            var forecast = hybrid.forecast(history);
            System.arraycopy(forecast.values(), 0, expected, row * h, h);
            for (int k = 0; k < h && nq > 0; k++) {
                System.arraycopy(forecast.distribution().values()[k], 0, quantiles, (row * h + k) * nq, nq);
            }
        }
        Ort.In[] in = {new Ort.In(OnnxExport.INPUT, x, batch, w, f),
                new Ort.In(OnnxExport.SEASONAL_INDICES, indices, batch, w + h)};
        Diff.check("hybrid_" + config.cell().label() + "_baked series " + s.id(), ort.run(in), expected);
        if (nq > 0) {
            Diff.check("hybrid_" + config.cell().label() + "_quantiles series " + s.id(),
                    ort.run(OnnxExport.QUANTILES, in), quantiles);
        }
    }

    @Test
    void plainGraphIsTheNetworkWithTheIndicesInTheMetadata() throws Exception {
        FittedDecomposed hybrid = fit(Fixtures.small(6).cell(Cell.LSTM).window(24).build());
        ForecastLayout layout = ForecastLayout.of(hybrid.network(), "sales");
        int w = layout.window();
        int f = layout.features();
        try (Ort ort = new Ort(OnnxExport.toBytes(hybrid, OnnxExportOptions.defaults()))) {
            float[] x = NetworkExportTest.normal(2 * w * f, 2);
            Diff.check("hybrid_plain", ort.run(new Ort.In(OnnxExport.INPUT, x, 2, w, f)),
                    hybrid.network().model().predict(Tensor.wrap(x, 2, w, f)).data());
            JsonNode meta = new ObjectMapper().readTree(ort.session().getMetadata().getCustomMetadata()
                    .get(OnnxMetadata.SEASONAL_ADJUSTMENT));
            for (TimeSeries s : List.of(A, B)) {
                FittedDecomposed.Adjustment a = hybrid.adjustments().get(s.id());
                JsonNode one = meta.get("series").get(s.id());
                assertEquals(a.length(), one.get("length").asInt());
                assertEquals(a.start(), one.get("start").asText());
                double[] indices = new double[one.get("indices").size()];
                for (int j = 0; j < indices.length; j++) {
                    indices[j] = one.get("indices").get(j).asDouble();
                }
                assertArrayEquals(a.indices(), indices, "series " + s.id());
                // the rule the metadata states gives the hybrid's index at any position
                int n = a.length();
                int m = indices.length;
                for (int t = n - 30; t < n + 10; t++) {
                    assertEquals(a.indexAt(t), indices[Math.floorMod(t - (n - m), m)], "position " + t);
                }
            }
            assertTrue(meta.get("rule").asText().contains("indices[(t - (length - m)) mod m]"));
        }
    }
}
