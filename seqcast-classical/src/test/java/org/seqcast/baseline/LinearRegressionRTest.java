package org.seqcast.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * LinearRegression against R forecast 8.20's tslm and forecast(fit, newdata, level = c(80, 95))
 * (tools/golden/regression_r.R) on fpp2's uschange (with and without trend and quarterly dummies), elecdaily (daily
 * dummies starting on a Wednesday, working day, temperature and its square) and insurance (monthly dummies, trend,
 * with and without TV advertising): every coefficient by name, σ², the residual degrees of freedom, the fitted
 * values, the forecasts and both bounds at both levels within {@value #TOLERANCE} relative to R's value (R's
 * JSON has 15 significant digits). Both solve the same least squares by Householder QR in the same column order, so they
 * agree to rounding. Measured on this fixture: at most 9.3e-13 relative (purely
 * relative, so uschange's trend of −0.001 counts as fully as elecdaily's intercept of 355).
 */
class LinearRegressionRTest {
    static final double TOLERANCE = 1e-10;
    private static final double[] LEVELS = {80, 95};

    @Test
    void matchesTslm() {
        JsonNode root = RFixture.json("regression_r.json");
        assertArrayEquals(LEVELS, RFixture.doubles(root.get("meta").get("levels")));
        int cases = 0;
        for (JsonNode c : root.get("cases")) {
            String label = c.get("name").asText();
            List<String> names = new ArrayList<>();
            c.get("regressors").forEach(r -> names.add(r.asText()));
            RegressionTerms terms = new RegressionTerms(c.get("trend").asBoolean(), c.get("m").asInt(),
                    c.get("start").asInt());
            RegressionFit fit = LinearRegression.fit(RFixture.doubles(c.get("y")), names, arrays(c.get("x_past")),
                    terms);
            List<String> rNames = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = c.get("coefficients").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                rNames.add(e.getKey());
                compare(e.getValue().asDouble(), fit.coefficient(e.getKey()), label + " " + e.getKey());
            }
            assertEquals(rNames, fit.names(), label + ": R's coefficients in R's order");
            assertEquals(c.get("df").asInt(), fit.degreesOfFreedom(), label + " df");
            compare(c.get("sigma2").asDouble(), fit.sigma2(), label + " sigma2");
            compare(RFixture.doubles(c.get("fitted")), fit.fitted(), label + " fitted");
            int h = c.get("h").asInt();
            PredictionIntervals got = fit.intervals(h, arrays(c.get("x_future")), LEVELS);
            compare(RFixture.doubles(c.get("mean")), got.forecast(), label + " mean");
            for (int l = 0; l < LEVELS.length; l++) {
                String at = label + " " + LEVELS[l] + "% ";
                compare(RFixture.doubles(c.get("lower").get(l)), got.lower(LEVELS[l]), at + "lower");
                compare(RFixture.doubles(c.get("upper").get(l)), got.upper(LEVELS[l]), at + "upper");
            }
            cases++;
        }
        assertEquals(5, cases);
    }

    private static double[][] arrays(JsonNode node) {
        double[][] x = new double[node.size()][];
        for (int j = 0; j < x.length; j++) {
            x[j] = RFixture.doubles(node.get(j));
        }
        return x;
    }

    private static double compare(double[] expected, double[] got, String label) {
        assertEquals(expected.length, got.length, label + " length");
        double worst = 0;
        for (int k = 0; k < expected.length; k++) {
            compare(expected[k], got[k], label + " [" + k + "]");
        }
        return worst;
    }

    /** Relative to R's value (none of the fixture's is 0; the smallest, uschange's trend, is about −0.001). */
    private static void compare(double expected, double got, String label) {
        assertTrue(expected != 0, label + ": the fixture's values are compared relatively, so none may be 0");
        double rel = Math.abs(got - expected) / Math.abs(expected);
        assertTrue(rel <= TOLERANCE, label + ": R " + expected + ", Seqcast " + got + " (relative " + rel + ")");
    }
}
