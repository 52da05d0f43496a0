package org.seqcast.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seqcast.data.Frequency;
import org.seqcast.data.TimeIndex;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.RnnForecaster;
import org.seqcast.forecast.RnnNetwork;
import org.seqcast.tensor.Tensor;

/**
 * A forecaster with future-known and static covariates exported with its covariates as named inputs and run in
 * ONNX Runtime against the forecaster's own network on the same inputs.
 */
class CovariateForecasterExportTest {
    private static final int H = 5;

    private static List<TimeSeries> data() {
        SplittableRandom r = new SplittableRandom(4);
        List<TimeSeries> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = 60;
            double[] y = new double[n];
            double[] price = new double[n];
            for (int t = 0; t < n; t++) {
                price[t] = 1 + r.nextDouble();
                y[t] = 10 * i + 5 - 3 * price[t] + r.nextDouble();
            }
            Map<String, double[]> columns = new LinkedHashMap<>();
            columns.put("sales", y);
            columns.put("price", price);
            out.add(new TimeSeries("s" + i, TimeIndex.of(Frequency.MONTHLY, LocalDate.of(2001, 1, 1), n), "sales",
                    columns, 12, Map.of("store", i % 2 == 0 ? "north" : "south", "size", String.valueOf(i + 1)),
                    Map.of()));
        }
        return out;
    }

    private static FittedRnn fitted(List<Double> quantiles) {
        RnnConfig c = RnnConfig.builder(H).window(6).units(5).epochs(2).seed(2).futureCovariates(List.of("price"))
                .staticCovariates(List.of("store", "size")).quantiles(quantiles).build();
        return new RnnForecaster(c).fit(data());
    }

    @Test
    void theDecoderInputsAreNamedInputsAndTheOutputsMatch() throws Exception {
        for (List<Double> quantiles : List.of(List.<Double>of(), List.of(0.1, 0.9))) {
            FittedRnn model = fitted(quantiles);
            RnnNetwork.Conditioned network = (RnnNetwork.Conditioned) model.network();
            byte[] bytes = OnnxExport.toBytes(model, OnnxExportOptions.defaults());
            SplittableRandom r = new SplittableRandom(8);
            int batch = 3;
            Map<String, Tensor> inputs = new LinkedHashMap<>();
            for (var node : network.graph().inputs()) {
                int width = 1;
                for (int d : node.shape()) {
                    width *= d;
                }
                float[] v = new float[batch * width];
                for (int k = 0; k < v.length; k++) {
                    v[k] = (float) r.nextDouble(-1, 1);
                }
                int[] shape = new int[node.shape().length + 1];
                shape[0] = batch;
                System.arraycopy(node.shape(), 0, shape, 1, node.shape().length);
                inputs.put(node.name(), Tensor.wrap(v, shape));
            }
            assertEquals(List.of("x", "future", "static", "static_store"), List.copyOf(inputs.keySet()));
            float[] expected = network.predict(inputs);
            try (Ort ort = new Ort(bytes)) {
                List<Ort.In> feed = new ArrayList<>();
                inputs.forEach((name, t) -> {
                    long[] shape = new long[t.shape().length];
                    for (int k = 0; k < shape.length; k++) {
                        shape[k] = t.shape()[k];
                    }
                    feed.add(new Ort.In(name, t.data(), shape));
                });
                Diff.check("covariate forecaster " + quantiles, ort.run("y", feed.toArray(new Ort.In[0])), expected);
                Map<String, String> custom = ort.session().getMetadata().getCustomMetadata();
                assertEquals("[\"price\"]", custom.get(OnnxMetadata.FUTURE_COVARIATES));
                assertTrue(custom.get(OnnxMetadata.STATIC_ENCODING).contains("\"north\""), custom::toString);
                assertEquals(!quantiles.isEmpty(), ort.session().getOutputNames().contains("quantiles"));
            }
        }
    }

    @Test
    void bakedScalingIsRefusedByName() {
        FittedRnn model = fitted(List.of());
        OnnxExportException e = assertThrows(OnnxExportException.class,
                () -> OnnxExport.toBytes(model, OnnxExportOptions.baked("s0")));
        assertTrue(e.getMessage().contains("[price]"), e.getMessage());
    }
}
