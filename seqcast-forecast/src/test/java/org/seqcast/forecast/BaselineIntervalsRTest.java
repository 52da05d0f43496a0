package org.seqcast.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqcast.data.TimeIndex;
import org.seqcast.data.TimeSeries;

/**
 * A baseline forecaster with levels gives forecasts that carry R's prediction intervals (tools/golden/intervals_r.R):
 * the wiring from {@link BaselineForecaster#withLevels} through {@link FittedBaseline#forecast} to the
 * {@link ForecastDistribution}; the interval formulas themselves are tested in seqcast-classical (IntervalsRTest).
 */
class BaselineIntervalsRTest {
    private static final Path GOLDEN = Path.of("../testdata/r/intervals_r.json");
    /** Forecaster names and the fixture's names of the same R functions. */
    private static final Map<String, String> NAMES = Map.of("theta", "theta", "hw-mult", "hw_multiplicative",
            "drift", "drift", "mean", "meanf");

    @Test
    void forecastsCarryRsIntervals() throws IOException {
        JsonNode root = new ObjectMapper().readTree(GOLDEN.toFile());
        int checked = 0;
        for (JsonNode c : root.get("cases")) {
            TimeSeries train = series(c);
            int h = c.get("h").asInt();
            for (JsonNode r : c.get("forecasts")) {
                for (Map.Entry<String, String> name : NAMES.entrySet()) {
                    if (name.getValue().equals(r.get("method").asText())) {
                        check(name.getKey(), train, h, r);
                        checked++;
                    }
                }
            }
        }
        assertEquals(15, checked, "theta, drift and mean on 4 series, hw-mult on 3");
    }

    @Test
    void withoutLevelsForecastsStayPoints() {
        TimeSeries s = Series.seasonal("s", 48, 10, 1, 12);
        BaselineForecaster plain = BaselineForecaster.of("theta", 6);
        assertEquals(0, plain.levels().length);
        Forecast f = plain.fit(s).forecast(s);
        assertFalse(f.hasDistribution());
        Forecast g = plain.withLevels(95, 80).fit(s).forecast(s);
        assertArrayEquals(f.values(), g.values(), 0, "levels change nothing of the point forecast");
        assertEquals(List.of("lo80", "hi80", "lo95", "hi95"), g.distribution().columns());
    }

    @Test
    void badLevelsAndShortHistoriesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BaselineForecaster.of("naive", 3).withLevels(80, 100));
        assertTrue(e.getMessage().contains("levels: 100 is outside (0, 100)"), e.getMessage());
        TimeSeries one = TimeSeries.of("one", TimeIndex.plain(1, 1), new double[] {5});
        FittedBaseline fitted = BaselineForecaster.of("naive", 3).withLevels(80).fit(one);
        e = assertThrows(IllegalArgumentException.class, () -> fitted.forecast(one));
        assertTrue(e.getMessage().startsWith("series 'one': no prediction intervals"), e.getMessage());
    }

    private static void check(String name, TimeSeries train, int h, JsonNode r) {
        double[] levels = {80, 95};
        Forecast f = BaselineForecaster.of(name, h).withLevels(levels).fit(train).forecast(train);
        String label = name + " on " + train.id();
        assertClose(r.get("mean"), f.values(), label + " mean");
        for (int l = 0; l < levels.length; l++) {
            assertClose(r.get("lower").get(l), f.distribution().lower(levels[l]), label + " lower " + levels[l]);
            assertClose(r.get("upper").get(l), f.distribution().upper(levels[l]), label + " upper " + levels[l]);
        }
    }

    /** Within 1e-9 relative (the fits replay R's; IntervalsRTest measures the agreement). */
    private static void assertClose(JsonNode expected, double[] got, String label) {
        assertEquals(expected.size(), got.length, label);
        for (int k = 0; k < got.length; k++) {
            double e = expected.get(k).asDouble();
            assertEquals(e, got[k], 1e-9 * Math.max(1, Math.abs(e)), label + " step " + (k + 1));
        }
    }

    private static TimeSeries series(JsonNode c) {
        double[] y = new double[c.get("train").size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = c.get("train").get(i).asDouble();
        }
        return TimeSeries.of(c.get("series").asText(), TimeIndex.plain(1, y.length), y)
                .withSeasonalPeriod(c.get("m").asInt());
    }
}
