package org.seqcast.metrics;

import org.seqcast.baseline.RFixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Our metric definitions against R's forecast::accuracy (fixture from tools/golden/accuracy_r.R): naive,
 * seasonal naive, drift and mean forecasts of AirPassengers, USAccDeaths, austres and Nile, to 1e-9 relative.
 */
class MetricsRTest {
    private static final double TOL = 1e-9;

    private static void close(String what, double expected, double actual) {
        assertTrue(Math.abs(expected - actual) <= TOL * Math.abs(expected), what + ": R " + expected + ", Seqcast " + actual);
    }

    @Test
    void matchesRAccuracy() {
        JsonNode root = RFixture.json("accuracy_r.json");
        int checked = 0;
        for (JsonNode c : root.get("cases")) {
            String name = c.get("series").asText() + " " + c.get("method").asText();
            double[] train = RFixture.doubles(c.get("train"));
            double[] test = RFixture.doubles(c.get("test"));
            double[] forecast = RFixture.doubles(c.get("forecast"));
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
