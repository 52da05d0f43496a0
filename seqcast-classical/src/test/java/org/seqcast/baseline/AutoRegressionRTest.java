package org.seqcast.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.seqcast.baseline.ExponentialSmoothingRTest.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * AR(p) with p by AIC against R's ar() and predict() (tools/golden/smoothing_r.R) on 8 series (orders 1, 2, 3, 3,
 * 7, 13, 13, 13). Everything is closed-form (Levinson–Durbin as R's eureka.f), so the order and the largest order
 * must be equal and the rest agree to rounding: coefficients within 1e-10, mean, prediction variance and forecasts
 * within 1e-10 relative, the AIC differences within 1e-8. Measured: ≤ 8e-15 relative.
 */
class AutoRegressionRTest {
    @Test
    void matchesArAndPredict() {
        JsonNode root = RFixture.json("smoothing_r.json");
        int checked = 0;
        for (JsonNode c : root.get("cases")) {
            String series = c.get("series").asText();
            double[] train = RFixture.doubles(c.get("train"));
            int h = c.get("h").asInt();
            JsonNode r = c.get("ar");
            ArFit fit = AutoRegression.fit(train);
            assertEquals(r.get("order").asInt(), fit.order(), series + " order");
            assertEquals(r.get("order_max").asInt(), fit.maxOrder(), series + " order.max");
            double[] coef = RFixture.doubles(r.get("coefficients"));
            for (int j = 0; j < coef.length; j++) {
                assertClose(coef[j], fit.coefficients()[j], 1e-10, series + " a_" + (j + 1));
            }
            assertClose(r.get("mean").asDouble(), fit.mean(), 1e-10 * Math.abs(fit.mean()), series + " mean");
            double v = r.get("var_pred").asDouble();
            assertClose(v, fit.innovationVariance(), 1e-10 * v, series + " var.pred");
            double[] aic = RFixture.doubles(r.get("aic"));
            assertEquals(aic.length, fit.aic().length, series);
            for (int k = 0; k < aic.length; k++) {
                assertClose(aic[k], fit.aic()[k], 1e-8, series + " AIC of order " + k);
            }
            double[] expected = RFixture.doubles(r.get("forecast"));
            double[] got = fit.forecast(h);
            for (int k = 0; k < h; k++) {
                assertClose(expected[k], got[k], 1e-10 * Math.abs(expected[k]), series + " AR step " + (k + 1));
            }
            checked++;
        }
        assertEquals(8, checked);
    }

    @Test
    void recoversASimulatedAr1() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        double[] y = new double[2000];
        double x = 0;
        for (int t = 0; t < y.length; t++) {
            x = 0.8 * x + (rng.nextDouble() - 0.5);
            y[t] = 50 + x;
        }
        ArFit fit = AutoRegression.fit(y, 1);
        assertEquals(1, fit.order());
        assertClose(0.8, fit.coefficients()[0], 0.05, "a_1");
        assertClose(50, fit.mean(), 0.2, "mean");
        assertClose(1.0 / 12, fit.innovationVariance(), 0.01, "innovation variance of U(-1/2, 1/2)");
    }

    @Test
    void forecastsFollowTheRecursionFromTheLastValues() {
        ArFit fit = new ArFit(new double[] {0.5, 0.25}, 1.0, 1.0, new double[] {3, 1, 0}, new double[] {2.0, 3.0});
        // x = (1, 2) around the mean 1: 0.5·2 + 0.25·1 = 1.25, then 0.5·1.25 + 0.25·2 = 1.125.
        assertArrayEquals(new double[] {2.25, 2.125}, fit.forecast(2), 1e-15);
        assertEquals(2, fit.order());
        assertEquals(2, fit.maxOrder());
    }
}
