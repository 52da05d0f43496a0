package org.seqcast.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqcast.data.TimeIndex;
import org.seqcast.data.TimeSeries;

/**
 * Every baseline forecaster, by the name users type, reproduces R's function of the same role on the R
 * fixtures of seqcast-core (tools/golden/accuracy_r.R and smoothing_r.R): this checks the wiring (which R
 * function and which fitting criterion each name means); the methods themselves are tested in seqcast-core.
 */
class BaselineForecasterRTest {
    private static final Path GOLDEN = Path.of("../testdata/r");
    private static final Map<String, String> ETS_NAMES = Map.of("ses", "ses", "holt", "holt", "holt-damped",
            "holt_damped", "hw", "hw_additive", "hw-mult", "hw_multiplicative");

    @Test
    void smoothingThetaAndArMatchR() throws IOException {
        JsonNode root = new ObjectMapper().readTree(GOLDEN.resolve("smoothing_r.json").toFile());
        int checked = 0;
        for (JsonNode c : root.get("cases")) {
            TimeSeries train = series(c);
            int h = c.get("h").asInt();
            for (JsonNode e : c.get("ets")) {
                String rName = e.get("method").asText();
                for (Map.Entry<String, String> n : ETS_NAMES.entrySet()) {
                    if (n.getValue().equals(rName) && e.get("criterion").asText().equals("mse")) {
                        check(n.getKey(), train, h, e.get("forecast"), c.get("series").asText());
                        checked++;
                    }
                }
            }
            check("theta", train, h, c.get("theta").get("forecast"), c.get("series").asText());
            check("ar", train, h, c.get("ar").get("forecast"), c.get("series").asText());
            checked += 2;
        }
        assertTrue(checked >= 30, "only " + checked + " comparisons");
    }

    @Test
    void simpleBaselinesMatchR() throws IOException {
        JsonNode root = new ObjectMapper().readTree(GOLDEN.resolve("accuracy_r.json").toFile());
        Map<String, String> names = Map.of("naive", "naive", "snaive", "snaive", "drift", "drift", "mean", "mean");
        int checked = 0;
        for (JsonNode c : root.get("cases")) {
            check(names.get(c.get("method").asText()), series(c), c.get("h").asInt(), c.get("forecast"),
                    c.get("series").asText());
            checked++;
        }
        assertEquals(16, checked, "4 methods on 4 series");
    }

    @Test
    void seasonalMethodsNeedASeason() {
        TimeSeries yearly = TimeSeries.of("y", TimeIndex.plain(1, 30), Series.seasonal("s", 30, 10, 1, 2).values());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BaselineForecaster.of("hw", 3).fit(yearly).forecast(yearly));
        assertTrue(e.getMessage().startsWith("series 'y': "), e.getMessage());
    }

    private static TimeSeries series(JsonNode c) {
        double[] y = new double[c.get("train").size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = c.get("train").get(i).asDouble();
        }
        return TimeSeries.of(c.get("series").asText(), TimeIndex.plain(1, y.length), y)
                .withSeasonalPeriod(c.get("m").asInt());
    }

    private static void check(String name, TimeSeries train, int h, JsonNode expected, String series) {
        double[] f = BaselineForecaster.of(name, h).fit(train).forecast(train).values();
        assertEquals(expected.size(), f.length);
        for (int k = 0; k < f.length; k++) {
            double r = expected.get(k).asDouble();
            assertEquals(r, f[k], 1e-6 * Math.max(1, Math.abs(r)), name + " on " + series + " step " + (k + 1));
        }
    }
}
