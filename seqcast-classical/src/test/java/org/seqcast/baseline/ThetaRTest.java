package org.seqcast.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.seqcast.baseline.ExponentialSmoothingRTest.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The Theta method against R's thetaf() (tools/golden/smoothing_r.R) on 8 series (5 of the 6 with m > 1 test seasonal). The
 * seasonality decision must be R's; α, the drift and the forecasts within 1e-8 (relative for drift and forecasts).
 * The test, decomposition and drift are closed-form and agree to rounding; the rest rests on the SES fit, which
 * replays R's optimiser (see ExponentialSmoothingRTest) and agrees to ~1e-15 here. Measured: forecasts ≤ 2.6e-15
 * relative, drift ≤ 4e-14 relative; 1e-8 leaves room for R's long-double sums only.
 */
class ThetaRTest {
    @Test
    void matchesThetaf() {
        JsonNode root = RFixture.json("smoothing_r.json");
        int checked = 0;
        int seasonal = 0;
        for (JsonNode c : root.get("cases")) {
            String series = c.get("series").asText();
            double[] train = RFixture.doubles(c.get("train"));
            int m = c.get("m").asInt();
            int h = c.get("h").asInt();
            JsonNode r = c.get("theta");
            ThetaFit fit = Theta.fit(train, m);
            assertEquals(r.get("seasonal").asBoolean(), fit.seasonal(), series + " seasonality decision");
            assertEquals(fit.seasonal() ? m : 0, fit.seasonalIndices().length, series);
            assertClose(r.get("alpha").asDouble(), fit.alpha(), 1e-8, series + " alpha");
            double drift = r.get("drift").asDouble();
            assertClose(drift, fit.drift(), 1e-8 * Math.abs(drift), series + " drift");
            double[] expected = RFixture.doubles(r.get("forecast"));
            double[] got = fit.forecast(h);
            for (int k = 0; k < h; k++) {
                assertClose(expected[k], got[k], 1e-8 * Math.abs(expected[k]), series + " Theta step " + (k + 1));
            }
            seasonal += fit.seasonal() ? 1 : 0;
            checked++;
        }
        assertEquals(8, checked);
        assertEquals(5, seasonal);
    }

    @Test
    void nonSeasonalThetaIsSesPlusHalfTheTrend() {
        // y = 2t + noise-free line: SES follows it with α → 1, the drift is half the slope.
        double[] y = new double[20];
        for (int t = 0; t < y.length; t++) {
            y[t] = 10 + 2 * t;
        }
        ThetaFit fit = Theta.fit(y, 1);
        assertFalse(fit.seasonal());
        assertClose(1.0, fit.drift(), 1e-12, "drift = slope / 2");
        double[] f = fit.forecast(3);
        double level = fit.ses().finalState()[0];
        double tail = (1 - Math.pow(1 - fit.alpha(), y.length)) / fit.alpha();
        assertArrayEquals(new double[] {level + tail, level + 1 + tail, level + 2 + tail}, f, 1e-9);
    }
}
