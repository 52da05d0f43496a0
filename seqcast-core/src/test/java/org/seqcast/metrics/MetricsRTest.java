package org.seqcast.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Our metric definitions against R's forecast::accuracy (fixture from tools/golden/accuracy_r.R): naive,
 * seasonal naive, drift and mean forecasts of AirPassengers, USAccDeaths, austres and Nile, to 1e-9 relative.
 */
class MetricsRTest {
    private static final double TOL = 1e-9;

    private static double[] doubles(JsonNode a) {
        double[] d = new double[a.size()];
        for (int k = 0; k < d.length; k++) {
            d[k] = a.get(k).asDouble();
        }
        return d;
    }

    private static void close(String what, double expected, double actual) {
        assertTrue(Math.abs(expected - actual) <= TOL * Math.abs(expected), what + ": R " + expected + ", Seqcast " + actual);
    }

    @Test
    void matchesRAccuracy() throws IOException {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/golden/accuracy_r.json")) {
            root = new ObjectMapper().readTree(in);
        }
        int checked = 0;
        for (JsonNode c : root.get("cases")) {
            String name = c.get("series").asText() + " " + c.get("method").asText();
            double[] train = doubles(c.get("train"));
            double[] test = doubles(c.get("test"));
            double[] forecast = doubles(c.get("forecast"));
            int m = c.get("m").asInt();
            MetricReport r = MetricReport.of(test, forecast, train, m);
            close(name + " RMSE", c.get("RMSE").asDouble(), r.rmse());
            close(name + " MSE", c.get("MSE").asDouble(), r.mse());
            close(name + " MAE", c.get("MAE").asDouble(), r.mae());
            close(name + " MAPE", c.get("MAPE").asDouble(), r.mape());
            close(name + " sMAPE", c.get("sMAPE").asDouble(), r.smape());
            close(name + " MASE", c.get("MASE").asDouble(), r.mase());
            checked++;
        }
        assertEquals(16, checked);
    }
}
